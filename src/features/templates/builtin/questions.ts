/** Shorthands for writing built-in templates: a graded statement and a question of fact. */
import type { QuestionDefinition } from '../template-definition.ts';

/** A graded statement: Not met / Partly met / Fully met / N/A. */
export const graded = (
  key: string,
  text: string,
  guidance: string,
  evidencePrompt: string,
): QuestionDefinition => ({ key, text, guidance, scale: 'graded', evidencePrompt });

/** A plain question of fact: Yes / No / N/A. */
export const yesNo = (
  key: string,
  text: string,
  guidance: string,
  evidencePrompt: string,
): QuestionDefinition => ({ key, text, guidance, scale: 'yes_no', evidencePrompt });
