/**
 * The monitoring table's filters, sort and paging are worked out in SQL (issue 21). At a few hundred
 * generated returns, varied so that every status, extensions, incomplete themes, leads and missing
 * activity all occur, each sort in both directions and each filter gives the same rows in the same
 * order as the in-memory filter and sort the page used before (`filterAndSort` over every row), a
 * page at a time; and the totals by status are the whole audit's.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { seedScaleCycle } from '../../bench/scale.ts';
import { findPartnershipCycle } from '../../src/domain/cycle-access.repository.ts';
import type { CycleInfo } from '../../src/domain/cycle-access.ts';
import { loadMonitoringRows } from '../../src/features/cycles/monitoring.repository.ts';
import {
  countStatuses,
  filterAndSort,
  type MonitoringQuery,
  SORT_KEYS,
} from '../../src/features/cycles/monitoring.ts';
import {
  loadMonitoringPage,
  monitoringReturnIds,
} from '../../src/features/cycles/monitoring-page.repository.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const COUNT = 240;
const DAY = 86_400_000;

describe('the monitoring table in SQL at a few hundred returns', () => {
  let t: TestApp;
  let cycle: CycleInfo;
  let now: Date;

  before(async () => {
    t = await startTestApp();
    const db = t.database.db;
    const p = t.ids.partnershipId;
    const cycleId = await seedScaleCycle(db, t.ids, { count: COUNT });
    const inCycle = sql`r.cycle_id = ${cycleId} and r.partnership_id = ${p}`;
    const pick = (expr: ReturnType<typeof sql>, n: number) =>
      sql`get_byte(decode(md5(${expr}), 'hex'), 1) % ${n}`;
    // Every return status; activity missing or spread over days; some extended past the close and
    // some "extended" to before it; some themes not completed.
    await db.execute(sql`update returns r set
        status = (array['not_started', 'in_progress', 'submitted', 'returned', 'accepted', 'resubmitted', 'in_progress'])[1 + ${pick(sql`r.id::text`, 7)}],
        last_activity_at = case when ${pick(sql`r.id::text || 'a'`, 5)} = 0 then null
          else c.closes_at - (${pick(sql`r.id::text || 'b'`, 40)} * interval '1 hour') end,
        extended_until = case ${pick(sql`r.id::text || 'e'`, 5)} when 0 then c.closes_at + interval '7 days'
          when 1 then c.closes_at + interval '3 days' when 2 then c.closes_at - interval '1 day' else null end
      from cycles c where c.id = r.cycle_id and ${inCycle}`);
    await db.execute(sql`update theme_ratings tr set completed_at = null from returns r
      where r.id = tr.return_id and ${inCycle} and ${pick(sql`tr.return_id::text || tr.theme_id::text`, 3)} = 0`);
    // Some agencies in both localities.
    await db.execute(sql`insert into agency_localities (partnership_id, agency_id, locality_id)
      select ${p}, r.agency_id, ${t.ids.localityIds.riverside}::uuid from returns r where ${inCycle}
        and ${pick(sql`r.agency_id::text || 'two'`, 3)} = 0 on conflict do nothing`);
    // Leads for most agencies, named in mixed case; some agencies have none.
    await db.execute(sql`insert into users (email, name)
      select 'lead-' || a.id || '@example.org', (array['alex Lead', 'Bea lead', 'carl Lead', 'Dee Lead'])[1 + ${pick(sql`a.id::text`, 4)}] || ' ' || substr(md5(a.id::text), 1, 4)
      from returns r join agencies a on a.id = r.agency_id where ${inCycle} and ${pick(sql`a.id::text || 'l'`, 4)} <> 0`);
    await db.execute(sql`insert into agency_users (agency_id, user_id, role)
      select a.id, u.id, 'agency_lead' from returns r join agencies a on a.id = r.agency_id
        join users u on u.email = 'lead-' || a.id || '@example.org' where ${inCycle}`);
    const found = await findPartnershipCycle(
      db,
      { partnerships: [{ partnershipId: p, role: 'reviewer' }] },
      cycleId,
    );
    assert.ok(found);
    cycle = found;
    // A day after the close: overdue and extended both occur.
    now = new Date(cycle.closesAt.getTime() + DAY);
  });

  after(async () => {
    await t?.close();
  });

  /** Every page of the table in SQL, one after another. */
  async function everyPage(query: MonitoringQuery, size: number): Promise<string[]> {
    const ids: string[] = [];
    for (let page = 1; ; page++) {
      const shown = await loadMonitoringPage(t.database.db, cycle, now, query, page, size);
      assert.equal(shown.rows.page, page);
      ids.push(...shown.rows.items.map((r) => r.returnId));
      if (page >= shown.rows.pageCount) return ids;
    }
  }

  it('gives the totals of the whole audit, whatever the filter', async () => {
    const all = await loadMonitoringRows(t.database.db, cycle, now);
    assert.equal(all.length, COUNT);
    const expected = countStatuses(all);
    // (Past the close, a return not started is overdue or extended.)
    for (const status of ['overdue', 'extended', 'returned', 'submitted', 'accepted'] as const)
      assert.ok(expected[status] > 0, `some ${status}`);
    const shown = await loadMonitoringPage(
      t.database.db,
      cycle,
      now,
      { sort: 'agency', direction: 'asc', status: 'overdue' },
      1,
      100,
    );
    assert.deepEqual(shown.counts, expected);
    assert.deepEqual(shown.sectors, [...new Set(all.map((r) => r.sector))].sort());
    assert.equal(shown.rows.total, expected.overdue);
  });

  it('sorts each column both ways as the in-memory sort did, a page at a time', async () => {
    const all = await loadMonitoringRows(t.database.db, cycle, now);
    // The variations took: progress, activity, leads and deadlines differ between rows.
    for (const key of ['percentComplete', 'leadName', 'lastActivityAt', 'deadline'] as const)
      assert.ok(new Set(all.map((r) => String(r[key]))).size > 2, `${key} varies`);
    for (const sort of SORT_KEYS)
      for (const direction of ['asc', 'desc'] as const) {
        const query: MonitoringQuery = { sort, direction };
        const expected = filterAndSort([...all], query).map((r) => r.returnId);
        assert.deepEqual(await everyPage(query, 100), expected, `${sort} ${direction}`);
      }
  });

  it('filters by locality, sector and status as the in-memory filter did', async () => {
    const all = await loadMonitoringRows(t.database.db, cycle, now);
    const queries: MonitoringQuery[] = [
      { locality: t.ids.localityIds.riverside, sort: 'progress', direction: 'desc' },
      { sector: 'other-health', sort: 'status', direction: 'asc' },
      { status: 'extended', sort: 'deadline', direction: 'desc' },
      {
        status: 'overdue',
        sector: 'la-other',
        locality: t.ids.localityIds.northshire,
        sort: 'lead',
        direction: 'asc',
      },
      { locality: 'not-a-locality', sort: 'agency', direction: 'asc' },
      { status: 'not-a-status', sort: 'agency', direction: 'asc' },
    ];
    for (const query of queries) {
      const expected = filterAndSort([...all], query).map((r) => r.returnId);
      assert.deepEqual(await everyPage(query, 40), expected, JSON.stringify(query));
      assert.deepEqual(await monitoringReturnIds(t.database.db, cycle, now, query), expected);
    }
    // The filters kept some rows and left out others.
    const kept = filterAndSort([...all], queries[3]!).length;
    assert.ok(kept > 0 && kept < COUNT / 4, `${kept} overdue in one sector and locality`);
  });

  it('gives a page of returns, looked up one by one, the same rows as the whole audit gathered', async () => {
    const all = await loadMonitoringRows(t.database.db, cycle, now);
    // Localities and completed themes vary: one or both localities; themes completed or not.
    assert.deepEqual(new Set(all.map((r) => r.localityIds.length)), new Set([1, 2]));
    assert.ok(new Set(all.map((r) => r.completedThemes)).size > 2, 'completed themes vary');
    const ids = all.filter((_r, i) => i % 3 === 0).map((r) => r.returnId);
    const page = await loadMonitoringRows(t.database.db, cycle, now, ids);
    const byId = (rows: typeof all) => [...rows].sort((a, b) => a.returnId.localeCompare(b.returnId));
    assert.deepEqual(byId(page), byId(all.filter((r) => ids.includes(r.returnId))));
  });

  it('shows the last page for a page past the end', async () => {
    const shown = await loadMonitoringPage(
      t.database.db,
      cycle,
      now,
      { sort: 'agency', direction: 'asc' },
      99,
      100,
    );
    assert.deepEqual(
      [shown.rows.page, shown.rows.pageCount, shown.rows.from, shown.rows.to],
      [3, 3, 201, COUNT],
    );
  });
});
