/**
 * Results of an audit whose returns' grades are not kept (written straight into the database, as an
 * import or a restored backup leaves them): up to `GRADES_INLINE_RETURNS` of them are worked out by
 * the page itself; more are kept by the return-grades job, queued by the page, which meanwhile
 * answers 202 saying how far it has got. A form sent works them out at once, so nothing typed is lost.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { seedScaleCycle } from '../../bench/scale.ts';
import { queryRows } from '../../src/db/client.ts';
import { RETURN_GRADES_QUEUE } from '../../src/jobs/workers.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';
import { runReturnGradesJobs } from './results-fixture.ts';

const ADMIN = 'business.manager@nrscp.example';
const LIMIT = 10;

describe('results whose grades are not kept', () => {
  let t: TestApp;
  let admin: TestClient;

  before(async () => {
    t = await startTestApp({ queue: true, env: { GRADES_INLINE_RETURNS: String(LIMIT) } });
    admin = await t.signIn(ADMIN);
  });
  after(async () => t?.close());

  const kept = async (cycleId: string) =>
    (
      await queryRows<{ submitted: number; kept: number }>(
        t.database.db,
        sql`select count(*) filter (where r.status = 'submitted')::int as submitted,
              count(g.return_id)::int as kept
            from returns r left join return_grades g on g.return_id = r.id and g.submitted_at = r.submitted_at
            where r.cycle_id = ${cycleId}`,
      )
    )[0]!;

  /** Jobs waiting in the return-grades queue. */
  const queued = () => t.queue!.getQueueSize(RETURN_GRADES_QUEUE);

  const runGradesJob = () => runReturnGradesJobs(t);

  it('works out the grades of as many returns as the limit on the page itself, queuing nothing', async () => {
    const cycleId = await seedScaleCycle(t.database.db, t.ids, { count: LIMIT });
    assert.equal((await kept(cycleId)).kept, 0, 'made without the submission: nothing kept');
    const page = await admin.get(`/cycles/${cycleId}/results`);
    assert.equal(page.status, 200);
    assert.match(page.body, /Grades per theme/);
    assert.deepEqual(await kept(cycleId), { submitted: LIMIT, kept: LIMIT }, 'worked out and kept');
    assert.equal(await queued(), 0);
  });

  it('answers 202 with how far the job has got while it keeps more, then shows the results', async () => {
    const count = 3 * LIMIT;
    const cycleId = await seedScaleCycle(t.database.db, t.ids, { count });
    const url = `/cycles/${cycleId}/results?sector=la-other&heatmap-page=2`;
    const waiting = await admin.get(url);
    assert.equal(waiting.status, 202);
    assert.match(waiting.body, /<h1[^>]*>\s*The results are being worked out\s*<\/h1>/);
    assert.match(
      waiting.body,
      /The grades of this audit are being worked out from its submitted returns’ answers\./,
    );
    const progressUrl = `/cycles/${cycleId}/results/progress.json`;
    assert.ok(
      waiting.body.includes(
        `<p class="govuk-body" data-app-progress="${progressUrl}"><span data-app-progress-text aria-live="polite">0% done.</span>`,
      ),
      'how far it has got, and where its script asks',
    );
    assert.deepEqual(JSON.parse((await admin.get(progressUrl)).body), { ready: false, progress: '0% done.' });
    assert.ok(waiting.body.includes(`href="${url}">Try again`), 'a link to ask again, filters kept');
    assert.deepEqual(await kept(cycleId), { submitted: count, kept: 0 }, 'none worked out by the page');
    assert.equal(await queued(), 1, 'the job queued');

    // Asked again, and the downloads and the report: still one job.
    assert.equal((await admin.get(url)).status, 202);
    const workbook = await admin.download(`/cycles/${cycleId}/results.xlsx`);
    assert.equal(workbook.status, 202);
    assert.match(workbook.bytes.toString('utf8'), /The results are being worked out/);
    assert.equal((await admin.get(`/cycles/${cycleId}/report`)).status, 202);
    assert.equal((await admin.download(`/cycles/${cycleId}/report.pdf`)).status, 202);
    assert.equal(await queued(), 1, 'one job however often asked');
    // Asked again in the next minute (the job as though queued in the minute before): still one job.
    await t.database.executeSql(
      `update pgboss.job set singleton_on = singleton_on - interval '1 minute'
       where name = $1 and singleton_key = $2`,
      [RETURN_GRADES_QUEUE, cycleId],
    );
    assert.equal((await admin.get(progressUrl)).status, 200);
    assert.equal((await admin.get(url)).status, 202);
    assert.equal(await queued(), 1, 'one job waits for a cycle, whichever minute it was asked in');

    // The job keeps this audit's grades, not another's waiting too (the hourly run does those).
    const other = await seedScaleCycle(t.database.db, t.ids, { count: 2 });
    assert.deepEqual(await runGradesJob(), { ran: 1, failed: 0 });
    assert.deepEqual(await kept(cycleId), { submitted: count, kept: count });
    assert.deepEqual(await kept(other), { submitted: 2, kept: 0 });

    assert.deepEqual(JSON.parse((await admin.get(progressUrl)).body), {
      ready: true,
      progress: '100% done.',
    });
    const ready = await admin.get(url);
    assert.equal(ready.status, 200);
    assert.match(ready.body, /Grades per theme/);
    assert.equal((await admin.download(`/cycles/${cycleId}/results.xlsx`)).status, 200);
  });

  it('says how far the job has got as the share of submitted returns kept', async () => {
    const count = 4 * LIMIT;
    const cycleId = await seedScaleCycle(t.database.db, t.ids, { count });
    // Three quarters set aside (not submitted, their submission time kept): the page keeps the rest.
    const setAside = sql`id in (select id from returns where cycle_id = ${cycleId} order by id limit ${count - LIMIT})`;
    await t.database.db.execute(sql`update returns set status = 'in_progress' where ${setAside}`);
    assert.equal((await admin.get(`/cycles/${cycleId}/results`)).status, 200);
    await t.database.db.execute(sql`update returns set status = 'submitted' where ${setAside}`);
    assert.deepEqual(await kept(cycleId), { submitted: count, kept: LIMIT });

    const waiting = await admin.get(`/cycles/${cycleId}/results`);
    assert.equal(waiting.status, 202);
    assert.match(waiting.body, /aria-live="polite">25% done\.</);
    const progress = await admin.get(`/cycles/${cycleId}/results/progress.json`);
    assert.deepEqual(JSON.parse(progress.body), { ready: false, progress: '25% done.' });
  });

  it('works the grades out at once for a form sent, so what was typed is saved', async () => {
    const cycleId = await seedScaleCycle(t.database.db, t.ids, { count: 2 * LIMIT });
    assert.equal((await admin.get(`/cycles/${cycleId}/report`)).status, 202);
    const edit = await admin.get(`/cycles/${cycleId}/report/edit`);
    assert.equal(edit.status, 202, 'the form is a page too: it waits');
    // A form shown before the grades were cleared (a restored backup) is sent now.
    await admin.get(`/cycles/${t.ids.cycleId}/report/edit`);
    const sent = await admin.post(`/cycles/${cycleId}/report/edit`, {
      summary: 'Typed before the grades were cleared.',
      method: '',
      participation: '',
      improvements: '',
      recommendations: '',
      comparedCycleId: '',
    });
    assert.equal(sent.status, 303);
    const report = await admin.get(sent.location!);
    assert.equal(report.status, 200, 'the grades were kept by the form sent');
    assert.match(report.body, /Typed before the grades were cleared\./);
  });

  it('waits for this audit first, then for the audit it is compared with, each by its own job', async () => {
    // Read at once, both have more grades not kept than the limit: this audit's are said first.
    const earlier = await seedScaleCycle(t.database.db, t.ids, { count: 2 * LIMIT, name: 'Earlier audit' });
    await t.database.db.execute(sql`update cycles set opens_at = opens_at - interval '1 day',
      closes_at = closes_at - interval '1 day' where id = ${earlier}`);
    const cycleId = await seedScaleCycle(t.database.db, t.ids, { count: 2 * LIMIT });
    const url = `/cycles/${cycleId}/results`;
    const first = await admin.get(url);
    assert.equal(first.status, 202);
    assert.match(first.body, /The grades of this audit are being worked out/);
    assert.ok(first.body.includes(`data-app-progress="/cycles/${cycleId}/results/progress.json"`));
    // (With the jobs earlier tests left queued for their own audits.)
    assert.equal((await runGradesJob()).failed, 0);
    assert.equal((await kept(cycleId)).kept, 2 * LIMIT, 'this audit kept');
    assert.equal((await kept(earlier)).kept, 0, 'not the earlier one');

    const second = await admin.get(url);
    assert.equal(second.status, 202);
    assert.match(second.body, /The grades of the audit it is compared with are being worked out/);
    assert.ok(second.body.includes(`data-app-progress="/cycles/${earlier}/results/progress.json"`));
    assert.deepEqual(await runGradesJob(), { ran: 1, failed: 0 }, "the earlier audit's job alone");
    const ready = await admin.get(url);
    assert.equal(ready.status, 200);
    assert.match(ready.body, /Earlier audit/, 'compared with the earlier audit');
  });
});
