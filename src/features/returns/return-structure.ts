/** The shape of a return: a template version's themes and questions, as the agency sees them. */
import type { GradeDescriptorsJson, Rag, ResponseScale, ScaleOptionJson } from '../../db/schema.ts';

export interface QuestionInfo {
  id: string;
  key: string;
  /** 1-based position within its theme; form fields are named after it (q3-response). */
  number: number;
  text: string;
  guidance: string;
  scale: ResponseScale;
  evidencePrompt: string;
  /** An optional question may be left unanswered: it never blocks its theme nor counts Red. */
  required: boolean;
  /** Weight in scores; 0 leaves the question out of them. */
  weight: number;
  /** The named levels or choices of four_level, choose_one and choose_many. */
  options: ScaleOptionJson[];
  /** Shown only when the earlier question `questionId` of the theme has one of these answers. */
  showWhen: { questionId: string; answers: string[] } | null;
}

export interface ThemeInfo {
  id: string;
  key: string;
  number: number;
  title: string;
  description: string;
  guidance: string;
  gradeDescriptors: GradeDescriptorsJson;
  /** Empty: every locality. */
  localityIds: string[];
  /** Empty: every sector. Otherwise only agencies in one of these sectors. */
  sectors: string[];
  questions: QuestionInfo[];
}

export interface ReturnStructure {
  templateVersionId: string;
  themes: ThemeInfo[];
}

export interface AnswerValues {
  /** A fixed answer (graded, yes_no) or the chosen option's key (four_level, choose_one). */
  response: string | null;
  /** The chosen options' keys (choose_many). */
  choices: string[];
  /** The answer to a text, number or date question (a date as 2027-03-31). */
  value: string;
  naReason: string;
  evidenceDocument: string;
  evidenceLocation: string;
  comment: string;
  impact: string;
  /** The area for development, when the response needs one. */
  actionDescription: string;
  actionTargetDate: string | null;
  /**
   * Pre-filled from the agency's last audit and not yet confirmed or changed: it counts as
   * unanswered (for progress, completion, scores and the Red-at-submission rule) until then.
   */
  awaitingConfirmation?: boolean;
}

export interface ThemeRatingValues {
  rating: Rag | null;
  justification: string;
  actionDescription: string;
  actionTargetDate: string | null;
  completed: boolean;
}

export function emptyAnswer(): AnswerValues {
  return {
    response: null,
    choices: [],
    value: '',
    naReason: '',
    evidenceDocument: '',
    evidenceLocation: '',
    comment: '',
    impact: '',
    actionDescription: '',
    actionTargetDate: null,
  };
}

export function emptyRating(): ThemeRatingValues {
  return { rating: null, justification: '', actionDescription: '', actionTargetDate: null, completed: false };
}
