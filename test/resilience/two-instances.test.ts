/**
 * Two app instances on one PostgreSQL database, as a deployment behind a load balancer runs them
 * (docs/deployment.md): a session made on one works on the other (sessions live in the database,
 * signed with the shared SESSION_SECRET), a form posted to one is read on the other, and a notice
 * the scheduler finds due is sent once when both instances' job queues run it at the same moment.
 * PGlite is one process's data folder, so this needs a PostgreSQL server (TEST_DATABASE_URL).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { type Database, openDatabase, queryRows } from '../../src/db/client.ts';
import { cycles } from '../../src/db/schema.ts';
import { createJobQueue, type JobQueue, runQueuedJobs, startJobQueue } from '../../src/jobs/job-queue.ts';
import { CYCLE_EVENTS_QUEUE, JOB_QUEUES, jobHandlers } from '../../src/jobs/workers.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import { createMailer } from '../../src/mail/mailer.ts';
import { startTestApp, TEST_NOW, type TestApp, TestClient } from '../helpers/test-app.ts';

const skip = process.env.TEST_DATABASE_URL
  ? false
  : 'needs a PostgreSQL server (TEST_DATABASE_URL): PGlite is one process’s data folder, never shared';

const SECRET = 'two-instances-share-this-session-secret-0123456789';
const ENV = { SESSION_SECRET: SECRET };
const ADMIN = 'business.manager@nrscp.example';

describe('two app instances on one PostgreSQL database', { skip }, () => {
  let first: TestApp;
  let secondDatabase: Database;
  let second: FastifyInstance;
  const secondClock = new FixedClock(TEST_NOW);

  before(async () => {
    first = await startTestApp({ env: ENV });
    assert.equal(first.database.kind, 'postgres');
    // The second instance: its own connection pool, app and mailer, on the same database.
    secondDatabase = await openDatabase({ databaseUrl: first.database.url! });
    await secondDatabase.migrate();
    second = await createApp({
      config: loadConfig({ NODE_ENV: 'test', BASE_URL: 'http://localhost:3000', DEMO: 'true', ...ENV }),
      database: secondDatabase,
      mailer: createMailer(secondDatabase.db, secondClock, null, null),
      clock: secondClock,
      queue: null,
    });
    await second.ready();
  });
  after(async () => {
    await second?.close();
    await secondDatabase?.close();
    await first?.close();
  });

  /** A client of the second instance carrying the first client's cookies. */
  function onSecond(client: TestClient): TestClient {
    const other = new TestClient(second);
    for (const pair of client.cookieHeader().split('; ').filter(Boolean)) {
      const at = pair.indexOf('=');
      other.setCookie(pair.slice(0, at), pair.slice(at + 1));
    }
    return other;
  }

  it('keeps a session made on one instance signed in on the other', async () => {
    const signedIn = await first.signIn(ADMIN);
    const there = onSecond(signedIn);
    const page = await there.get(`/partnerships/${first.ids.partnershipId}/privacy/retention`);
    assert.equal(page.status, 200);
    assert.match(page.body, /Priya Shah|Sign out/);
    // Someone with no session is sent to sign in by the second instance too.
    const stranger = new TestClient(second);
    const refused = await stranger.get(`/partnerships/${first.ids.partnershipId}/privacy/retention`);
    assert.notEqual(refused.status, 200);
  });

  it('reads on one instance a form posted to the other, with the CSRF token of the shared session', async () => {
    const signedIn = await first.signIn(ADMIN);
    const url = `/partnerships/${first.ids.partnershipId}/privacy/retention`;
    await signedIn.get(url);
    const there = onSecond(signedIn);
    // The token comes from the page the first instance served.
    const saved = await there.post(url, { _csrf: signedIn.csrf, retentionYears: '9' });
    assert.equal(saved.status, 303);
    const back = await signedIn.get(url);
    assert.match(back.body, /name="retentionYears"[^>]*value="9"|value="9"[^>]*name="retentionYears"/);
  });

  it('sends a notice that falls due once when both instances’ job queues run the scheduler at once', async () => {
    const [cycle] = await first.database.db.select().from(cycles);
    // A day after the close: an overdue reminder is due to each return not yet submitted.
    const late = new Date(cycle!.closesAt.getTime() + 86_400_000);
    first.clock.set(late);
    secondClock.set(late);
    const queues: JobQueue[] = [
      createJobQueue(first.database, { schedule: false, supervise: false }),
      createJobQueue(secondDatabase, { schedule: false, supervise: false }),
    ];
    try {
      for (const queue of queues) {
        queue.on('error', () => {});
        await startJobQueue(queue, JOB_QUEUES);
      }
      const deps = [
        { database: first.database, clock: first.clock },
        { database: secondDatabase, clock: secondClock },
      ].map(({ database, clock }) =>
        jobHandlers({
          db: database.db,
          clock,
          mailer: createMailer(database.db, clock, null, null),
          transport: null,
          baseUrl: 'http://localhost:3000',
        }),
      );
      // Each instance's scheduler adds its run; both instances take and run the jobs together.
      await Promise.all(queues.map((queue) => queue.send(CYCLE_EVENTS_QUEUE, {})));
      const runs = await Promise.all(
        queues.map((queue, i) => runQueuedJobs(queue, CYCLE_EVENTS_QUEUE, deps[i]![CYCLE_EVENTS_QUEUE]!)),
      );
      assert.ok(runs.reduce((n, r) => n + r.ran, 0) >= 2, 'both runs happened');
      assert.deepEqual(
        runs.map((r) => r.failed),
        [0, 0],
      );
      // And both instances run it again, side by side: nothing more is due.
      await Promise.all(deps.map((handlers) => handlers[CYCLE_EVENTS_QUEUE]!({} as never)));
    } finally {
      for (const queue of queues) await queue.stop({ graceful: false, wait: true, timeout: 2_000 });
    }
    const mails = await queryRows<{ to: string; subject: string; copies: number }>(
      first.database.db,
      sql`select "to", subject, count(*)::int as copies from outgoing_mail
          where subject like 'Overdue: %' group by "to", subject order by "to"`,
    );
    assert.ok(mails.length > 0, 'overdue reminders were sent');
    assert.deepEqual(
      mails.filter((m) => m.copies !== 1),
      [],
    );
    const [notices] = await queryRows<{ overdue: number }>(
      first.database.db,
      sql`select count(*)::int as overdue from return_notices where notice like 'reminder-after-%'`,
    );
    assert.ok(notices!.overdue > 0, 'the overdue notices were recorded');
  });
});
