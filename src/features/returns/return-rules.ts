/**
 * The rules of a Section 11 return, as pure functions (DESIGN.md, "Rules taken from the seed pages").
 */
import type { Rag, Response } from '../../db/schema.ts';
import type { AnswerValues, QuestionInfo, ThemeInfo, ThemeRatingValues } from './return-structure.ts';

/** Responses that count as meeting the standard. */
export const MET_RESPONSES: ReadonlySet<Response> = new Set(['fully_met', 'yes']);
/** Responses that need an area for development (an action) with a target date. */
export const ACTION_RESPONSES: ReadonlySet<Response> = new Set(['not_met', 'partly_met', 'no']);
/** Theme ratings that need an area for development with a target date. */
export const ACTION_RATINGS: ReadonlySet<Rag> = new Set(['red', 'amber']);

export function needsAction(response: Response | null): boolean {
  return response !== null && ACTION_RESPONSES.has(response);
}

/** A theme limited to some localities applies only to agencies serving one of them. */
export function themeApplies(
  theme: Pick<ThemeInfo, 'localityIds'>,
  agencyLocalityIds: readonly string[],
): boolean {
  return theme.localityIds.length === 0 || theme.localityIds.some((id) => agencyLocalityIds.includes(id));
}

export function applicableThemes<T extends Pick<ThemeInfo, 'localityIds'>>(
  themes: T[],
  agencyLocalityIds: readonly string[],
): T[] {
  return themes.filter((t) => themeApplies(t, agencyLocalityIds));
}

/**
 * The response that counts: none while the answer is missing, or is carried forward from the last
 * audit and not yet confirmed or changed by the agency.
 */
export function countedResponse(answer: AnswerValues | undefined): Response | null {
  if (!answer?.response || answer.awaitingConfirmation) return null;
  return answer.response;
}

export type CompletionProblem =
  | { kind: 'unanswered'; question: QuestionInfo }
  | { kind: 'unconfirmed'; question: QuestionInfo }
  | { kind: 'na-reason'; question: QuestionInfo }
  | { kind: 'action-description'; question: QuestionInfo }
  | { kind: 'action-target-date'; question: QuestionInfo }
  | { kind: 'rating' }
  | { kind: 'justification' }
  | { kind: 'rating-action-description' }
  | { kind: 'rating-action-target-date' };

/**
 * What stops a theme being marked complete: every question answered; N/A with a reason; Not met,
 * Partly met or No with an area for development and target date; a rating with its justification,
 * and Red or Amber with an area for development and target date.
 */
export function themeCompletionProblems(
  theme: Pick<ThemeInfo, 'questions'>,
  answers: ReadonlyMap<string, AnswerValues>,
  rating: ThemeRatingValues,
): CompletionProblem[] {
  const problems: CompletionProblem[] = [];
  for (const question of theme.questions) {
    const answer = answers.get(question.id);
    if (!answer?.response) {
      problems.push({ kind: 'unanswered', question });
      continue;
    }
    if (answer.awaitingConfirmation) {
      problems.push({ kind: 'unconfirmed', question });
      continue;
    }
    if (answer.response === 'na' && !answer.naReason.trim()) problems.push({ kind: 'na-reason', question });
    if (needsAction(answer.response)) {
      if (!answer.actionDescription.trim()) problems.push({ kind: 'action-description', question });
      if (!answer.actionTargetDate) problems.push({ kind: 'action-target-date', question });
    }
  }
  if (!rating.rating) problems.push({ kind: 'rating' });
  else if (ACTION_RATINGS.has(rating.rating)) {
    if (!rating.actionDescription.trim()) problems.push({ kind: 'rating-action-description' });
    if (!rating.actionTargetDate) problems.push({ kind: 'rating-action-target-date' });
  }
  if (!rating.justification.trim()) problems.push({ kind: 'justification' });
  return problems;
}

export type ThemeProgress = 'not_started' | 'in_progress' | 'completed';

export function themeProgress(
  theme: Pick<ThemeInfo, 'questions'>,
  answers: ReadonlyMap<string, AnswerValues>,
  rating: ThemeRatingValues | undefined,
): ThemeProgress {
  if (rating?.completed) return 'completed';
  const started =
    theme.questions.some((q) => {
      const a = answers.get(q.id);
      // A pre-filled answer is not work the agency has done this time.
      if (!a || a.awaitingConfirmation) return false;
      return a.response || a.comment || a.evidenceDocument || a.evidenceLocation || a.impact || a.naReason;
    }) || Boolean(rating && (rating.rating || rating.justification));
  return started ? 'in_progress' : 'not_started';
}

export function unansweredQuestions(
  theme: Pick<ThemeInfo, 'questions'>,
  answers: ReadonlyMap<string, AnswerValues>,
): QuestionInfo[] {
  return theme.questions.filter((q) => countedResponse(answers.get(q.id)) === null);
}

/**
 * The rating a theme is given at submission: its own rating, or Red when any of its questions is
 * unanswered or it has no rating (rule 1).
 */
export function ratingAtSubmission(
  theme: Pick<ThemeInfo, 'questions'>,
  answers: ReadonlyMap<string, AnswerValues>,
  rating: ThemeRatingValues | undefined,
): { rating: Rag; defaulted: boolean } {
  if (unansweredQuestions(theme, answers).length > 0 || !rating?.rating)
    return { rating: 'red', defaulted: true };
  return { rating: rating.rating, defaulted: false };
}

export type Grade = 'met' | 'partly_met' | 'not_met' | 'na' | 'unanswered';

/** How a question counts in the score summary. Unanswered counts as not met (graded Red) once submitted. */
export function gradeOf(response: Response | null): Grade {
  if (response === null) return 'unanswered';
  if (MET_RESPONSES.has(response)) return 'met';
  if (response === 'partly_met') return 'partly_met';
  if (response === 'na') return 'na';
  return 'not_met';
}

export interface ScoreLine {
  met: number;
  partlyMet: number;
  notMet: number;
  na: number;
  unanswered: number;
  /** Questions that apply: all but N/A. */
  applicable: number;
  /** Percentage of applicable questions met, rounded; null when none apply. */
  percentMet: number | null;
}

export function scoreQuestions(
  questions: Pick<QuestionInfo, 'id'>[],
  answers: ReadonlyMap<string, AnswerValues>,
): ScoreLine {
  const line = { met: 0, partlyMet: 0, notMet: 0, na: 0, unanswered: 0 };
  for (const q of questions) {
    const grade = gradeOf(countedResponse(answers.get(q.id)));
    if (grade === 'met') line.met++;
    else if (grade === 'partly_met') line.partlyMet++;
    else if (grade === 'not_met') line.notMet++;
    else if (grade === 'na') line.na++;
    else line.unanswered++;
  }
  const applicable = questions.length - line.na;
  return {
    ...line,
    applicable,
    percentMet: applicable === 0 ? null : Math.round((line.met / applicable) * 100),
  };
}
