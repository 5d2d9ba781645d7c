/**
 * A generated audit (bench/scale.ts, at a small size): the API's pages and a streamed export hold
 * every row once, whatever the page size, and an export made in the worker matches the API.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedScaleCycle } from '../../bench/scale.ts';
import { createApiToken } from '../../src/features/api/api-tokens.repository.ts';
import { CYCLE_EXPORTS_QUEUE, cycleExportHandler } from '../../src/features/exports/cycle-export.service.ts';
import { loadExportFile } from '../../src/features/exports/cycle-exports.repository.ts';
import { runQueuedJobs } from '../../src/jobs/job-queue.ts';
import { parseCsv } from '../helpers/csv.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const ADMIN = 'business.manager@nrscp.example';
const RETURNS = 23;

describe('a generated audit of many returns', () => {
  let t: TestApp;
  let cycleId: string;
  let token: string;

  before(async () => {
    t = await startTestApp({ queue: true, env: { EXPORT_INLINE_RETURNS: '0' } });
    cycleId = await seedScaleCycle(t.database.db, t.ids, { count: RETURNS });
    ({ token } = await createApiToken(t.database.db, {
      partnershipId: t.ids.partnershipId,
      name: 'Scale',
      expiresAt: null,
      createdBy: Object.values(t.ids.userIds)[0]!,
      now: t.clock.now(),
    }));
  });
  after(async () => t.close());

  const api = async (url: string) => {
    const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    return JSON.parse(res.body) as {
      data: Array<Record<string, string>>;
      meta: { page: number; totalItems: number; totalPages: number };
      links: { next: string | null };
    };
  };
  const everyPage = async (first: string) => {
    const pages = [await api(first)];
    while (pages.at(-1)!.links.next) pages.push(await api(pages.at(-1)!.links.next!));
    return pages;
  };

  /** Every row of a list, by pages of 1000. */
  const everyRow = async (list: string) => {
    const pages = await everyPage(`/api/v1/cycles/${cycleId}/${list}?pageSize=1000`);
    return { data: pages.flatMap((p) => p.data), meta: pages[0]!.meta };
  };

  it('gives every answer, rating and action once across pages of any size, as many as counted', async () => {
    const key = {
      answers: (a: Record<string, string>) => `${a.returnId}/${a.questionId}`,
      'theme-ratings': (a: Record<string, string>) => `${a.returnId}/${a.themeId}`,
      actions: (a: Record<string, string>) => a.actionId!,
    };
    for (const list of ['answers', 'theme-ratings', 'actions'] as const) {
      const whole = await everyRow(list);
      assert.ok(whole.meta.totalItems > RETURNS, `${list}: more rows than returns`);
      assert.equal(whole.data.length, whole.meta.totalItems, `${list}: the pages hold as many as counted`);
      assert.equal(new Set(whole.data.map(key[list])).size, whole.data.length, `${list}: each once`);
      for (const size of [41, 97]) {
        const pages = await everyPage(`/api/v1/cycles/${cycleId}/${list}?pageSize=${size}`);
        assert.equal(pages.length, Math.ceil(whole.meta.totalItems / size), `${list} by ${size}`);
        assert.equal(pages.at(-1)!.meta.page, pages.length);
        assert.deepEqual(
          pages.flatMap((p) => p.data.map(key[list])),
          whole.data.map(key[list]),
          `${list} by ${size}: the same rows in the same order`,
        );
      }
    }
    const returns = await everyPage(`/api/v1/cycles/${cycleId}/returns?pageSize=1`);
    assert.equal(returns.length, RETURNS);
    assert.equal(new Set(returns.flatMap((p) => p.data.map((r) => r.returnId))).size, RETURNS);
  });

  it('exports the answers as the API gives them, streamed through the worker', async () => {
    const signedIn = await t.signIn(ADMIN);
    await signedIn.get(`/cycles/${cycleId}/exports`);
    const asked = await signedIn.post(`/cycles/${cycleId}/exports`, { format: 'csv' });
    assert.equal(asked.status, 303);
    const exportId = asked.location!.split('/').pop()!;
    const run = await runQueuedJobs(
      t.queue!,
      CYCLE_EXPORTS_QUEUE,
      cycleExportHandler({ db: t.database.db, clock: t.clock }),
    );
    assert.deepEqual(run, { ran: 1, failed: 0 });
    const file = await loadExportFile(t.database.db, t.ids.partnershipId, cycleId, exportId, t.clock.now());
    assert.ok(file);
    const pieces: Buffer[] = [];
    for await (const piece of file.chunks()) pieces.push(piece);
    const [, ...rows] = parseCsv(Buffer.concat(pieces).toString('utf8'));
    const whole = await everyRow('answers');
    assert.equal(rows.length, whole.meta.totalItems);
    const answered = (list: string[][]) => list.map((r) => r[11]).sort();
    assert.deepEqual(
      answered(rows),
      answered(whole.data.map((a) => ['', '', '', '', '', '', '', '', '', '', '', a.answerText!])),
    );
  });
});
