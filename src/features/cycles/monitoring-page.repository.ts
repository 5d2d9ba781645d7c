/**
 * The monitoring table a page at a time, worked out by the database: each return's status (overdue
 * and extended from its deadline), the filters, the sort and the page are SQL, so a page of a large
 * audit reads its 100 rows in full and only the sort keys of the rest. The totals by status and the
 * sectors in the filter are counted over the whole audit the viewer sees. Every query is scoped by
 * the partnership running the cycle (and, for a joint partner, to its own member agencies).
 */
import { type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import { type CycleInfo, runsCycle } from '../../domain/cycle-access.ts';
import { type PageOf, pageAt, pageWindow } from '../../lib/paging.ts';
import { loadReturnStructure } from '../returns/return-structure.repository.ts';
import { loadMonitoringRows } from './monitoring.repository.ts';
import {
  emptyStatusCounts,
  type MonitoringQuery,
  type MonitoringRow,
  type MonitoringStatus,
  type StatusCounts,
} from './monitoring.ts';

type Scoped = Pick<
  CycleInfo,
  'id' | 'partnershipId' | 'viewerPartnershipId' | 'closesAt' | 'templateVersionId'
>;

/** `monitoringStatus` in SQL, over the columns of `scopedReturns`. */
function statusSql(now: Date, closesAt: Date): SQL {
  const n = sql`${now.toISOString()}::timestamptz`;
  const c = sql`${closesAt.toISOString()}::timestamptz`;
  return sql`case when b.return_status = 'accepted' then 'accepted'
      when b.return_status in ('submitted', 'resubmitted') then 'submitted'
      when b.return_status = 'returned' then 'returned'
      when ${n} >= b.deadline then 'overdue'
      when b.deadline > ${c} and ${n} >= ${c} then 'extended'
      when b.return_status = 'in_progress' then 'in_progress'
      else 'not_started' end`;
}

/** The returns the viewer sees, with the columns the filters and sorts need, and each one's status. */
function scopedReturns(cycle: Scoped, now: Date): SQL {
  const lead = runsCycle(cycle);
  const closes = sql`${cycle.closesAt.toISOString()}::timestamptz`;
  return sql`select b.*, ${statusSql(now, cycle.closesAt)} as status from (
      select r.id, r.status as return_status, r.last_activity_at, a.id as agency_id, a.name as agency_name,
        a.sector::text as sector, r.partnership_id, r.cycle_id,
        case when r.extended_until > ${closes} then r.extended_until else ${closes} end as deadline
      from returns r join agencies a on a.id = r.agency_id
      where r.cycle_id = ${cycle.id} and r.partnership_id = ${cycle.partnershipId}
        ${
          lead
            ? sql``
            : sql`and exists (select 1 from agency_memberships m
                     where m.agency_id = r.agency_id and m.partnership_id = ${cycle.viewerPartnershipId})`
        }) b`;
}

/** The filters of `query` over a row of `scopedReturns` (named s). */
function filterSql(cycle: Scoped, query: MonitoringQuery): SQL {
  // The localities a row is shown with (as `loadMonitoringRows` reads them).
  const shownLocalities = runsCycle(cycle)
    ? sql`(al.partnership_id = s.partnership_id or al.partnership_id in
            (select cp.partnership_id from cycle_partnerships cp where cp.cycle_id = s.cycle_id))`
    : sql`al.partnership_id = ${cycle.viewerPartnershipId}`;
  const parts: SQL[] = [sql`true`];
  if (query.locality)
    parts.push(sql`exists (select 1 from agency_localities al where al.agency_id = s.agency_id
      and ${shownLocalities} and al.locality_id::text = ${query.locality})`);
  if (query.sector) parts.push(sql`s.sector = ${query.sector}`);
  if (query.status) parts.push(sql`s.status = ${query.status}`);
  return sql.join(parts, sql` and `);
}

/**
 * The sort of `query` as an ORDER BY, the agency's name breaking ties as the in-memory sort did
 * (then the return's id, so that pages never overlap). Text is compared case-blind.
 */
async function orderSql(db: DbOrTx, cycle: Scoped, query: MonitoringQuery): Promise<SQL> {
  const dir = query.direction === 'desc' ? sql`desc` : sql`asc`;
  // A missing value counts as the least: first going up, last going down.
  const nulls = query.direction === 'desc' ? sql`nulls last` : sql`nulls first`;
  const byName = sql`lower(s.agency_name), s.agency_name, s.id`;
  let key: SQL;
  switch (query.sort) {
    case 'agency':
      return sql`lower(s.agency_name) ${dir}, s.agency_name ${dir}, s.id`;
    case 'sector':
      key = sql`lower(s.sector)`;
      break;
    case 'status':
      // Extended is not among the ordered statuses: it comes before them (as indexOf's -1 did).
      key = sql`case s.status when 'overdue' then 0 when 'not_started' then 1 when 'in_progress' then 2
        when 'returned' then 3 when 'submitted' then 4 when 'accepted' then 5 else -1 end`;
      break;
    case 'progress':
      key = await progressSql(db, cycle);
      break;
    case 'activity':
      key = sql`s.last_activity_at`;
      break;
    case 'lead':
      key = sql`coalesce(lower((select u.name from agency_users au join users u on u.id = au.user_id
        where au.agency_id = s.agency_id and au.role = 'agency_lead' order by u.name limit 1)), '')`;
      break;
    case 'deadline':
      key = sql`s.deadline`;
      break;
  }
  return sql`${key} ${dir} ${nulls}, ${byName}`;
}

/**
 * A return's per cent complete in SQL: its completed themes of those that apply to the agency (by
 * its localities in the partnership running the cycle, and its sector), rounded down, as `percent`.
 */
async function progressSql(db: DbOrTx, cycle: Scoped): Promise<SQL> {
  const structure = await loadReturnStructure(db, cycle.partnershipId, cycle.templateVersionId);
  const themes = JSON.stringify(
    structure.themes.map((t) => ({ id: t.id, localityIds: t.localityIds, sectors: t.sectors })),
  );
  return sql`(select case when count(*) = 0 then 0 else (100 * count(*) filter (where exists (
        select 1 from theme_ratings tr where tr.return_id = s.id and tr.partnership_id = s.partnership_id
          and tr.theme_id::text = t.id and tr.completed_at is not null))) / count(*) end
      from (select t->>'id' as id,
              array(select jsonb_array_elements_text(t->'localityIds')) as locality_ids,
              array(select jsonb_array_elements_text(t->'sectors')) as sectors
            from jsonb_array_elements(${themes}::jsonb) t) t
      where (cardinality(t.locality_ids) = 0 or exists (select 1 from agency_localities al
               where al.agency_id = s.agency_id and al.partnership_id = s.partnership_id
                 and al.locality_id::text = any(t.locality_ids)))
        and (cardinality(t.sectors) = 0 or s.sector = any(t.sectors)))`;
}

export interface MonitoringTotals {
  /** Over the whole audit the viewer sees, before filters. */
  counts: StatusCounts;
  /** The sectors of its agencies, for the filter. */
  sectors: string[];
  /** The rows the filters keep. */
  kept: number;
}

/** The totals by status and the sectors of the whole audit, and how many rows the filters keep. */
export async function monitoringTotals(
  db: DbOrTx,
  cycle: Scoped,
  now: Date,
  query: MonitoringQuery,
): Promise<MonitoringTotals> {
  const groups = await queryRows<{ status: MonitoringStatus; sector: string; n: number; kept: number }>(
    db,
    sql`select s.status, s.sector, count(*)::int as n, (count(*) filter (where ${filterSql(cycle, query)}))::int as kept
        from (${scopedReturns(cycle, now)}) s group by s.status, s.sector`,
  );
  const counts = emptyStatusCounts();
  let kept = 0;
  for (const g of groups) {
    counts.invited += g.n;
    counts[g.status] += g.n;
    kept += g.kept;
  }
  return { counts, sectors: [...new Set(groups.map((g) => g.sector))].sort(), kept };
}

/** The ids of the rows the filters keep, in the sort's order: `limit` from `offset`, or every one. */
export async function monitoringReturnIds(
  db: DbOrTx,
  cycle: Scoped,
  now: Date,
  query: MonitoringQuery,
  range?: { limit: number; offset: number },
): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select s.id from (${scopedReturns(cycle, now)}) s where ${filterSql(cycle, query)}
        order by ${await orderSql(db, cycle, query)}
        ${range ? sql`limit ${range.limit} offset ${range.offset}` : sql``}`,
  );
  return rows.map((r) => r.id);
}

/**
 * The full rows of `ids`, in that order: read by id for a page, or (`every`, for a download of the
 * whole table) all read at once rather than through a list of thousands of ids.
 */
export async function monitoringRowsInOrder(
  db: DbOrTx,
  cycle: Scoped,
  now: Date,
  ids: readonly string[],
  every = false,
): Promise<MonitoringRow[]> {
  const rows = await loadMonitoringRows(db, cycle, now, every ? undefined : ids);
  const byId = new Map(rows.map((r) => [r.returnId, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The `requested` page of the filtered, sorted table (a page past the end is the last), with the totals. */
export async function loadMonitoringPage(
  db: DbOrTx,
  cycle: Scoped,
  now: Date,
  query: MonitoringQuery,
  requested: number,
  size: number,
): Promise<MonitoringTotals & { rows: PageOf<MonitoringRow> }> {
  const totals = await monitoringTotals(db, cycle, now, query);
  const window = pageWindow(totals.kept, requested, size);
  const ids = totals.kept
    ? await monitoringReturnIds(db, cycle, now, query, { limit: size, offset: window.start })
    : [];
  const items = await monitoringRowsInOrder(db, cycle, now, ids);
  return { ...totals, rows: pageAt(window, items, totals.kept) };
}
