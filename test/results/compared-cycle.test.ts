/**
 * An earlier audit compared with this one is read for its grades alone: its returns' final grades
 * are the same as when it is read for its own results, and its overdue actions (thousands in a large
 * partnership's earlier audit) are not read. Read for its own results, each return's overdue actions
 * are those its action plan reads and counts overdue, field for field (the results read them as JSON
 * text, a return's at once).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { seedScaleCycle } from '../../bench/scale.ts';
import { actingFor } from '../../src/db/acting-partnership.ts';
import { actions, returns } from '../../src/db/schema.ts';
import { findPartnershipCycle } from '../../src/domain/cycle-access.repository.ts';
import { loadComparedCycle, loadCycleGrades } from '../../src/features/results/results.repository.ts';
import { finalGrade, type ResultsAction } from '../../src/features/results/results.ts';
import { isOverdue } from '../../src/features/returns/return-records.ts';
import { loadActions } from '../../src/features/returns/returns.repository.ts';
import { londonDate } from '../../src/lib/dates.ts';
import { startTestApp, TEST_NOW, type TestApp } from '../helpers/test-app.ts';

describe('an earlier audit compared with this one', () => {
  let t: TestApp;
  let cycleId: string;

  before(async () => {
    t = await startTestApp();
    cycleId = await seedScaleCycle(t.database.db, t.ids, { count: 12, name: 'Earlier audit' });
    // Every action of the earlier audit open and past its target date: overdue.
    await t.database.db.execute(sql`update actions ac set status = 'not_started', target_date = '2026-01-31'
      from returns r where r.id = ac.return_id and r.cycle_id = ${cycleId}`);
  });

  after(async () => {
    await t?.close();
  });

  const admin = () => ({
    partnerships: [{ partnershipId: t.ids.partnershipId, role: 'partnership_admin' as const }],
  });

  it('has the same final grades as its own results, and none of its overdue actions read', async () => {
    const user = admin();
    const { own, compared } = await actingFor(t.ids.partnershipId, async () => {
      const cycle = await findPartnershipCycle(t.database.db, user, cycleId);
      assert.ok(cycle, 'the earlier audit');
      const own = await loadCycleGrades(t.database.db, cycle, TEST_NOW);
      const earlier = [{ id: cycleId, name: cycle.name, opensAt: cycle.opensAt }];
      const compared = await loadComparedCycle(t.database.db, user, earlier, cycleId, TEST_NOW);
      return { own, compared };
    });
    assert.ok(compared, 'compared');
    assert.equal(compared.cycle.id, cycleId);
    const overdue = own.agencies.reduce((n, a) => n + a.actions.length, 0);
    assert.ok(overdue > 0, 'read for its own results, its overdue actions are there');
    assert.equal(
      compared.grades.agencies.reduce((n, a) => n + a.actions.length, 0),
      0,
      'compared, none of them are read',
    );
    const grades = (agencies: typeof own.agencies) =>
      agencies.map((a) => [a.agencyId, own.themes.map((th) => finalGrade(a, th.id))]);
    assert.equal(compared.grades.agencies.length, 12);
    assert.deepEqual(grades(compared.grades.agencies), grades(own.agencies));
  });

  it("reads each return's overdue actions as its action plan has them, text of any kind kept", async () => {
    const db = t.database.db;
    const some = await db
      .select({ id: actions.id })
      .from(actions)
      .innerJoin(returns, eq(returns.id, actions.returnId))
      .where(eq(returns.cycleId, cycleId))
      .orderBy(actions.id)
      .limit(3);
    const [first, notDue, done] = some;
    assert.ok(first && notDue && done, 'three actions');
    await db
      .update(actions)
      .set({ description: 'Say "why" \\ and\nhow, £5 — ✅', leadPerson: 'Ann O’Neil', status: 'in_progress' })
      .where(eq(actions.id, first.id));
    // One not yet due, and one completed: neither is overdue.
    await db.update(actions).set({ targetDate: '2099-01-01' }).where(eq(actions.id, notDue.id));
    await db.update(actions).set({ status: 'completed' }).where(eq(actions.id, done.id));
    const own = await actingFor(t.ids.partnershipId, async () => {
      const cycle = await findPartnershipCycle(db, admin(), cycleId);
      assert.ok(cycle, 'the earlier audit');
      return loadCycleGrades(db, cycle, TEST_NOW);
    });
    // As the return's own action plan reads its actions, and judges them overdue.
    const today = londonDate(TEST_NOW);
    const inOrder = <T extends { themeId: string; description: string }>(list: T[]) =>
      list.sort((x, y) => `${x.themeId}${x.description}`.localeCompare(`${y.themeId}${y.description}`));
    const read = new Map(own.agencies.map((a) => [a.returnId, inOrder([...a.actions])]));
    const table = new Map<string, ResultsAction[]>();
    for (const returnId of read.keys()) {
      const plan = await loadActions(db, t.ids.partnershipId, returnId);
      table.set(
        returnId,
        inOrder(
          plan
            .filter((a) => isOverdue(a, today))
            .map(({ themeId, description, targetDate, leadPerson, status }) => ({
              themeId,
              description,
              targetDate,
              leadPerson,
              status,
            })),
        ),
      );
    }
    assert.ok([...table.values()].flat().length > 1, 'overdue actions');
    assert.deepEqual(read, table);
    const all = [...read.values()].flat();
    assert.ok(
      all.some((a) => a.description === 'Say "why" \\ and\nhow, £5 — ✅' && a.leadPerson === 'Ann O’Neil'),
      'the action with quotes, a backslash, a new line and emoji',
    );
  });
});
