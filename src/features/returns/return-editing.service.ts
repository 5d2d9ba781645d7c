/** Saving an agency's work on its return: details, themes and sign-off. Every change is recorded. */

import { and, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.ts';
import { returns } from '../../db/schema.ts';
import { RAG_LABELS } from '../../domain/rag.ts';
import {
  type FieldConflict,
  type FormVersion,
  mergeFormRecord,
  type Resolutions,
  type Shown,
} from '../../web/form-version.ts';
import { answerText, hasAnswer, shownQuestions } from './answer-scales.ts';
import { assertEditable } from './return-access.ts';
import { type CompletionProblem, themeCompletionProblems } from './return-rules.ts';
import {
  type AnswerValues,
  emptyAnswer,
  emptyRating,
  type QuestionInfo,
  type ThemeInfo,
  type ThemeRatingValues,
} from './return-structure.ts';
import {
  confirmAnswer,
  type HistoryEntry,
  loadThemeValues,
  lockMarkingActivity,
  type ReturnContext,
  recordHistory,
  syncAction,
  upsertAnswer,
  upsertRating,
} from './returns.repository.ts';
import { mergeTheme, RATING_LABELS, ratingHistoryField, type ThemeConflict } from './theme-merge.ts';

/**
 * Locks the return for a change and marks it active now (`lockMarkingActivity`: one statement), then
 * re-checks, with the row locked, that the return (or, with `themeId`, that theme of it) can still be
 * changed; a refusal rolls the transaction back, the mark with it. A save that meets a conflict keeps
 * the mark: someone tried to change the return then.
 */
async function lockEditable(tx: DbOrTx, ctx: ReturnContext, now: Date, themeId?: string): Promise<void> {
  const state = await lockMarkingActivity(tx, ctx.partnershipId, ctx.id, now);
  assertEditable(
    {
      ...ctx,
      status: state?.status ?? 'submitted',
      reopenedThemeIds: state?.reopenedThemeIds ?? [],
    },
    now,
    themeId,
  );
}

const ANSWER_FIELDS: Array<[keyof AnswerValues, string]> = [
  ['response', 'answer'],
  ['choices', 'answer'],
  ['value', 'answer'],
  ['naReason', 'reason not applicable'],
  ['evidenceDocument', 'evidence'],
  ['evidenceLocation', 'where evidence is kept'],
  ['comment', 'comments'],
  ['impact', 'impact on children'],
  ['actionDescription', 'area for development'],
  ['actionTargetDate', 'target date'],
];

function show(q: QuestionInfo, field: keyof AnswerValues, a: AnswerValues | undefined): string | null {
  const value = a?.[field];
  if (value === null || value === undefined || value === '') return null;
  if (field === 'response' || field === 'choices' || field === 'value')
    return answerText(q, { ...emptyAnswer(), ...a }) || null;
  return String(value);
}

/** Compares one field of two answers (choices as lists). */
function sameField(field: keyof AnswerValues, prev: AnswerValues | undefined, next: AnswerValues): boolean {
  const a = (prev ?? emptyAnswer())[field];
  const b = next[field];
  return Array.isArray(a) && Array.isArray(b) ? a.join('\n') === b.join('\n') : a === b;
}

export interface ThemeSaveResult {
  /** Fields both this save and another changed: when there are any, nothing was saved. */
  conflicts: ThemeConflict[];
  /** The theme's values as saved (merged with others' saves), to show again. */
  saved: { answers: Map<string, AnswerValues>; rating: ThemeRatingValues };
  completed: boolean;
  problems: CompletionProblem[];
  /** Questions shown now, by their condition, that were hidden before this save and not answered in it. */
  newlyShown: QuestionInfo[];
}

/**
 * Saves a theme page. An answer carried forward from the last audit is confirmed when the agency
 * changes any part of it, or saves the page with "Save and continue" (`confirmCarriedForward`) while
 * it still has a response. "Save and continue later" leaves unchanged pre-filled answers awaiting
 * confirmation, so they keep counting as unanswered.
 *
 * With `shown` (what the form showed, see src/web/form-version.ts), fields the person did not change
 * keep their saved values, and fields both changed are returned as conflicts, with nothing saved,
 * until `resolutions` chooses between them.
 */
export async function saveTheme(
  db: Db,
  ctx: ReturnContext,
  theme: ThemeInfo,
  values: {
    answers: Map<string, AnswerValues>;
    rating: ThemeRatingValues;
    completeRequested: boolean;
    confirmCarriedForward: boolean;
    shown?: Shown | null;
    resolutions?: Resolutions;
    /**
     * Saved by autosave as the person types: a draft never completes a theme (a theme completed
     * already stays so only while the form still says so and nothing it needs is missing).
     */
    draft?: boolean;
  },
  userId: string,
  now: Date,
): Promise<ThemeSaveResult> {
  return db.transaction(async (tx) => {
    // The row locked and marked active at once, then the theme's answers and rating read in one
    // trip: a save that changes nothing is four statements with the transaction's own two (each a
    // write to the database's socket, the largest part of a save's time in this process).
    await lockEditable(tx, ctx, now, theme.id);
    const { answers: before, rating: ratingBefore } = await loadThemeValues(
      tx,
      ctx.partnershipId,
      ctx.id,
      theme,
    );
    const merge = mergeTheme(
      theme,
      values,
      { answers: before, rating: ratingBefore },
      values.shown ?? null,
      values.resolutions ?? new Map(),
    );
    if (merge.conflicts.length > 0)
      return {
        conflicts: merge.conflicts,
        saved: { answers: before, rating: ratingBefore ?? emptyRating() },
        completed: false,
        problems: [],
        newlyShown: [],
      };
    const history: HistoryEntry[] = [];
    /** The theme's answers as they stand after this save, for the completion check. */
    const after = new Map<string, AnswerValues>();
    /** Questions whose answer this save changed. */
    const answered = new Set<string>();

    for (const q of theme.questions) {
      const next = merge.answers.get(q.id)!;
      const prev = before.get(q.id);
      const changed = ANSWER_FIELDS.filter(([f]) => !sameField(f, prev, next));
      const awaiting = prev?.awaitingConfirmation === true;
      const confirm =
        awaiting && (changed.length > 0 || (values.confirmCarriedForward && hasAnswer(q, next)));
      after.set(q.id, { ...next, awaitingConfirmation: awaiting && !confirm });
      if (confirm) {
        await confirmAnswer(tx, ctx.partnershipId, ctx.id, q.id, userId, now);
        history.push({
          event: 'answer_confirmed',
          field: `${theme.title}, question ${q.number}: answer from last audit`,
          newValue: changed.length > 0 ? 'Changed' : 'Confirmed',
        });
      }
      if (changed.length === 0) continue;
      answered.add(q.id);
      await upsertAnswer(tx, ctx.partnershipId, ctx.id, q.id, next, userId, now);
      await syncAction(
        tx,
        ctx.partnershipId,
        ctx.id,
        theme.id,
        q.id,
        next.actionDescription
          ? { description: next.actionDescription, targetDate: next.actionTargetDate }
          : null,
        now,
      );
      for (const [f, label] of changed) {
        history.push({
          event: 'answer_changed',
          field: `${theme.title}, question ${q.number}: ${label}`,
          oldValue: show(q, f, prev),
          newValue: show(q, f, next),
        });
      }
    }

    const problems = themeCompletionProblems(theme, after, merge.rating);
    const completed =
      values.completeRequested &&
      problems.length === 0 &&
      (!values.draft || ratingBefore?.completed === true);
    const r = merge.rating;
    const ratingChanged =
      !ratingBefore ||
      ratingBefore.rating !== r.rating ||
      ratingBefore.justification !== r.justification ||
      ratingBefore.actionDescription !== r.actionDescription ||
      ratingBefore.actionTargetDate !== r.actionTargetDate ||
      ratingBefore.completed !== completed;
    if (ratingChanged) {
      await upsertRating(
        tx,
        ctx.partnershipId,
        ctx.id,
        theme.id,
        { rating: r.rating, justification: r.justification, completedAt: completed ? now : null },
        userId,
        now,
      );
      await syncAction(
        tx,
        ctx.partnershipId,
        ctx.id,
        theme.id,
        null,
        r.actionDescription ? { description: r.actionDescription, targetDate: r.actionTargetDate } : null,
        now,
      );
      if ((ratingBefore?.rating ?? null) !== r.rating) {
        history.push({
          event: 'rating_changed',
          field: `${theme.title}: rating`,
          oldValue: ratingBefore?.rating ? RAG_LABELS[ratingBefore.rating] : null,
          newValue: r.rating ? RAG_LABELS[r.rating] : null,
        });
      }
      if ((ratingBefore?.justification ?? '') !== r.justification) {
        history.push({
          event: 'rating_changed',
          field: `${theme.title}: reason for rating`,
          oldValue: ratingBefore?.justification || null,
          newValue: r.justification || null,
        });
      }
      if ((ratingBefore?.actionDescription ?? '') !== r.actionDescription) {
        history.push({
          event: 'rating_changed',
          field: ratingHistoryField(theme, RATING_LABELS.actionDescription),
          oldValue: ratingBefore?.actionDescription || null,
          newValue: r.actionDescription || null,
        });
      }
      if ((ratingBefore?.actionTargetDate ?? null) !== r.actionTargetDate) {
        history.push({
          event: 'rating_changed',
          field: ratingHistoryField(theme, RATING_LABELS.actionTargetDate),
          oldValue: ratingBefore?.actionTargetDate ?? null,
          newValue: r.actionTargetDate,
        });
      }
      if ((ratingBefore?.completed ?? false) !== completed) {
        history.push({ event: completed ? 'theme_completed' : 'theme_reopened', field: theme.title });
      }
    }
    await recordHistory(tx, ctx.partnershipId, ctx.id, userId, now, history);
    const shownBefore = new Set(shownQuestions(theme.questions, before).map((q) => q.id));
    // Without JavaScript these could not be seen, so their answer is unchanged: show them now.
    const newlyShown = shownQuestions(theme.questions, after).filter(
      (q) => !shownBefore.has(q.id) && !answered.has(q.id),
    );
    return {
      conflicts: [],
      saved: { answers: after, rating: { ...r, completed } },
      completed,
      problems,
      newlyShown,
    };
  });
}

/**
 * The return's details, each a text column of `returns` of the same name, with the name the change
 * history gives it. A field of the details page is added here once: the values, what the form
 * shows, the save and its history all follow from this list.
 */
export const DETAILS_LABELS = {
  completerName: 'Person completing: name',
  completerRole: 'Person completing: role',
  completerEmail: 'Person completing: email',
  completerPhone: 'Person completing: telephone',
} as const;

type DetailsField = keyof typeof DETAILS_LABELS;
const DETAILS_FIELDS = Object.keys(DETAILS_LABELS) as DetailsField[];

export type DetailsValues = Record<DetailsField, string>;
type DetailsColumns = { [K in DetailsField]: (typeof returns)[K] };

/** The details as stored ('' for none): what the details form shows, and what a save merges with. */
export function detailsOf(row: Partial<Record<DetailsField, string | null | undefined>>): DetailsValues {
  return Object.fromEntries(DETAILS_FIELDS.map((k) => [k, row[k] ?? ''])) as DetailsValues;
}

export const DETAILS_RECORD = 'details';

/**
 * Saves the details of the person completing the return. With `shown` (what the form showed), only
 * the fields the person changed are written; fields someone else changed meanwhile to something
 * different are returned as conflicts, and nothing is saved until `resolutions` chooses.
 */
export async function saveDetails(
  db: Db,
  ctx: ReturnContext,
  values: DetailsValues,
  userId: string,
  now: Date,
  form: FormVersion = {},
): Promise<{ conflicts: Array<FieldConflict<DetailsField> & { label: string }> }> {
  return db.transaction(async (tx) => {
    await lockEditable(tx, ctx, now);
    const [row] = await tx
      .select(Object.fromEntries(DETAILS_FIELDS.map((k) => [k, returns[k]])) as DetailsColumns)
      .from(returns)
      .where(and(eq(returns.id, ctx.id), eq(returns.partnershipId, ctx.partnershipId)));
    const current = detailsOf(row ?? {});
    const merge = mergeFormRecord(DETAILS_RECORD, values, current, form);
    if (merge.conflicts.length > 0)
      return { conflicts: merge.conflicts.map((c) => ({ ...c, label: DETAILS_LABELS[c.field] })) };
    const merged = merge.merged;
    const history: HistoryEntry[] = DETAILS_FIELDS.filter((k) => current[k] !== merged[k]).map((k) => ({
      event: 'details_changed',
      field: DETAILS_LABELS[k],
      oldValue: current[k] || null,
      newValue: merged[k] || null,
    }));
    await tx
      .update(returns)
      // A blank optional field is stored as none (the required ones are never blank).
      .set(Object.fromEntries(DETAILS_FIELDS.map((k) => [k, merged[k] || null])))
      .where(and(eq(returns.id, ctx.id), eq(returns.partnershipId, ctx.partnershipId)));
    await recordHistory(tx, ctx.partnershipId, ctx.id, userId, now, history);
    return { conflicts: [] };
  });
}

export interface SignoffValues {
  signoffName: string;
  signoffJobTitle: string;
  signoffDate: string;
}

export const SIGNOFF_RECORD = 'signoff';
export const SIGNOFF_LABELS: Record<keyof SignoffValues, string> = {
  signoffName: 'Senior officer: name',
  signoffJobTitle: 'Senior officer: job title',
  signoffDate: 'Senior officer: date of sign-off',
};

/** The sign-off as stored ('' for none): what its form shows, and what a save merges with. */
export function signoffOf(
  row: Partial<Record<keyof SignoffValues, string | null | undefined>>,
): SignoffValues {
  return {
    signoffName: row.signoffName ?? '',
    signoffJobTitle: row.signoffJobTitle ?? '',
    signoffDate: row.signoffDate ?? '',
  };
}

/**
 * Records the senior officer's sign-off. With `shown` (what the form showed), a field someone else
 * changed meanwhile to something different is returned as a conflict, and nothing is saved until
 * `resolutions` chooses; fields this person left as shown keep the newer values.
 */
export async function recordSignoff(
  db: Db,
  ctx: ReturnContext,
  values: SignoffValues,
  userId: string,
  now: Date,
  form: FormVersion = {},
): Promise<{ conflicts: Array<FieldConflict<keyof SignoffValues> & { label: string }> }> {
  return db.transaction(async (tx) => {
    await lockEditable(tx, ctx, now);
    const [row] = await tx
      .select({
        signoffName: returns.signoffName,
        signoffJobTitle: returns.signoffJobTitle,
        signoffDate: returns.signoffDate,
      })
      .from(returns)
      .where(and(eq(returns.id, ctx.id), eq(returns.partnershipId, ctx.partnershipId)));
    const current = signoffOf(row ?? {});
    const merge = mergeFormRecord(SIGNOFF_RECORD, values, current, form);
    if (merge.conflicts.length > 0)
      return { conflicts: merge.conflicts.map((c) => ({ ...c, label: SIGNOFF_LABELS[c.field] })) };
    const merged = merge.merged;
    await tx
      .update(returns)
      .set({ ...merged, signoffConfirmedAt: now, signoffRecordedBy: userId })
      .where(and(eq(returns.id, ctx.id), eq(returns.partnershipId, ctx.partnershipId)));
    await recordHistory(tx, ctx.partnershipId, ctx.id, userId, now, [
      {
        event: 'signed_off',
        field: 'Sign-off',
        oldValue: current.signoffName
          ? `${current.signoffName}, ${current.signoffJobTitle}, ${current.signoffDate}`
          : null,
        newValue: `${merged.signoffName}, ${merged.signoffJobTitle}, ${merged.signoffDate}`,
      },
    ]);
    return { conflicts: [] };
  });
}
