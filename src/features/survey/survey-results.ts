/**
 * Aggregating the staff survey, as pure functions: per statement, per theme and per agency, with
 * the small-group rule (nothing about a group of fewer than five responses is shown) and the rule
 * that flags where staff experience and the agency's own grade disagree.
 */
import type { Rag, SurveyAnswer } from '../../db/schema.ts';

/** Results of a group with fewer responses than this are never shown, downloaded or broken down. */
export const MIN_GROUP = 5;
/**
 * While its survey is open, an agency's own figures move in steps of this many responses, so its
 * lead cannot read one person's answers off the change that one response makes.
 */
export const AGENCY_BATCH = MIN_GROUP;

/**
 * The disagreement rule: a Green grade with under 60% of staff agreeing, or a Red grade with 80%
 * or more agreeing. (Amber sits between, so no share of agreement contradicts it.)
 */
export const GREEN_BELOW = 60;
export const RED_AT_LEAST = 80;

/** Five-point scores: Strongly disagree 1 … Strongly agree 5; "Don't know" has no score. */
const SCORES: Record<Exclude<SurveyAnswer, 'dont_know'>, number> = {
  strongly_disagree: 1,
  disagree: 2,
  neither: 3,
  agree: 4,
  strongly_agree: 5,
};

export interface SurveyResponseData {
  /** Statement id → the answer given. */
  answers: ReadonlyMap<string, SurveyAnswer>;
  comment: string;
}

export interface AnswerTally {
  counts: Record<SurveyAnswer, number>;
  /** Answers other than "Don't know". */
  withView: number;
  /** Agree or Strongly agree, as a whole per cent of answers with a view; null with none. */
  agreePercent: number | null;
  /** Mean score of answers with a view, to one decimal place; null with none. */
  mean: number | null;
}

export function tally(answers: Iterable<SurveyAnswer>): AnswerTally {
  const counts: Record<SurveyAnswer, number> = {
    strongly_disagree: 0,
    disagree: 0,
    neither: 0,
    agree: 0,
    strongly_agree: 0,
    dont_know: 0,
  };
  for (const a of answers) counts[a] += 1;
  const withView =
    counts.strongly_disagree + counts.disagree + counts.neither + counts.agree + counts.strongly_agree;
  if (withView === 0) return { counts, withView, agreePercent: null, mean: null };
  const agreeing = counts.agree + counts.strongly_agree;
  const total = (Object.keys(SCORES) as Array<keyof typeof SCORES>).reduce(
    (sum, k) => sum + SCORES[k] * counts[k],
    0,
  );
  return {
    counts,
    withView,
    agreePercent: Math.round((agreeing / withView) * 100),
    mean: Math.round((total / withView) * 10) / 10,
  };
}

export type Disagreement = 'staff-less-positive' | 'staff-more-positive' | null;

/** Whether staff agreement contradicts a grade (see GREEN_BELOW and RED_AT_LEAST). */
export function disagreement(grade: Rag | null, agreePercent: number | null): Disagreement {
  if (grade === null || agreePercent === null) return null;
  if (grade === 'green' && agreePercent < GREEN_BELOW) return 'staff-less-positive';
  if (grade === 'red' && agreePercent >= RED_AT_LEAST) return 'staff-more-positive';
  return null;
}

export const DISAGREEMENT_LABELS: Record<Exclude<Disagreement, null>, string> = {
  'staff-less-positive': 'Staff less positive than the grade',
  'staff-more-positive': 'Staff more positive than the grade',
};

export interface ThemeStatements {
  themeId: string;
  statements: Array<{ id: string; text: string }>;
}

export interface ThemeResult {
  themeId: string;
  /** Responses that gave a view on at least one of the theme's statements. */
  respondents: number;
  /** Whether the theme's figures may be shown (at least MIN_GROUP respondents gave a view). */
  shown: boolean;
  /** Every answer to the theme's statements pooled; null when not shown. */
  overall: AnswerTally | null;
  /** Per statement; empty when not shown. */
  statements: Array<{ id: string; text: string; tally: AnswerTally }>;
}

export interface GroupResult {
  responses: number;
  /** Whether anything about the group may be shown (at least MIN_GROUP responses). */
  shown: boolean;
  /** Per theme, in the order given; empty when the group is not shown. */
  themes: ThemeResult[];
  /** The free-text answers that say something, in alphabetical order (not the order they came in); empty when not shown. */
  comments: string[];
}

/**
 * The results of one group of responses (one agency's, or every agency's), theme by theme. Below
 * MIN_GROUP responses, only the count is returned.
 */
export function groupResults(themes: ThemeStatements[], responses: SurveyResponseData[]): GroupResult {
  const n = responses.length;
  if (n < MIN_GROUP) return { responses: n, shown: false, themes: [], comments: [] };
  const themeResults = themes.map((theme): ThemeResult => {
    const respondents = responses.filter((r) =>
      theme.statements.some((s) => {
        const a = r.answers.get(s.id);
        return a !== undefined && a !== 'dont_know';
      }),
    ).length;
    const shown = respondents >= MIN_GROUP;
    if (!shown) return { themeId: theme.themeId, respondents, shown, overall: null, statements: [] };
    const perStatement = theme.statements.map((s) => ({
      id: s.id,
      text: s.text,
      tally: tally(responses.flatMap((r) => r.answers.get(s.id) ?? [])),
    }));
    return {
      themeId: theme.themeId,
      respondents,
      shown,
      overall: tally(theme.statements.flatMap((s) => responses.flatMap((r) => r.answers.get(s.id) ?? []))),
      statements: perStatement,
    };
  });
  const comments = responses
    .map((r) => r.comment.trim())
    .filter((c) => c !== '')
    .sort((a, b) => a.localeCompare(b, 'en'));
  return { responses: n, shown: true, themes: themeResults, comments };
}
