/** The app's background work as the server starts it: queues, workers, the schedule, and a clean stop. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq, like, sql } from 'drizzle-orm';
import { seedScaleCycle } from '../../bench/scale.ts';
import { queryRows } from '../../src/db/client.ts';
import { cycleExportChunks, cycleExports, cycles, outgoingMail } from '../../src/db/schema.ts';
import { SESSIONS_PURGE_CRON, SESSIONS_PURGE_QUEUE } from '../../src/features/auth/sign-in.service.ts';
import { seedDemo } from '../../src/features/demo/demo-seed.ts';
import {
  CYCLE_EXPORTS_PURGE_CRON,
  CYCLE_EXPORTS_PURGE_QUEUE,
  CYCLE_EXPORTS_QUEUE,
} from '../../src/features/exports/cycle-export.service.ts';
import { RETENTION_CRON, RETENTION_QUEUE } from '../../src/features/privacy/retention.ts';
import { keepMissingGrades } from '../../src/features/results/results.repository.ts';
import { createJobQueue, type JobQueue, runQueuedJobs } from '../../src/jobs/job-queue.ts';
import {
  ACTION_REMINDERS_CRON,
  ACTION_REMINDERS_QUEUE,
  CYCLE_EVENTS_CRON,
  CYCLE_EVENTS_QUEUE,
  DATABASE_STATISTICS_CRON,
  DATABASE_STATISTICS_QUEUE,
  jobHandlers,
  RETURN_GRADES_CRON,
  RETURN_GRADES_QUEUE,
  startWorkers,
  stopWorkers,
  type WorkerDeps,
} from '../../src/jobs/workers.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import { createMailer, MAIL_QUEUE, smtpTransport } from '../../src/mail/mailer.ts';
import { TEST_NOW } from '../helpers/test-app.ts';
import { openTestDatabase } from '../helpers/test-database.ts';

describe('the background workers', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let queue: JobQueue;
  let deps: WorkerDeps;
  let ids: Awaited<ReturnType<typeof seedDemo>>;
  const clock = new FixedClock(TEST_NOW);

  before(async () => {
    database = await openTestDatabase();
    ids = await seedDemo(database.db, clock);
    queue = createJobQueue(database, { supervise: false });
    deps = {
      db: database.db,
      clock,
      mailer: createMailer(database.db, clock, null),
      transport: null,
      baseUrl: 'http://localhost:3000',
    };
    // Polling rarely, so the test's own runs are the ones that handle jobs.
    await startWorkers(queue, deps, { pollingIntervalSeconds: 600 });
  });
  after(async () => {
    await stopWorkers(queue);
    await database.close();
  });

  it('schedules the cycle events every minute, the purge of old exports, the database’s statistics and the keeping of missing grades hourly, the purge of ended sessions every quarter hour, the retention of personal data daily, and delivers mail only with a transport', async () => {
    const schedules = await queue.getSchedules();
    assert.deepEqual(schedules.map((s) => [s.name, s.cron]).sort(), [
      [ACTION_REMINDERS_QUEUE, ACTION_REMINDERS_CRON],
      [CYCLE_EVENTS_QUEUE, CYCLE_EVENTS_CRON],
      [CYCLE_EXPORTS_PURGE_QUEUE, CYCLE_EXPORTS_PURGE_CRON],
      [DATABASE_STATISTICS_QUEUE, DATABASE_STATISTICS_CRON],
      [RETENTION_QUEUE, RETENTION_CRON],
      [RETURN_GRADES_QUEUE, RETURN_GRADES_CRON],
      [SESSIONS_PURGE_QUEUE, SESSIONS_PURGE_CRON],
    ]);
    assert.deepEqual(Object.keys(jobHandlers(deps)).sort(), [
      ACTION_REMINDERS_QUEUE,
      CYCLE_EVENTS_QUEUE,
      CYCLE_EXPORTS_QUEUE,
      CYCLE_EXPORTS_PURGE_QUEUE,
      DATABASE_STATISTICS_QUEUE,
      RETENTION_QUEUE,
      RETURN_GRADES_QUEUE,
      SESSIONS_PURGE_QUEUE,
    ]);
    const transport = smtpTransport('smtp://127.0.0.1:1', 'a@b.test');
    assert.deepEqual(Object.keys(jobHandlers({ ...deps, transport })).sort(), [
      ACTION_REMINDERS_QUEUE,
      CYCLE_EVENTS_QUEUE,
      CYCLE_EXPORTS_QUEUE,
      CYCLE_EXPORTS_PURGE_QUEUE,
      DATABASE_STATISTICS_QUEUE,
      MAIL_QUEUE,
      RETENTION_QUEUE,
      RETURN_GRADES_QUEUE,
      SESSIONS_PURGE_QUEUE,
    ]);
  });

  it('refreshes the planner’s statistics of every table, as their owner, when the statistics job comes (queued once at start)', async () => {
    const lastAnalysed = async () =>
      queryRows<{ relname: string; last_analyze: Date | string | null }>(
        database.db,
        sql`select relname, last_analyze from pg_stat_user_tables where relname in ('answers', 'returns', 'job')`,
      );
    const before = new Map((await lastAnalysed()).map((r) => [r.relname, r.last_analyze]));
    const run = await runQueuedJobs(
      queue,
      DATABASE_STATISTICS_QUEUE,
      jobHandlers(deps)[DATABASE_STATISTICS_QUEUE]!,
    );
    assert.equal(run.ran, 1, 'the job queued at start');
    assert.equal(run.failed, 0);
    const after = await lastAnalysed();
    assert.deepEqual(after.map((r) => r.relname).sort(), ['answers', 'job', 'returns']);
    for (const r of after) {
      assert.ok(r.last_analyze, `${r.relname} analysed`);
      assert.notEqual(String(r.last_analyze), String(before.get(r.relname)), `${r.relname} analysed again`);
    }
  });

  it('keeps the grades of submitted returns that have none kept, once, when the job queued at start comes', async () => {
    const cycleId = await seedScaleCycle(database.db, ids, { count: 12 });
    const counts = async () =>
      (
        await queryRows<{ submitted: number; kept: number }>(
          database.db,
          sql`select count(*) filter (where r.status = 'submitted')::int as submitted,
                count(g.return_id)::int as kept
              from returns r left join return_grades g on g.return_id = r.id where r.cycle_id = ${cycleId}`,
        )
      )[0]!;
    const before = await counts();
    assert.equal(before.submitted, 12);
    assert.equal(before.kept, 0, 'returns made without the submission keep nothing');
    const run = await runQueuedJobs(queue, RETURN_GRADES_QUEUE, jobHandlers(deps)[RETURN_GRADES_QUEUE]!);
    assert.equal(run.ran, 1);
    assert.equal(run.failed, 0);
    assert.deepEqual(await counts(), { submitted: 12, kept: 12 });
    assert.equal(await keepMissingGrades(database.db, clock.now()), 0, 'nothing left to do');
  });

  it('keeps again the grades kept in a template shape of an earlier release, by the rule the results read them by', async () => {
    const cycleId = await seedScaleCycle(database.db, ids, { count: 6 });
    assert.equal(await keepMissingGrades(database.db, clock.now(), cycleId), 1, 'kept once');
    const shapes = async () =>
      (
        await queryRows<{ shape: string }>(
          database.db,
          sql`select g.shape from return_grades g join returns r on r.id = g.return_id
              where r.cycle_id = ${cycleId} order by g.shape`,
        )
      ).map((r) => r.shape);
    const current = (await shapes())[0]!;
    assert.deepEqual(await shapes(), Array(6).fill(current));
    await database.db.execute(
      sql`update return_grades g set shape = 'an-earlier-shape' from returns r
          where r.id = g.return_id and r.cycle_id = ${cycleId} and r.agency_id in
            (select agency_id from returns where cycle_id = ${cycleId} order by agency_id limit 2)`,
    );
    assert.equal(
      await keepMissingGrades(database.db, clock.now()),
      1,
      'the one cycle with grades to keep again',
    );
    assert.deepEqual(
      await shapes(),
      Array(6).fill(current),
      'every return kept in the shape the results read',
    );
    assert.equal(await keepMissingGrades(database.db, clock.now(), cycleId), 0, 'nothing left to do');
  });

  it('deletes exports past their time, and their files, when the purge job comes', async () => {
    const [cycle] = await database.db.select().from(cycles);
    const now = clock.now();
    const rows = await database.db
      .insert(cycleExports)
      .values(
        [-1, 1].map((days) => ({
          partnershipId: cycle!.partnershipId,
          cycleId: cycle!.id,
          format: 'csv' as const,
          status: 'done' as const,
          expiresAt: new Date(now.getTime() + days * 86_400_000),
        })),
      )
      .returning({ id: cycleExports.id });
    await database.db.insert(cycleExportChunks).values(
      rows.map((r) => ({
        exportId: r.id,
        partnershipId: cycle!.partnershipId,
        seq: 0,
        data: Buffer.from('a,b\r\n'),
      })),
    );
    await queue.send(CYCLE_EXPORTS_PURGE_QUEUE, {});
    const handlers = jobHandlers(deps);
    const run = await runQueuedJobs(queue, CYCLE_EXPORTS_PURGE_QUEUE, handlers[CYCLE_EXPORTS_PURGE_QUEUE]!);
    assert.ok(run.ran >= 1);
    const left = await database.db.select({ id: cycleExports.id }).from(cycleExports);
    assert.deepEqual(
      left.map((r) => r.id),
      [rows[1]!.id],
    );
    const files = await database.db.select({ id: cycleExportChunks.exportId }).from(cycleExportChunks);
    assert.deepEqual(
      files.map((r) => r.id),
      [rows[1]!.id],
      'the expired export’s file goes with it',
    );
  });

  it('runs the cycle events at the clock’s time when the scheduler’s job comes', async () => {
    const [cycle] = await database.db.select().from(cycles);
    clock.set(new Date(cycle!.closesAt.getTime() + 86_400_000));
    await queue.send(CYCLE_EVENTS_QUEUE, {});
    const handlers = jobHandlers(deps);
    // The schedule itself may have added a run in the meantime: however many, each mail goes once.
    const run = await runQueuedJobs(queue, CYCLE_EVENTS_QUEUE, handlers[CYCLE_EVENTS_QUEUE]!);
    assert.ok(run.ran >= 1);
    assert.equal(run.failed, 0);
    const overdue = await database.db
      .select()
      .from(outgoingMail)
      .where(
        and(
          eq(outgoingMail.to, 'safeguarding.lead@northshire-council.example'),
          like(outgoingMail.subject, 'Overdue: %'),
        ),
      );
    assert.equal(overdue.length, 1);
  });
});
