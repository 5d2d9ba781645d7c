/**
 * The national seeder (bench/national-data.ts, `npm run seed:scale`) at a tiny size: it writes the
 * partnerships, agencies, audits and returns the size says, answers every question of a finished
 * return (the even-numbered themes of one in progress, none of one not started), keeps the submitted
 * returns' grades, and the same size gives the same data.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { countNational, type NationalCounts, seedNational } from '../../bench/national-data.ts';
import { queryRows } from '../../src/db/client.ts';
import { startTestApp, TEST_NOW, type TestApp } from '../helpers/test-app.ts';

// Two partnerships beside the demo's, sharing 6 agencies; the demo's nine agencies grown to 12.
const TINY = { partnerships: 3, agencies: 18, largest: 12, themes: 2, questionsPerTheme: 3 };

/** The seeded answers' content, in order (ids left out: those of the demo's template differ by run). */
async function answersDigest(t: TestApp): Promise<string> {
  const [row] = await queryRows<{ digest: string }>(
    t.database.db,
    sql`select md5(string_agg(r.reference || ':' || th.position || '.' || q.position || '=' || coalesce(a.response, '-'),
        ',' order by r.reference, th.position, q.position)) as digest
      from answers a join returns r on r.id = a.return_id join template_questions q on q.id = a.question_id
        join template_themes th on th.id = q.theme_id
      where r.reference like 'NS%'`,
  );
  return row!.digest;
}

describe('national seed at a tiny size', () => {
  let t: TestApp;
  let before_: NationalCounts;
  let after_: NationalCounts;

  before(async () => {
    t = await startTestApp();
    before_ = await countNational(t.database.db, t.ids.partnershipId);
    after_ = await seedNational(t.database.db, t.ids, TINY, TEST_NOW);
  });
  after(async () => t.close());

  it('adds the partnerships, agencies, audits and returns of the size', () => {
    assert.equal(after_.partnerships - before_.partnerships, 2);
    assert.equal(after_.agencies - before_.agencies, 9);
    assert.equal(after_.largestPartnershipAgencies, 12);
    // Three audits each for the two new partnerships; two earlier ones for the demo's.
    assert.equal(after_.cycles - before_.cycles, 8);
    assert.equal(after_.returns - before_.returns, 9 * 3);
    assert.ok(after_.actions > before_.actions);
    assert.ok(after_.themeModerations > before_.themeModerations);
    assert.ok(after_.challenges > before_.challenges);
    assert.ok(after_.surveyResponses > before_.surveyResponses);
  });

  it('answers every question of a finished return, the even themes of one in progress, none of one not started', async () => {
    const rows = await queryRows<{ reference: string; status: string; answered: number; expected: number }>(
      t.database.db,
      sql`select r.reference, r.status,
          (select count(*)::int from answers a where a.return_id = r.id) as answered,
          (select count(*)::int from template_questions q join template_themes th on th.id = q.theme_id
            where th.template_version_id = c.template_version_id
              and (r.status <> 'in_progress' or th.position % 2 = 0)) as expected
        from returns r join cycles c on c.id = r.cycle_id where r.reference like 'NS%' order by r.reference`,
    );
    assert.equal(rows.length, 27);
    assert.deepEqual(
      new Set(rows.map((r) => r.status)),
      new Set(['submitted', 'accepted', 'in_progress', 'not_started']),
    );
    for (const r of rows) assert.equal(r.answered, r.status === 'not_started' ? 0 : r.expected, r.reference);
    // Each return belongs to the partnership of its audit, and its agency is a member there.
    const [stray] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from returns r join cycles c on c.id = r.cycle_id
        left join agency_memberships m on m.partnership_id = r.partnership_id and m.agency_id = r.agency_id
        where r.reference like 'NS%' and (c.partnership_id <> r.partnership_id or m.agency_id is null)`,
    );
    assert.equal(stray!.n, 0);
  });

  it("keeps the submitted returns' grades, as a deployment holds them", async () => {
    const [row] = await queryRows<{ submitted: number; kept: number }>(
      t.database.db,
      sql`select count(*)::int as submitted, count(g.return_id)::int as kept
        from returns r left join return_grades g on g.return_id = r.id and g.submitted_at = r.submitted_at
        where r.reference like 'NS%' and r.status in ('submitted', 'accepted')`,
    );
    assert.ok(row!.submitted > 0);
    assert.equal(row!.kept, row!.submitted, 'every submitted return has its grades kept');
    assert.ok(after_.returnsGradesKept - before_.returnsGradesKept >= row!.submitted);
  });

  it('gives the same answers for the same size', async () => {
    const other = await startTestApp();
    try {
      await seedNational(other.database.db, other.ids, TINY, TEST_NOW);
      assert.equal(await answersDigest(other), await answersDigest(t));
    } finally {
      await other.close();
    }
  });
});
