/** The home page of partnership staff: each audit with a few of its returns, however large it is. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { inSystemContext } from '../../src/db/acting-partnership.ts';
import { queryRows } from '../../src/db/client.ts';
import { HOME_RETURNS_SHOWN, homeCycles } from '../../src/features/home/home.repository.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const ADMIN = 'business.manager@nrscp.example';

describe('the home page of partnership staff', () => {
  let t: TestApp;
  let counts: Array<{ cycle_id: string; total: number; submitted: number; first: string[] }>;

  before(async () => {
    t = await startTestApp();
    counts = await inSystemContext(() =>
      queryRows(
        t.database.db,
        sql`select r.cycle_id, count(*)::int as total, count(r.reference)::int as submitted,
              (array_agg(a.name order by a.name, r.id))[1:3] as first
            from returns r join agencies a on a.id = r.agency_id
            where r.partnership_id = ${t.ids.partnershipId} group by r.cycle_id`,
      ),
    );
  });
  after(async () => t.close());

  it('reads the first returns of each audit by agency name, and how many it has and were submitted', async () => {
    const cycles = await inSystemContext(() => homeCycles(t.database.db, [t.ids.partnershipId], 3));
    assert.ok(cycles.length > 0);
    for (const cycle of cycles) {
      const expected = counts.find((c) => c.cycle_id === cycle.id)!;
      assert.ok(expected.total > 3, 'the demo audit has more returns than are shown');
      assert.deepEqual(
        cycle.returns.map((r) => r.agency_name),
        expected.first,
      );
      assert.equal(cycle.total, expected.total);
      assert.equal(cycle.submitted, expected.submitted);
    }
  });

  it('lists the returns of a small audit whole, and counts them all', async () => {
    const admin = await t.signIn(ADMIN);
    const home = await admin.get('/');
    assert.equal(home.status, 200);
    const demo = counts.find((c) => c.cycle_id === t.ids.cycleId)!;
    assert.ok(demo.total <= HOME_RETURNS_SHOWN);
    assert.match(home.body, new RegExp(`${demo.submitted} of ${demo.total} returns submitted`));
    assert.doesNotMatch(home.body, /See every return/);
  });
});
