/**
 * What a draft template may hold: the limits (the same as the template file format,
 * docs/template-format.md) and the answers a question's condition can name.
 */
import type { DraftQuestion } from './draft-editing.repository.ts';
import { RESPONSE_SCALES } from './template-definition.ts';

export const LIMITS = {
  name: 200,
  templateDescription: 2000,
  descriptor: 500,
  themeTitle: 200,
  themeDescription: 1000,
  guidance: 4000,
  questionText: 1000,
  evidencePrompt: 1000,
  optionLabel: 200,
  themes: 30,
  questions: 40,
  options: 20,
  weight: 10,
} as const;

/** A choosable answer of an earlier question, for conditions. */
export interface ConditionAnswer {
  value: string;
  label: string;
}

export const scaleHasOptions = (scale: string) =>
  RESPONSE_SCALES.some((s) => s.value === scale && s.hasOptions);

/** The answers a condition can name: the question's options, or its scale's fixed answers. */
export function conditionAnswers(q: Pick<DraftQuestion, 'scale' | 'options'>): ConditionAnswer[] {
  if (scaleHasOptions(q.scale)) return q.options.map((o) => ({ value: o.key, label: o.label }));
  const fixed = RESPONSE_SCALES.find((s) => s.value === q.scale)?.fixed ?? [];
  return fixed.map((o) => ({ value: o.key, label: o.label }));
}

/** An earlier question of the same theme that a condition can name. */
export interface EarlierQuestion {
  id: string;
  number: number;
  text: string;
  answers: ConditionAnswer[];
}
