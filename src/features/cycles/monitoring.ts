/**
 * Monitoring a cycle: each invited agency's state, as the partnership sees it, and the filtering,
 * sorting and counting of the status table. Pure functions, shared by the page and the downloads.
 */
import type { AgencySector, ReturnStatus } from '../../db/schema.ts';
import { compareNames } from '../../lib/words.ts';
import { SUBMITTED_STATUSES } from '../returns/return-access.ts';

/** What the partnership sees: a return's status, with overdue for one past its deadline. */
export type MonitoringStatus =
  | 'not_started'
  | 'in_progress'
  | 'submitted'
  | 'returned'
  | 'accepted'
  | 'overdue'
  | 'extended';

export const MONITORING_STATUS_LABELS: Record<MonitoringStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  submitted: 'Submitted',
  returned: 'Returned for changes',
  accepted: 'Accepted',
  overdue: 'Overdue',
  extended: 'Extended',
};

export const MONITORING_STATUS_TAGS: Record<MonitoringStatus, string> = {
  not_started: 'govuk-tag--grey',
  in_progress: 'govuk-tag--teal',
  submitted: 'govuk-tag--green',
  returned: 'govuk-tag--orange',
  accepted: 'govuk-tag--green',
  overdue: 'govuk-tag--red',
  extended: 'govuk-tag--yellow',
};

export interface MonitoringRow {
  returnId: string;
  agencyId: string;
  agencyName: string;
  sector: AgencySector;
  statutory: boolean;
  localityIds: string[];
  localityNames: string[];
  returnStatus: ReturnStatus;
  status: MonitoringStatus;
  /** The themes that apply to the agency (by the localities it serves in the partnership running the cycle). */
  themeIds: string[];
  /** Completed themes of those that apply to the agency. */
  completedThemes: number;
  totalThemes: number;
  percentComplete: number;
  lastActivityAt: Date | null;
  submittedAt: Date | null;
  reference: string | null;
  leadName: string | null;
  leadEmail: string | null;
  /** The cycle's closing time, or this agency's later extension. */
  deadline: Date;
  extendedUntil: Date | null;
}

/**
 * Submitted and accepted returns are just that, and so are returns returned for changes. Otherwise a return is overdue from its deadline,
 * extended while it works to a deadline of its own past the cycle's close, and else as it stands.
 */
export function monitoringStatus(
  returnStatus: ReturnStatus,
  deadline: Date,
  now: Date,
  cycleClosesAt: Date = deadline,
): MonitoringStatus {
  if (returnStatus === 'accepted') return 'accepted';
  if (SUBMITTED_STATUSES.has(returnStatus)) return 'submitted';
  // Returned for changes, it waits on the agency's changes, not on the audit's deadline.
  if (returnStatus === 'returned') return 'returned';
  if (now >= deadline) return 'overdue';
  if (deadline > cycleClosesAt && now >= cycleClosesAt) return 'extended';
  return returnStatus === 'in_progress' ? 'in_progress' : 'not_started';
}

export function percent(part: number, whole: number): number {
  // Multiplied first: (29 / 100) * 100 is 28.999…, and the database works it out in whole numbers.
  return whole === 0 ? 0 : Math.floor((part * 100) / whole);
}

export const SORT_KEYS = ['agency', 'sector', 'status', 'progress', 'activity', 'lead', 'deadline'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';

export interface MonitoringQuery {
  locality?: string | undefined;
  sector?: string | undefined;
  status?: string | undefined;
  sort: SortKey;
  direction: SortDirection;
}

const STATUS_ORDER: MonitoringStatus[] = [
  'overdue',
  'not_started',
  'in_progress',
  'returned',
  'submitted',
  'accepted',
];

/** Reads the query string leniently: anything unknown means "no filter" or the default sort. */
export function parseMonitoringQuery(query: Record<string, unknown>): MonitoringQuery {
  const str = (k: string) =>
    typeof query[k] === 'string' && query[k] !== '' ? (query[k] as string) : undefined;
  const sort = SORT_KEYS.find((k) => k === str('sort')) ?? 'agency';
  return {
    locality: str('locality'),
    sector: str('sector'),
    status: str('status'),
    sort,
    direction: str('direction') === 'desc' ? 'desc' : 'asc',
  };
}

function compare(a: MonitoringRow, b: MonitoringRow, key: SortKey): number {
  const text = (x: string | null, y: string | null) => compareNames(x ?? '', y ?? '');
  const time = (x: Date | null, y: Date | null) => (x?.getTime() ?? 0) - (y?.getTime() ?? 0);
  switch (key) {
    case 'agency':
      return text(a.agencyName, b.agencyName);
    case 'sector':
      return text(a.sector, b.sector);
    case 'status':
      return STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status);
    case 'progress':
      return a.percentComplete - b.percentComplete;
    case 'activity':
      return time(a.lastActivityAt, b.lastActivityAt);
    case 'lead':
      return text(a.leadName, b.leadName);
    case 'deadline':
      return time(a.deadline, b.deadline);
  }
}

export function filterAndSort(rows: MonitoringRow[], query: MonitoringQuery): MonitoringRow[] {
  const kept = rows.filter(
    (r) =>
      (!query.locality || r.localityIds.includes(query.locality)) &&
      (!query.sector || r.sector === query.sector) &&
      (!query.status || r.status === query.status),
  );
  const sign = query.direction === 'desc' ? -1 : 1;
  return kept.sort((a, b) => sign * compare(a, b, query.sort) || compare(a, b, 'agency'));
}

export type StatusCounts = Record<MonitoringStatus, number> & { invited: number };

/** Every status at nought, `invited` at `invited`. */
export function emptyStatusCounts(invited = 0): StatusCounts {
  return {
    invited,
    not_started: 0,
    in_progress: 0,
    submitted: 0,
    returned: 0,
    accepted: 0,
    overdue: 0,
    extended: 0,
  };
}

export function countStatuses(rows: MonitoringRow[]): StatusCounts {
  const counts = emptyStatusCounts(rows.length);
  for (const r of rows) counts[r.status]++;
  return counts;
}
