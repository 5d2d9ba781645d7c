/**
 * Pages of a cycle's lists for the API, read in the database in a stable order: returns by agency
 * name (lower case, kept on the return as `agency_sort_name`) then return id; within a return, its
 * rows in template order (answers, theme ratings) or in the order they were made (actions). A page
 * reads only the returns it needs, found through the index `returns_cycle_sort` with a keyset on
 * that order (`(sort name, return id) >= the cursor's`), so a page costs the same whatever the size
 * of the audit. Every query is scoped by the partnership running the cycle and,
 * for a joint partner, to its own member agencies.
 */
import { type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import type { AgencySector } from '../../db/schema.ts';
import { type CycleInfo, runsCycle } from '../../domain/cycle-access.ts';
import { loadMonitoringRows } from '../cycles/monitoring.repository.ts';
import type { MonitoringRow } from '../cycles/monitoring.ts';
import { cycleDataBatches } from '../exports/cycle-data.repository.ts';
import type { ActionExportRow, AnswerRow, CycleData, ThemeGradeRow } from '../exports/cycle-data.ts';
import { applicableThemes } from '../returns/return-rules.ts';
import { loadReturnStructure } from '../returns/return-structure.repository.ts';
import type { ReturnStructure } from '../returns/return-structure.ts';

export type ListKind = 'returns' | 'answers' | 'theme-ratings' | 'actions';

/** Where a page starts: the return (its sort name and id) and how many of its rows came before. */
export interface PagePosition {
  sortName: string;
  returnId: string;
  skip: number;
}

export type ListRow<K extends ListKind> = K extends 'returns'
  ? MonitoringRow
  : K extends 'answers'
    ? AnswerRow
    : K extends 'theme-ratings'
      ? ThemeGradeRow
      : ActionExportRow;

export type PageCycle = Pick<
  CycleInfo,
  'id' | 'partnershipId' | 'viewerPartnershipId' | 'closesAt' | 'templateVersionId'
>;

/** The cycle's returns the viewer sees (a joint partner: those of its member agencies). */
function visibleReturns(cycle: PageCycle): SQL {
  return sql`r.cycle_id = ${cycle.id} and r.partnership_id = ${cycle.partnershipId}
    ${
      runsCycle(cycle)
        ? sql``
        : sql`and exists (select 1 from agency_memberships m
                 where m.agency_id = r.agency_id and m.partnership_id = ${cycle.viewerPartnershipId})`
    }`;
}

/** A return's actions are counted by the database as they are written (`returns.action_count`). */
const hasActions = sql`r.action_count > 0`;

interface ReturnKey {
  return_id: string;
  sort_name: string;
  sector: AgencySector;
  locality_ids: string[];
  actions: number;
}

/** A return's key: its agency's sector and localities are kept on it (migration 0044). */
const returnKeyColumns = sql`r.id as return_id, r.agency_sort_name as sort_name, r.agency_sector as sector,
  r.locality_ids, r.action_count as actions`;

/** The next `limit` returns from `from` (inclusive) in the list's order: a keyset read. */
async function returnsFrom(
  db: DbOrTx,
  cycle: PageCycle,
  kind: ListKind,
  from: Pick<PagePosition, 'sortName' | 'returnId'> | null,
  limit: number,
): Promise<ReturnKey[]> {
  return queryRows<ReturnKey>(
    db,
    sql`select ${returnKeyColumns}
        from returns r
        where ${visibleReturns(cycle)}
          ${kind === 'actions' ? sql`and ${hasActions}` : sql``}
          ${from ? sql`and (r.agency_sort_name, r.id) >= (${from.sortName}, ${from.returnId}::uuid)` : sql``}
        order by r.agency_sort_name, r.id
        limit ${limit}`,
  );
}

/** The template a list's rows are made from (none for the list of returns), for a request's reads. */
export async function loadListStructure(
  db: DbOrTx,
  cycle: PageCycle,
  kind: ListKind,
): Promise<ReturnStructure | null> {
  return kind === 'returns' ? null : loadReturnStructure(db, cycle.partnershipId, cycle.templateVersionId);
}

/** How many rows of the list a return gives. */
function rowsOf(
  kind: ListKind,
  structure: ReturnStructure | null,
  r: Omit<ReturnKey, 'return_id' | 'sort_name'>,
) {
  if (kind === 'returns') return 1;
  if (kind === 'actions') return r.actions;
  if (!structure) throw new Error(`The ${kind} list needs its template`);
  const themes = applicableThemes(structure.themes, r.locality_ids, r.sector);
  return kind === 'theme-ratings' ? themes.length : themes.reduce((n, t) => n + t.questions.length, 0);
}

/**
 * How many rows the whole list has, counted in the database by groups of returns alike (the same
 * sector and localities, kept on each return), or from the returns' counts of actions, so the count
 * reads the audit's returns alone: none of their rows, agencies or localities.
 */
export async function countListRows(
  db: DbOrTx,
  cycle: PageCycle,
  kind: ListKind,
  structure: ReturnStructure | null,
): Promise<number> {
  if (kind === 'returns' || kind === 'actions') {
    // Actions counted from their returns' counts: the audit's returns are read, not its actions.
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`select ${kind === 'returns' ? sql`count(*)` : sql`coalesce(sum(r.action_count), 0)`}::int as n
          from returns r where ${visibleReturns(cycle)}`,
    );
    return row?.n ?? 0;
  }
  const groups = await queryRows<{ sector: AgencySector; locality_ids: string[]; n: number }>(
    db,
    sql`select r.agency_sector as sector, r.locality_ids, count(*)::int as n
        from returns r where ${visibleReturns(cycle)}
        group by r.agency_sector, r.locality_ids`,
  );
  return groups.reduce((n, g) => n + g.n * rowsOf(kind, structure, { ...g, actions: 0 }), 0);
}

/**
 * Where row number `offset` (from 0) of the list is: for the `page` parameter. This reads the order
 * of every return (a few small columns each), so following `links.next` (a cursor) is cheaper.
 */
export async function positionOfOffset(
  db: DbOrTx,
  cycle: PageCycle,
  kind: ListKind,
  structure: ReturnStructure | null,
  offset: number,
): Promise<PagePosition | null> {
  const all = await returnsFrom(db, cycle, kind, null, 10_000_000);
  let before = 0;
  for (const r of all) {
    const n = rowsOf(kind, structure, r);
    if (offset < before + n) return { sortName: r.sort_name, returnId: r.return_id, skip: offset - before };
    before += n;
  }
  return null;
}

/**
 * `size` rows of the list from `from` (the start when null), and where the next page starts (null
 * on the last page). Reads the returns' keys a few at a time until the page is full, and the rows of
 * only those returns the page reaches (how many rows each gives is known from its key: its sector
 * and localities, or its actions), so a page of 100 answers of a 100-question template reads the
 * answers of one or two returns, not of every return its keys' read brought.
 */
export async function readListPage<K extends ListKind>(
  db: DbOrTx,
  cycle: PageCycle,
  kind: K,
  structure: ReturnStructure | null,
  from: PagePosition | null,
  size: number,
  now: Date,
): Promise<{ rows: Array<ListRow<K>>; next: PagePosition | null }> {
  const rows: Array<ListRow<K>> = [];
  const perReturn = kind === 'returns' ? 1 : kind === 'answers' ? 40 : 8;
  const step = Math.min(200, Math.max(2, Math.ceil(size / perReturn) + 1));
  let at: PagePosition | null = from;
  for (;;) {
    const keys = await returnsFrom(db, cycle, kind, at, step);
    if (keys.length === 0) return { rows, next: null };
    const from = at;
    const skipOf = (k: ReturnKey) => (from && k.return_id === from.returnId ? from.skip : 0);
    // The returns this page reaches: up to the one whose rows fill it.
    let reach = 0;
    for (let wanted = size - rows.length; reach < keys.length && wanted > 0; reach++)
      wanted -= Math.max(0, rowsOf(kind, structure, keys[reach]!) - skipOf(keys[reach]!));
    const read = keys.slice(0, Math.max(1, reach));
    const monitoring = new Map(
      (
        await loadMonitoringRows(
          db,
          cycle,
          now,
          read.map((k) => k.return_id),
        )
      ).map((m) => [m.returnId, m]),
    );
    const ordered = read.flatMap((k) => monitoring.get(k.return_id) ?? []);
    const byReturn = await rowsByReturn(db, cycle, kind, structure, ordered);
    for (const k of read) {
      const own = byReturn.get(k.return_id) ?? [];
      for (let i = skipOf(k); i < own.length; i++) {
        if (rows.length === size)
          return { rows, next: { sortName: k.sort_name, returnId: k.return_id, skip: i } };
        rows.push(own[i] as ListRow<K>);
      }
    }
    // Full with the last return read: the next page starts at the next return that has rows.
    const following = keys.slice(read.length).find((k) => rowsOf(kind, structure, k) > 0);
    if (rows.length === size && following)
      return { rows, next: { sortName: following.sort_name, returnId: following.return_id, skip: 0 } };
    if (!following && keys.length < step) return { rows, next: null };
    const last = read[read.length - 1]!;
    // Next time, from the return after the last one read: every row of it has been taken.
    at = { sortName: last.sort_name, returnId: last.return_id, skip: Number.MAX_SAFE_INTEGER };
  }
}

async function rowsByReturn(
  db: DbOrTx,
  cycle: PageCycle,
  kind: ListKind,
  structure: ReturnStructure | null,
  returns: MonitoringRow[],
): Promise<Map<string, unknown[]>> {
  const byReturn = new Map<string, unknown[]>(returns.map((r) => [r.returnId, []]));
  if (kind === 'returns' || !structure) {
    for (const r of returns) byReturn.get(r.returnId)!.push(r);
    return byReturn;
  }
  const only = kind === 'actions' ? 'actions' : undefined;
  const data: CycleData = { answers: [], themeGrades: [], actions: [], challengeCounts: {} };
  for await (const batch of cycleDataBatches(db, cycle, structure, returns, { only, batchSize: 200 })) {
    for (const row of batch.data.answers) data.answers.push(row);
    for (const row of batch.data.themeGrades) data.themeGrades.push(row);
    for (const row of batch.data.actions) data.actions.push(row);
  }
  const rows = kind === 'answers' ? data.answers : kind === 'theme-ratings' ? data.themeGrades : data.actions;
  for (const row of rows) byReturn.get(row.returnId)?.push(row);
  return byReturn;
}
