/**
 * The rules of a Section 11 return, as pure functions (DESIGN.md, "Rules taken from the seed pages").
 */
import type { Rag } from '../../db/schema.ts';
import {
  answerIsMet,
  answerNeedsAction,
  countedAnswer,
  hasAnswer,
  isNa,
  isScored,
  shownQuestions,
} from './answer-scales.ts';
import type { AnswerValues, QuestionInfo, ThemeInfo, ThemeRatingValues } from './return-structure.ts';

/** Theme ratings that need an area for development with a target date. */
export const ACTION_RATINGS: ReadonlySet<Rag> = new Set(['red', 'amber']);

/**
 * A theme limited to some localities applies only to agencies serving one of them; one limited to
 * some sectors only to agencies in one of them.
 */
export function themeApplies(
  theme: Pick<ThemeInfo, 'localityIds' | 'sectors'>,
  agencyLocalityIds: readonly string[],
  agencySector: string,
): boolean {
  return (
    (theme.localityIds.length === 0 || theme.localityIds.some((id) => agencyLocalityIds.includes(id))) &&
    (theme.sectors.length === 0 || theme.sectors.includes(agencySector))
  );
}

export function applicableThemes<T extends Pick<ThemeInfo, 'localityIds' | 'sectors'>>(
  themes: T[],
  agencyLocalityIds: readonly string[],
  agencySector: string,
): T[] {
  return themes.filter((t) => themeApplies(t, agencyLocalityIds, agencySector));
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
  // A question hidden by its condition is neither required nor checked.
  for (const question of shownQuestions(theme.questions, answers)) {
    const answer = answers.get(question.id);
    if (!hasAnswer(question, answer)) {
      if (question.required) problems.push({ kind: 'unanswered', question });
      continue;
    }
    if (answer!.awaitingConfirmation) {
      problems.push({ kind: 'unconfirmed', question });
      continue;
    }
    if (isNa(question, answer) && !answer!.naReason.trim()) problems.push({ kind: 'na-reason', question });
    if (answerNeedsAction(question, answer)) {
      if (!answer!.actionDescription.trim()) problems.push({ kind: 'action-description', question });
      if (!answer!.actionTargetDate) problems.push({ kind: 'action-target-date', question });
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
      return (
        hasAnswer(q, a) || a.comment || a.evidenceDocument || a.evidenceLocation || a.impact || a.naReason
      );
    }) || Boolean(rating && (rating.rating || rating.justification));
  return started ? 'in_progress' : 'not_started';
}

/** Required questions shown but without an answer that counts: graded Red at submission (rule 1). */
export function unansweredQuestions(
  theme: Pick<ThemeInfo, 'questions'>,
  answers: ReadonlyMap<string, AnswerValues>,
): QuestionInfo[] {
  return shownQuestions(theme.questions, answers).filter(
    (q) => q.required && countedAnswer(q, answers.get(q.id)) === null,
  );
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
export function gradeOf(q: Pick<QuestionInfo, 'scale' | 'options'>, answer: AnswerValues | null): Grade {
  if (answer === null) return 'unanswered';
  if (isNa(q, answer)) return 'na';
  if (answerIsMet(q, answer)) return 'met';
  if (q.scale === 'graded' && answer.response === 'partly_met') return 'partly_met';
  return 'not_met';
}

export interface ScoreLine {
  met: number;
  partlyMet: number;
  notMet: number;
  na: number;
  unanswered: number;
  /** Questions that apply: all scored but N/A. */
  applicable: number;
  /** Percentage of the applicable questions' weight that is met, rounded; null when none apply. */
  percentMet: number | null;
}

/**
 * The score of some questions: those shown and scored (a scale that says what is met, and a weight
 * above 0), each counted once and weighted in the percentage. An optional question left blank is
 * left out; a required one counts as unanswered.
 */
export function scoreQuestions(
  questions: readonly QuestionInfo[],
  answers: ReadonlyMap<string, AnswerValues>,
): ScoreLine {
  const line = { met: 0, partlyMet: 0, notMet: 0, na: 0, unanswered: 0 };
  let applicable = 0;
  let applicableWeight = 0;
  let metWeight = 0;
  for (const q of shownQuestions(questions, answers)) {
    if (!isScored(q)) continue;
    const answer = countedAnswer(q, answers.get(q.id));
    if (answer === null && !q.required) continue;
    const grade = gradeOf(q, answer);
    if (grade === 'na') {
      line.na++;
      continue;
    }
    applicable++;
    applicableWeight += q.weight;
    if (grade === 'met') {
      line.met++;
      metWeight += q.weight;
    } else if (grade === 'partly_met') line.partlyMet++;
    else if (grade === 'not_met') line.notMet++;
    else line.unanswered++;
  }
  return {
    ...line,
    applicable,
    percentMet: applicableWeight === 0 ? null : Math.round((metWeight / applicableWeight) * 100),
  };
}
