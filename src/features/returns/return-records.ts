/**
 * A return's records: everything its copy, score summary and action plan show, built once from the
 * database so the web pages, the PDF and the emails say the same thing (rule 10).
 */

import type { DbOrTx } from '../../db/client.ts';
import type { ActionStatus, Rag } from '../../db/schema.ts';
import {
  documentsByQuestion,
  listQuestionDocuments,
  type QuestionDocument,
} from '../../domain/question-documents.repository.ts';
import { londonDate } from '../../lib/dates.ts';
import { SUBMITTED_STATUSES } from './return-access.ts';
import {
  applicableThemes,
  ratingAtSubmission,
  type ScoreLine,
  scoreQuestions,
  unansweredQuestions,
} from './return-rules.ts';
import { loadReturnStructure } from './return-structure.repository.ts';
import type { AnswerValues, ThemeInfo, ThemeRatingValues } from './return-structure.ts';
import {
  type ActionRow,
  loadActions,
  loadActionUpdates,
  loadAnswers,
  loadRatings,
  type ReturnContext,
} from './returns.repository.ts';

export { ACTION_STATUS_LABELS } from './action-status.ts';

export const ACTION_STATUS_TAG_CLASSES: Record<ActionStatus, string> = {
  not_started: 'govuk-tag--grey',
  in_progress: 'govuk-tag--blue',
  completed: 'govuk-tag--green',
  no_longer_needed: 'govuk-tag--grey',
};

export interface RecordTheme {
  theme: ThemeInfo;
  answers: ReadonlyMap<string, AnswerValues>;
  rating: ThemeRatingValues | undefined;
  unanswered: number[];
  /** Each question's attached documents. */
  documents: ReadonlyMap<string, readonly QuestionDocument[]>;
}

export interface ScoreRow {
  theme: ThemeInfo;
  score: ScoreLine;
  /** The rating shown: the agency's own, or Red where it was (or would be) defaulted at submission. */
  rating: Rag | null;
  /** True when the rating is Red because questions were unanswered or no rating was given. */
  defaulted: boolean;
}

export interface ScoreSummary {
  rows: ScoreRow[];
  total: ScoreLine;
  ratingCounts: Record<Rag, number>;
}

export interface ActionUpdateItem {
  status: ActionStatus;
  note: string;
  createdAt: Date;
  userName: string | null;
}

export interface ActionPlanItem extends ActionRow {
  themeNumber: number;
  themeTitle: string;
  /** "Question 3", "Theme rating" or "Challenge event". */
  source: string;
  /** The question it came from (null: the theme rating, a challenge event or the last audit). */
  questionNumber: number | null;
  questionText: string | null;
  overdue: boolean;
  updates: ActionUpdateItem[];
}

export interface ReturnRecord {
  ctx: ReturnContext;
  submitted: boolean;
  themes: RecordTheme[];
  scores: ScoreSummary;
  actions: ActionPlanItem[];
}

export function isSubmitted(ctx: Pick<ReturnContext, 'status'>): boolean {
  return SUBMITTED_STATUSES.has(ctx.status);
}

export function summariseScores(
  themes: ThemeInfo[],
  answers: ReadonlyMap<string, AnswerValues>,
  ratings: ReadonlyMap<string, ThemeRatingValues>,
  submitted: boolean,
): ScoreSummary {
  const ratingCounts: Record<Rag, number> = { red: 0, amber: 0, green: 0 };
  const rows = themes.map((theme) => {
    const own = ratings.get(theme.id);
    const graded = ratingAtSubmission(theme, answers, own);
    // Before submission the agency's own rating stands; the default only applies once submitted.
    const rating = submitted ? graded.rating : (own?.rating ?? null);
    if (rating) ratingCounts[rating]++;
    return {
      theme,
      score: scoreQuestions(theme.questions, answers),
      rating,
      defaulted: submitted && graded.defaulted,
    };
  });
  return {
    rows,
    total: scoreQuestions(
      themes.flatMap((t) => t.questions),
      answers,
    ),
    ratingCounts,
  };
}

/**
 * Open and past its target date on `today` (`londonDate(now)`, asked once for a list rather than for
 * each action).
 */
export function isOverdue(action: Pick<ActionRow, 'targetDate' | 'status'>, today: string): boolean {
  return (
    action.targetDate !== null &&
    action.targetDate < today &&
    (action.status === 'not_started' || action.status === 'in_progress')
  );
}

export function actionPlanItems(
  themes: ThemeInfo[],
  rows: ActionRow[],
  updates: Array<ActionUpdateItem & { actionId: string }>,
  now: Date,
): ActionPlanItem[] {
  const themeById = new Map(themes.map((t) => [t.id, t]));
  const today = londonDate(now);
  const items: ActionPlanItem[] = [];
  for (const row of rows) {
    const theme = themeById.get(row.themeId);
    if (!theme) continue;
    const question = row.questionId ? theme.questions.find((q) => q.id === row.questionId) : undefined;
    items.push({
      ...row,
      themeNumber: theme.number,
      themeTitle: theme.title,
      source: question
        ? `Question ${question.number}`
        : row.challengeEventId
          ? 'Challenge event'
          : 'Theme rating',
      questionText: question?.text ?? null,
      questionNumber: question?.number ?? null,
      overdue: isOverdue(row, today),
      updates: updates.filter((u) => u.actionId === row.id).map(({ actionId: _, ...u }) => u),
    });
  }
  return items.sort(
    (a, b) =>
      a.themeNumber - b.themeNumber ||
      (a.questionText === null ? 1 : 0) - (b.questionText === null ? 1 : 0) ||
      a.source.localeCompare(b.source, 'en', { numeric: true }),
  );
}

/** The return's record; with `onlyThemeIds`, limited to those themes (a contributor's own). */
export async function loadReturnRecord(
  db: DbOrTx,
  ctx: ReturnContext,
  now: Date,
  onlyThemeIds?: readonly string[],
): Promise<ReturnRecord> {
  const structure = await loadReturnStructure(db, ctx.partnershipId, ctx.templateVersionId);
  const themes = applicableThemes(structure.themes, ctx.agencyLocalityIds, ctx.agencySector).filter(
    (t) => !onlyThemeIds || onlyThemeIds.includes(t.id),
  );
  const [answers, ratings, actionRows, documents] = await Promise.all([
    loadAnswers(db, ctx.partnershipId, ctx.id),
    loadRatings(db, ctx.partnershipId, ctx.id),
    loadActions(db, ctx.partnershipId, ctx.id),
    listQuestionDocuments(db, ctx.partnershipId, ctx.id),
  ]);
  const byQuestion = documentsByQuestion(documents);
  const updates = await loadActionUpdates(
    db,
    ctx.partnershipId,
    actionRows.map((a) => a.id),
  );
  const submitted = isSubmitted(ctx);
  return {
    ctx,
    submitted,
    themes: themes.map((theme) => ({
      theme,
      answers,
      rating: ratings.get(theme.id),
      unanswered: unansweredQuestions(theme, answers).map((q) => q.number),
      documents: byQuestion,
    })),
    scores: summariseScores(themes, answers, ratings, submitted),
    actions: actionPlanItems(themes, actionRows, updates, now),
  };
}

/** How many questions a score line counts. */
export function scoredCount(score: ScoreLine): number {
  return score.met + score.partlyMet + score.notMet + score.na + score.unanswered;
}

export function percentText(score: ScoreLine): string {
  return score.percentMet === null ? 'None apply' : `${score.percentMet}%`;
}
