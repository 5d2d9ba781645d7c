/**
 * The conflict rule (src/web/form-version.ts) for the theme page: each question's answer, reason,
 * evidence, comments, impact and area for development, and the theme's rating, reason and area for
 * development, are merged field by field against what the page showed.
 */

import { RAG_LABELS } from '../../domain/rag.ts';
import {
  type FieldConflict,
  fingerprint,
  mergeRecord,
  type Resolutions,
  type Shown,
  type ShownRecord,
  shownRecord,
} from '../../web/form-version.ts';
import { answerNeedsAction, answerText, isNa, shownQuestions } from './answer-scales.ts';
import {
  type AnswerValues,
  emptyAnswer,
  emptyRating,
  type QuestionInfo,
  type ThemeInfo,
  type ThemeRatingValues,
} from './return-structure.ts';

/** A question's fields as merged: its answer (response, choices or value) counts as one field. */
type AnswerFields = {
  answer: [string | null, string[], string];
  naReason: string;
  evidenceDocument: string;
  evidenceLocation: string;
  comment: string;
  impact: string;
  actionDescription: string;
  actionTargetDate: string | null;
};
type RatingFields = Pick<
  ThemeRatingValues,
  'rating' | 'justification' | 'actionDescription' | 'actionTargetDate'
>;

const answerFields = (a: AnswerValues | undefined): AnswerFields => {
  const v = a ?? emptyAnswer();
  return {
    answer: [v.response, v.choices, v.value],
    naReason: v.naReason,
    evidenceDocument: v.evidenceDocument,
    evidenceLocation: v.evidenceLocation,
    comment: v.comment,
    impact: v.impact,
    actionDescription: v.actionDescription,
    actionTargetDate: v.actionTargetDate,
  };
};
const ratingFields = (r: ThemeRatingValues | undefined): RatingFields => {
  const v = r ?? emptyRating();
  return {
    rating: v.rating,
    justification: v.justification,
    actionDescription: v.actionDescription,
    actionTargetDate: v.actionTargetDate,
  };
};

export const RATING_RECORD = 'rating';

/** What the theme page shows of its saved values, for its hidden field. */
export function themeShown(
  theme: ThemeInfo,
  answers: ReadonlyMap<string, AnswerValues>,
  rating: ThemeRatingValues | undefined,
): Shown {
  const shown: Shown = {};
  for (const q of theme.questions) shown[q.id] = shownRecord(answerFields(answers.get(q.id)));
  shown[RATING_RECORD] = shownRecord(ratingFields(rating));
  return shown;
}

/**
 * What the page shows after an autosave stored what it holds, for its hidden field: each field the
 * save stored as typed is shown as saved, so the next save does not conflict with itself; any other
 * (another person's newer value, kept by the merge but not on the page) stays as the page showed
 * it, so the next save neither writes over it nor misses a conflict when the person changes it.
 */
export function shownAfterSave(
  theme: ThemeInfo,
  typed: { answers: ReadonlyMap<string, AnswerValues>; rating: ThemeRatingValues },
  saved: { answers: ReadonlyMap<string, AnswerValues>; rating: ThemeRatingValues },
  before: Shown | null,
): Shown {
  const mine = themeShown(theme, typed.answers, typed.rating);
  const now = themeShown(theme, saved.answers, saved.rating);
  const out: Shown = {};
  for (const [record, fields] of Object.entries(now)) {
    const shown: ShownRecord = {};
    for (const [field, fp] of Object.entries(fields)) {
      const was = before?.[record]?.[field];
      shown[field] = mine[record]?.[field] === fp || was === undefined ? fp : was;
    }
    out[record] = shown;
  }
  return out;
}

/** The history label of each field: the same words the change history uses. */
export const ANSWER_LABELS: Record<keyof AnswerFields, string> = {
  answer: 'answer',
  naReason: 'reason not applicable',
  evidenceDocument: 'evidence',
  evidenceLocation: 'where evidence is kept',
  comment: 'comments',
  impact: 'impact on children',
  actionDescription: 'area for development',
  actionTargetDate: 'target date',
};
export const RATING_LABELS: Record<keyof RatingFields, string> = {
  rating: 'rating',
  justification: 'reason for rating',
  actionDescription: 'area for development',
  actionTargetDate: 'target date',
};

export const answerHistoryField = (
  theme: Pick<ThemeInfo, 'title'>,
  q: Pick<QuestionInfo, 'number'>,
  label: string,
) => `${theme.title}, question ${q.number}: ${label}`;
export const ratingHistoryField = (theme: Pick<ThemeInfo, 'title'>, label: string) =>
  `${theme.title}: ${label}`;

/** A field both people changed, in words for the conflict page. */
export interface ThemeConflict {
  key: string;
  /** "Question 2: comments" or "Theme rating: reason for rating". */
  label: string;
  /** The change history's name for the field, to find who changed it and when. */
  historyField: string;
  mine: string;
  theirs: string;
  fingerprintTheirs: string;
  unanswered: boolean;
}

function describeAnswerField(q: QuestionInfo, field: keyof AnswerFields, v: AnswerFields): string {
  const value = v[field];
  if (field === 'answer') {
    const [response, choices, text] = v.answer;
    return answerText(q, { ...emptyAnswer(), response, choices, value: text });
  }
  return value === null ? '' : String(value);
}

function describeRatingField(field: keyof RatingFields, v: RatingFields): string {
  if (field === 'rating') return v.rating ? RAG_LABELS[v.rating] : '';
  return v[field] ?? '';
}

export interface ThemeMerge {
  answers: Map<string, AnswerValues>;
  rating: ThemeRatingValues;
  conflicts: ThemeConflict[];
}

/**
 * Merges what the theme form holds with what is saved now. `shown` null: an older form, whose
 * values are saved as they are.
 */
export function mergeTheme(
  theme: ThemeInfo,
  typed: { answers: ReadonlyMap<string, AnswerValues>; rating: ThemeRatingValues },
  current: { answers: ReadonlyMap<string, AnswerValues>; rating: ThemeRatingValues | undefined },
  shown: Shown | null,
  resolutions: Resolutions,
): ThemeMerge {
  const answers = new Map<string, AnswerValues>();
  const conflicts: ThemeConflict[] = [];
  const toConflict = <F extends string>(
    c: FieldConflict<F>,
    label: string,
    historyField: string,
    describe: (v: unknown) => string,
  ): ThemeConflict => ({
    key: c.key,
    label,
    historyField,
    mine: describe(c.mine),
    theirs: describe(c.theirs),
    fingerprintTheirs: fingerprint(c.theirs),
    unanswered: c.unanswered,
  });

  for (const q of theme.questions) {
    const mine = answerFields(typed.answers.get(q.id));
    const now = answerFields(current.answers.get(q.id));
    const m = mergeRecord(q.id, mine, now, shown ? (shown[q.id] ?? {}) : null, resolutions);
    for (const c of m.conflicts)
      conflicts.push(
        toConflict(
          c,
          `Question ${q.number}: ${ANSWER_LABELS[c.field]}`,
          answerHistoryField(theme, q, ANSWER_LABELS[c.field]),
          (v) => describeAnswerField(q, c.field, { ...mine, [c.field]: v }),
        ),
      );
    const [response, choices, value] = m.merged.answer;
    const merged: AnswerValues = {
      ...(typed.answers.get(q.id) ?? emptyAnswer()),
      response,
      choices,
      value,
      naReason: m.merged.naReason,
      evidenceDocument: m.merged.evidenceDocument,
      evidenceLocation: m.merged.evidenceLocation,
      comment: m.merged.comment,
      impact: m.merged.impact,
      actionDescription: m.merged.actionDescription,
      actionTargetDate: m.merged.actionTargetDate,
    };
    // Parts taken from two saves still follow the answer's rules: a reason only with N/A, an area
    // for development only with an answer that asks for one.
    if (!isNa(q, merged)) merged.naReason = '';
    if (!answerNeedsAction(q, merged)) {
      merged.actionDescription = '';
      merged.actionTargetDate = null;
    }
    answers.set(q.id, merged);
  }
  // A question hidden by its condition keeps its answer but asks for no action.
  const shownNow = new Set(shownQuestions(theme.questions, answers).map((q) => q.id));
  for (const [id, a] of answers)
    if (!shownNow.has(id)) answers.set(id, { ...a, actionDescription: '', actionTargetDate: null });

  const r = mergeRecord(
    RATING_RECORD,
    ratingFields(typed.rating),
    ratingFields(current.rating),
    shown ? (shown[RATING_RECORD] ?? {}) : null,
    resolutions,
  );
  for (const c of r.conflicts)
    conflicts.push(
      toConflict(
        c,
        `Theme rating: ${RATING_LABELS[c.field]}`,
        ratingHistoryField(theme, RATING_LABELS[c.field]),
        (v) => describeRatingField(c.field, { ...r.merged, [c.field]: v }),
      ),
    );
  const needsAction = r.merged.rating === 'red' || r.merged.rating === 'amber';
  const rating: ThemeRatingValues = {
    ...typed.rating,
    ...r.merged,
    actionDescription: needsAction ? r.merged.actionDescription : '',
    actionTargetDate: needsAction ? r.merged.actionTargetDate : null,
  };
  return { answers, rating, conflicts };
}
