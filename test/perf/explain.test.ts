/**
 * The queries of the pages people use most, planned against scale-shaped data (the national seeder
 * at a size where the largest audit is a few per cent of all answers, as at national scale, then
 * ANALYZE): none may read the answers, returns, actions, history or agencies' people tables by a
 * sequential scan.
 * Each page is requested through the app while every statement sent to the database is recorded;
 * each recorded statement is then EXPLAINed as the app runs it (inside a transaction as the
 * partnership's role, so row-level security's filters are planned too).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { seedNational } from '../../bench/national-data.ts';
import { queryRows } from '../../src/db/client.ts';
import { createApiToken } from '../../src/features/api/api-tokens.repository.ts';
import { type CapturedQuery, captureQueries } from '../helpers/query-capture.ts';
import { formFields } from '../helpers/record-conflicts.ts';
import { startTestApp, TEST_NOW, type TestApp } from '../helpers/test-app.ts';

const ADMIN = 'business.manager@nrscp.example';
const LEAD = 'safeguarding.lead@northshire-council.example';
const PLATFORM_ADMIN = 'service.desk@section11-hosting.example';
// The largest audit (40 agencies) is about 4 % of the answers, as 1,000 of 27,000 returns are.
const SHAPE = { partnerships: 21, agencies: 840, largest: 40, themes: 5, questionsPerTheme: 5 };
const WATCHED = new Set([
  'answers',
  'returns',
  'actions',
  'return_history',
  'record_history',
  'template_draft_history',
  // Read by the person at every signed-in request (the session's query): by its index of people.
  'agency_users',
]);

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

function seqScans(node: PlanNode, found: string[] = []): string[] {
  if (node['Node Type'] === 'Seq Scan' && node['Relation Name'] && WATCHED.has(node['Relation Name']))
    found.push(node['Relation Name']);
  for (const child of node.Plans ?? []) seqScans(child, found);
  return found;
}

describe('query plans at scale', () => {
  let t: TestApp;
  let token: string;

  before(async () => {
    t = await startTestApp();
    await seedNational(t.database.db, t.ids, SHAPE, TEST_NOW);
    ({ token } = await createApiToken(t.database.db, {
      partnershipId: t.ids.partnershipId,
      name: 'Plans',
      expiresAt: null,
      createdBy: Object.values(t.ids.userIds)[0]!,
      now: t.clock.now(),
    }));
  });
  after(async () => t.close());

  /** The statements `run` sends, each with the plans' sequential scans of the watched tables. */
  async function plansOf(
    run: () => Promise<void>,
  ): Promise<Array<{ query: CapturedQuery; scans: string[] }>> {
    const captured = await captureQueries(t.database, run);
    const planned = [];
    for (const query of captured) {
      if (!/^\s*(select|with|insert|update|delete)\b/i.test(query.text)) continue;
      if (/^\s*select set_config\(/i.test(query.text)) continue;
      const rows = await explainScoped(query);
      planned.push({ query, scans: seqScans(rows) });
    }
    assert.ok(
      planned.some((p) => /\b(answers|returns)\b/.test(p.query.text)),
      'statements reading answers or returns were recorded',
    );
    return planned;
  }

  /** The plan of `query` as the app ran it: in its partnership's scope, with its parameters. */
  async function explainScoped(query: CapturedQuery): Promise<PlanNode> {
    const parts = query.text.split(/(\$\d+)/);
    const statement = sql.join(
      parts.map((part) =>
        /^\$\d+$/.test(part) ? sql`${sql.param(query.params[Number(part.slice(1)) - 1])}` : sql.raw(part),
      ),
    );
    const rows = await t.database.db.transaction(async (tx) => {
      if (query.scope)
        await tx.execute(
          sql`select set_config('role', 's11_app', true), set_config('app.partnership_id', ${query.scope}, true)`,
        );
      return queryRows<Record<string, unknown>>(tx, sql`explain (format json) ${statement}`);
    });
    const json = Object.values(rows[0]!)[0];
    const plan = (typeof json === 'string' ? JSON.parse(json) : json) as Array<{ Plan: PlanNode }>;
    return plan[0]!.Plan;
  }

  function assertNoSeqScans(planned: Array<{ query: CapturedQuery; scans: string[] }>) {
    const bad = planned.filter((p) => p.scans.length > 0);
    assert.deepEqual(
      bad.map((b) => `${b.scans.join(', ')}: ${b.query.text.replace(/\s+/g, ' ').slice(0, 400)}`),
      [],
    );
  }

  it('finds a sequential scan where a query has no index to use (the check itself)', async () => {
    const plan = await explainScoped({
      text: 'select count(*) from answers where comment = $1',
      params: ['none'],
      scope: t.ids.partnershipId,
    });
    assert.deepEqual(seqScans(plan), ['answers']);
  });

  it('theme page, its save and the task list', async () => {
    const lead = await t.signIn(LEAD);
    const returnId = t.ids.returnIds.council!;
    const taskList = await lead.get(`/returns/${returnId}`);
    assert.equal(taskList.status, 200);
    const themePath = /href="(\/returns\/[0-9a-f-]+\/themes\/[0-9a-f-]+)"/.exec(taskList.body)![1]!;
    const page = await lead.get(themePath);
    assert.equal(page.status, 200);
    const fields = formFields(page.body, themePath);
    assertNoSeqScans(
      await plansOf(async () => {
        assert.equal((await lead.get(`/returns/${returnId}`)).status, 200);
        assert.equal((await lead.get(themePath)).status, 200);
        const saved = await lead.post(themePath, { ...fields, intent: 'continue', completed: 'no' });
        assert.ok([200, 303].includes(saved.status), `save: ${saved.status}`);
      }),
    );
  });

  it("reads a signed-in person's agencies by the index of their people, at every request", async () => {
    const lead = await t.signIn(LEAD);
    const captured = await captureQueries(t.database, async () => {
      assert.equal((await lead.get(`/returns/${t.ids.returnIds.council!}`)).status, 200);
    });
    const session = captured.find((q) => /from agency_users au/.test(q.text));
    assert.ok(session, 'the session and its person were read');
    // Without the index of people (migration 0046), the key (agency, person) was read whole.
    const indexes: string[] = [];
    const walk = (node: PlanNode & { 'Index Name'?: string }) => {
      if (node['Relation Name'] === 'agency_users') indexes.push(node['Index Name'] ?? node['Node Type']);
      for (const child of node.Plans ?? []) walk(child);
    };
    walk(await explainScoped(session));
    assert.deepEqual(indexes, ['agency_users_user']);
  });

  it('the home page, monitoring and results of the largest audit', async () => {
    const admin = await t.signIn(ADMIN);
    assertNoSeqScans(
      await plansOf(async () => {
        assert.equal((await admin.get('/')).status, 200);
        assert.equal((await admin.get(`/cycles/${t.ids.cycleId}`)).status, 200);
        assert.equal((await admin.get(`/cycles/${t.ids.cycleId}/results`)).status, 200);
      }),
    );
  });

  it("a page of the read API and the platform admin's partnership list", async () => {
    const platform = await t.signIn(PLATFORM_ADMIN);
    assertNoSeqScans(
      await plansOf(async () => {
        const res = await t.app.inject({
          method: 'GET',
          url: `/api/v1/cycles/${t.ids.cycleId}/answers?pageSize=100`,
          headers: { authorization: `Bearer ${token}` },
        });
        assert.equal(res.statusCode, 200);
        assert.equal((await platform.get('/platform/partnerships')).status, 200);
      }),
    );
  });
});
