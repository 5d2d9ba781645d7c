/**
 * Carry forward: which questions of a new return can take the agency's answer from its last
 * submitted return, and which are new or changed since then. Pure rules, used when a cycle is set
 * up (to pre-fill) and when its pages are shown (to flag new and changed questions).
 *
 * A question is unchanged when it is the same question (same template version), or when the
 * comparison of the two versions (template-comparison.ts) pairs it with an earlier question (same
 * theme and question key, or the same key moved to another theme) whose text and scale are the same.
 * Only unchanged questions are pre-filled.
 */
import type { ActionStatus } from '../../db/schema.ts';
import { compareTemplates } from '../templates/template-comparison.ts';
import type { ReturnStructure } from './return-structure.ts';

export type QuestionChange = 'unchanged' | 'changed' | 'new';

export interface QuestionMatch {
  change: QuestionChange;
  /** The earlier question an unchanged question takes its answer from. */
  previousQuestionId: string | null;
}

/**
 * Fields whose change means an earlier answer no longer answers the question: its wording and its
 * scale (with the scale's named options, where a question's structure carries them).
 */
const ANSWER_FIELDS = ['text', 'scale', 'options'];

/** For every question of `current`, how it compares with `previous`. */
export function matchQuestions(
  previous: Pick<ReturnStructure, 'themes'>,
  current: Pick<ReturnStructure, 'themes'>,
): Map<string, QuestionMatch> {
  const byId = new Set(previous.themes.flatMap((t) => t.questions.map((q) => q.id)));
  const matches = new Map<string, QuestionMatch>();
  for (const c of compareTemplates(previous, current).questions) {
    if (!c.after) continue;
    if (byId.has(c.after.id))
      matches.set(c.after.id, { change: 'unchanged', previousQuestionId: c.after.id });
    else if (!c.before) matches.set(c.after.id, { change: 'new', previousQuestionId: null });
    else if (c.fields.some((f) => ANSWER_FIELDS.includes(f)))
      matches.set(c.after.id, { change: 'changed', previousQuestionId: null });
    else matches.set(c.after.id, { change: 'unchanged', previousQuestionId: c.before.id });
  }
  return matches;
}

/** Open actions are carried forward; completed and no-longer-needed ones stay behind. */
export const OPEN_ACTION_STATUSES: ReadonlySet<ActionStatus> = new Set(['not_started', 'in_progress']);

export interface PreviousAnswer {
  questionId: string;
  /** Whether it had an answer (a response, choices or a value). */
  answered: boolean;
  /** Itself pre-filled and never confirmed: it counted as unanswered, so it is not carried again. */
  awaitingConfirmation: boolean;
}

export interface PreviousAction {
  id: string;
  themeId: string;
  /** Null for an action of a theme rating or a challenge event. */
  questionId: string | null;
  status: ActionStatus;
}

export interface CarryPlan {
  /** New question id → the earlier answer's question id. */
  answers: Array<{ questionId: string; fromQuestionId: string }>;
  /** New question id → the earlier open action. */
  actions: Array<{ questionId: string; fromActionId: string }>;
  /**
   * Open actions with no question (from a Red or Amber theme rating, or agreed at a challenge event):
   * the new return's theme → the earlier action, which keeps its origin.
   */
  themeActions: Array<{ themeId: string; fromActionId: string }>;
  newQuestions: number;
  changedQuestions: number;
}

/**
 * The themes of `current` that continue a theme of `previous`, matched by key as the comparison of
 * versions matches them (the same theme within one version): earlier theme id → current theme id.
 */
export function matchThemes(
  previous: Pick<ReturnStructure, 'themes'>,
  current: Pick<ReturnStructure, 'themes'>,
): Map<string, string> {
  const currentByKey = new Map(current.themes.map((t) => [t.key, t.id]));
  const out = new Map<string, string>();
  for (const t of previous.themes) {
    const id = currentByKey.get(t.key);
    if (id) out.set(t.id, id);
  }
  return out;
}

/**
 * What to pre-fill for the questions in `questionIds` and the themes in `themeIds` (those that apply
 * to the agency): each unchanged question's answer (when it had one that counted) and its open
 * action, and the open actions of a theme rating or challenge event on a theme that continues.
 */
export function planCarryForward(
  matches: ReadonlyMap<string, QuestionMatch>,
  questionIds: readonly string[],
  previousAnswers: readonly PreviousAnswer[],
  previousActions: readonly PreviousAction[],
  themes: { matches: ReadonlyMap<string, string>; themeIds: readonly string[] },
): CarryPlan {
  const answerByQuestion = new Map(previousAnswers.map((a) => [a.questionId, a]));
  const actionByQuestion = new Map(
    previousActions.filter((a) => a.questionId !== null).map((a) => [a.questionId!, a]),
  );
  const plan: CarryPlan = {
    answers: [],
    actions: [],
    themeActions: [],
    newQuestions: 0,
    changedQuestions: 0,
  };
  for (const questionId of questionIds) {
    const match = matches.get(questionId);
    if (!match) continue;
    if (match.change === 'new') plan.newQuestions++;
    if (match.change === 'changed') plan.changedQuestions++;
    if (match.change !== 'unchanged' || !match.previousQuestionId) continue;
    const answer = answerByQuestion.get(match.previousQuestionId);
    if (!answer?.answered || answer.awaitingConfirmation) continue;
    plan.answers.push({ questionId, fromQuestionId: match.previousQuestionId });
    const action = actionByQuestion.get(match.previousQuestionId);
    if (action && OPEN_ACTION_STATUSES.has(action.status))
      plan.actions.push({ questionId, fromActionId: action.id });
  }
  for (const action of previousActions) {
    if (action.questionId !== null || !OPEN_ACTION_STATUSES.has(action.status)) continue;
    const themeId = themes.matches.get(action.themeId);
    if (themeId && themes.themeIds.includes(themeId))
      plan.themeActions.push({ themeId, fromActionId: action.id });
  }
  return plan;
}

export const QUESTION_CHANGE_TAGS: Record<
  Exclude<QuestionChange, 'unchanged'>,
  { text: string; classes: string }
> = {
  new: { text: 'New question', classes: 'govuk-tag--purple' },
  changed: { text: 'Changed since last audit', classes: 'govuk-tag--orange' },
};

export const CARRIED_FORWARD_TAG = {
  text: 'From last audit – check and confirm',
  classes: 'govuk-tag--yellow',
};
/** On pages where the answer cannot be confirmed (read-only, submitted). */
export const UNCONFIRMED_TAG = { text: 'From last audit – not confirmed', classes: 'govuk-tag--grey' };
export const FOCUS_QUESTION_TAG = { text: 'Focus question', classes: 'govuk-tag--pink' };

/** What a question is marked with on the agency's pages. */
export interface QuestionFlags {
  focus: boolean;
  change: Exclude<QuestionChange, 'unchanged'> | null;
}

/**
 * Flags for each question of a return: focus questions of the cycle, and (for a return pre-filled
 * from an earlier one) questions new or changed since that return's template version.
 */
export function questionFlags(
  current: Pick<ReturnStructure, 'themes'>,
  focusQuestionIds: readonly string[],
  previous: Pick<ReturnStructure, 'themes'> | null,
): Map<string, QuestionFlags> {
  const matches = previous ? matchQuestions(previous, current) : null;
  const flags = new Map<string, QuestionFlags>();
  for (const theme of current.themes)
    for (const q of theme.questions) {
      const change = matches?.get(q.id)?.change ?? 'unchanged';
      flags.set(q.id, {
        focus: focusQuestionIds.includes(q.id),
        change: change === 'unchanged' ? null : change,
      });
    }
  return flags;
}
