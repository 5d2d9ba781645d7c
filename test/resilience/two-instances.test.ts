/**
 * Two app instances on one PostgreSQL database, as a deployment behind a load balancer runs them
 * (docs/deployment.md): a session made on one works on the other (sessions live in the database,
 * signed with the shared SESSION_SECRET), a form posted to one is read on the other, and a notice
 * the scheduler finds due is sent once when both instances' job queues run it at the same moment.
 * PGlite is one process's data folder, so this needs a PostgreSQL server (TEST_DATABASE_URL).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { type Database, openDatabase, queryRows } from '../../src/db/client.ts';
import { cycles, partnerships } from '../../src/db/schema.ts';
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
    const url = `/partnerships/${first.ids.partnershipId}/privacy/retention`;
    const there = onSecond(signedIn);
    const page = await there.get(url);
    assert.equal(page.status, 200);
    // Signed in on the second instance, in the same session: a way to sign out, and the session's
    // own form token (the one the first instance gives its pages).
    assert.match(page.body, /action="\/sign-out"/);
    const firstPage = await signedIn.get(url);
    assert.equal(firstPage.status, 200);
    assert.ok(there.csrf, 'the page carries a form token');
    assert.equal(there.csrf, signedIn.csrf, 'the same session’s token on both instances');
    // Someone with no session is sent to sign in by the second instance too.
    const stranger = new TestClient(second);
    const refused = await stranger.get(url);
    assert.equal(refused.status, 303);
    assert.equal(refused.location, `/sign-in?next=${encodeURIComponent(url)}`);
    // Signing out on the second instance ends the session on the first.
    assert.equal((await there.post('/sign-out', { _csrf: there.csrf })).status, 303);
    const after = await signedIn.get(url);
    assert.equal(after.status, 303, 'signed out everywhere');
  });

  it('reads on one instance a form posted to the other, with the CSRF token of the shared session', async () => {
    const signedIn = await first.signIn(ADMIN);
    const url = `/partnerships/${first.ids.partnershipId}/privacy/retention`;
    await signedIn.get(url);
    const there = onSecond(signedIn);
    // The second instance checks the token: a wrong one is refused and changes nothing.
    const forged = await there.post(url, { _csrf: 'not-the-token', retentionYears: '8' });
    assert.equal(forged.status, 403);
    const retention = async () =>
      (
        await first.database.db
          .select()
          .from(partnerships)
          .where(eq(partnerships.id, first.ids.partnershipId))
      )[0]!.retentionYears;
    assert.notEqual(await retention(), 8);
    // The token comes from the page the first instance served.
    const saved = await there.post(url, { _csrf: signedIn.csrf, retentionYears: '9' });
    assert.equal(saved.status, 303);
    assert.equal(await retention(), 9, 'saved by the second instance');
    const back = await signedIn.get(url);
    assert.match(back.body, /name="retentionYears"[^>]*value="9"|value="9"[^>]*name="retentionYears"/);
  });

  it('sends a notice that falls due once when both instances’ job queues run the scheduler at once', async () => {
    const [cycle] = await first.database.db.select().from(cycles);
    const overdueMails = async () =>
      (
        await queryRows<{ n: number }>(
          first.database.db,
          sql`select count(*)::int as n from outgoing_mail where subject like 'Overdue: %'`,
        )
      )[0]!.n;
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
      // Two runs were queued; between them the instances took each exactly once.
      assert.equal(
        runs.reduce((n, r) => n + r.ran, 0),
        2,
        'each queued run was taken once',
      );
      assert.deepEqual(
        runs.map((r) => r.failed),
        [0, 0],
      );
      const sentBefore = await overdueMails();
      // And both instances run it again, side by side: nothing more is due, nothing more is sent.
      await Promise.all(deps.map((handlers) => handlers[CYCLE_EVENTS_QUEUE]!({} as never)));
      assert.equal(await overdueMails(), sentBefore, 'no second copy');
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
      'every reminder was sent exactly once',
    );
    // One notice recorded per return not yet submitted, each once, and one email to each person
    // it names: exactly as many as a single instance would send.
    const notices = await queryRows<{ return_id: string; sent_to: string; status: string }>(
      first.database.db,
      sql`select n.return_id, n.sent_to, r.status from return_notices n join returns r on r.id = n.return_id
          where n.notice like 'reminder-after-%'`,
    );
    assert.ok(notices.length > 0, 'the overdue notices were recorded');
    assert.equal(new Set(notices.map((n) => n.return_id)).size, notices.length, 'one notice per return');
    assert.deepEqual(
      notices.filter((n) => n.status !== 'not_started' && n.status !== 'in_progress'),
      [],
      'only returns not yet submitted are told',
    );
    const addressed = notices.flatMap((n) => n.sent_to.split(', '));
    assert.equal(
      mails.reduce((n, m) => n + m.copies, 0),
      addressed.length,
      'one email for each person each notice names',
    );
    const [history] = await queryRows<{ sent: number }>(
      first.database.db,
      sql`select count(*)::int as sent from return_history where event = 'reminder_sent'`,
    );
    assert.equal(history!.sent, notices.length, 'each sending recorded once in the history');
  });
});
