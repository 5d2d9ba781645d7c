/** The shape of a return: a template version's themes and questions, as the agency sees them. */
import type { GradeDescriptorsJson, Rag, Response, ResponseScale } from '../../db/schema.ts';

export interface QuestionInfo {
  id: string;
  key: string;
  /** 1-based position within its theme; form fields are named after it (q3-response). */
  number: number;
  text: string;
  guidance: string;
  scale: ResponseScale;
  evidencePrompt: string;
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
  questions: QuestionInfo[];
}

export interface ReturnStructure {
  templateVersionId: string;
  themes: ThemeInfo[];
}

export interface AnswerValues {
  response: Response | null;
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

export const RESPONSE_LABELS: Record<Response, string> = {
  fully_met: 'Fully met',
  partly_met: 'Partly met',
  not_met: 'Not met',
  yes: 'Yes',
  no: 'No',
  na: 'N/A',
};

export const SCALE_RESPONSES: Record<ResponseScale, Response[]> = {
  graded: ['not_met', 'partly_met', 'fully_met', 'na'],
  yes_no: ['yes', 'no', 'na'],
};

export const RAG_LABELS: Record<Rag, string> = { red: 'Red', amber: 'Amber', green: 'Green' };

export function emptyAnswer(): AnswerValues {
  return {
    response: null,
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
