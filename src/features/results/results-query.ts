/** The results page's query string: its filters, the grades shown in the heatmap and the comparison. */
import { isUuid } from '../../lib/tokens.ts';
import { sectorLabel } from '../agencies/sectors.ts';
import type { ResultsFilters } from './results.ts';

export const GRADE_VIEWS = ['self', 'moderated', 'difference'] as const;
export type GradeView = (typeof GRADE_VIEWS)[number];
export const GRADE_VIEW_LABELS: Record<GradeView, string> = {
  self: 'Self-assessed grades',
  moderated: 'Moderated grades',
  difference: 'Difference (moderated against self-assessed)',
};

export interface ResultsQuery extends ResultsFilters {
  grades: GradeView;
  /** The earlier cycle to compare with; none: the most recent earlier one. */
  compare?: string | undefined;
}

/** Reads the query string leniently: anything unknown means "no filter" or the default. */
export function parseResultsQuery(query: Record<string, unknown>): ResultsQuery {
  const str = (k: string) =>
    typeof query[k] === 'string' && query[k] !== '' ? (query[k] as string) : undefined;
  const basis = str('basis');
  const compare = str('compare');
  return {
    locality: str('locality'),
    sector: str('sector'),
    basis: basis === 'statutory' || basis === 'voluntary' ? basis : undefined,
    grades: GRADE_VIEWS.find((g) => g === str('grades')) ?? 'self',
    compare: compare && isUuid(compare) ? compare : undefined,
  };
}

/** The query string for `query` (with `overrides`), leaving out defaults; '' when there is nothing. */
export function resultsQueryString(
  query: Partial<ResultsQuery>,
  overrides: Partial<ResultsQuery> = {},
): string {
  const merged: Partial<ResultsQuery> = { ...query, ...overrides };
  const params = new URLSearchParams();
  for (const key of ['locality', 'sector', 'basis', 'grades', 'compare'] as const) {
    const value = merged[key];
    if (value && !(key === 'grades' && value === 'self')) params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Whether any filter narrows the agencies. */
export function isFiltered(query: ResultsFilters): boolean {
  return Boolean(query.locality || query.sector || query.basis);
}

/** The filters in words ("Riverside", "Police", "taking part voluntarily"), for the page and downloads. */
export function describeFilters(
  query: ResultsFilters,
  localities: Array<{ id: string; name: string }>,
): string[] {
  return [
    query.locality ? (localities.find((l) => l.id === query.locality)?.name ?? 'an unknown locality') : '',
    query.sector ? sectorLabel(query.sector) : '',
    query.basis === 'statutory'
      ? 'Section 11 applies by law'
      : query.basis === 'voluntary'
        ? 'taking part voluntarily'
        : '',
  ].filter(Boolean);
}
