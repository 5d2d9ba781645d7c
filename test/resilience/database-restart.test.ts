/**
 * Issue 10.1: the app on a PostgreSQL server stays up while the server restarts (`pg_ctl restart
 * -m fast`, which ends every connection with "terminating connection due to administrator
 * command"), answers 503 meanwhile, keeps forms posted then, and comes back by itself, jobs too.
 * The server is the test's own (initdb in a temporary folder, on a free port).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { openDatabase } from '../../src/db/client.ts';
import { createJobQueue, startJobQueue, workOn } from '../../src/jobs/job-queue.ts';
import { type OwnPostgres, postgresBinaries, startOwnPostgres } from '../helpers/own-postgres.ts';
import {
  COUNCIL_LEAD,
  type HttpClient,
  type SpawnedServer,
  spawnServer,
  themeSave,
} from '../helpers/spawned-server.ts';

const bin = postgresBinaries();
const skip = bin ? false : 'PostgreSQL binaries (/usr/lib/postgresql/<version>/bin) are not installed';

async function savedMarks(url: string): Promise<Set<string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>(
      "select new_value as v from return_history where new_value like 'save-%'",
    );
    return new Set(rows.map((r) => r.v));
  } finally {
    await client.end();
  }
}

describe('a PostgreSQL restart under the app', { skip }, () => {
  let pgServer: OwnPostgres;
  let server: SpawnedServer;
  let lead: HttpClient;
  let themePath: string;

  before(async () => {
    pgServer = await startOwnPostgres(bin!);
    server = await spawnServer({
      env: { DATABASE_URL: pgServer.url(), DEMO: 'true', LOG_LEVEL: 'warn' },
    });
    lead = server.client();
    await lead.signIn(COUNCIL_LEAD);
    themePath = await lead.firstThemePath();
  });
  after(async () => {
    server?.process.kill('SIGKILL');
    await pgServer?.remove();
  });

  test('restarting in the middle of saves: the process stays up, saves resume within seconds, none answered 303 is lost', async (t) => {
    const results: Array<{ mark: string; status: number; at: number; title?: string }> = [];
    let n = 0;
    let restartedAt = 0;
    let stop = false;
    const saver = async () => {
      while (!stop) {
        const mark = `save-${++n}`;
        const res = await lead.post(themePath, themeSave(mark)).catch(() => ({ status: 0, body: '' }));
        results.push({
          mark,
          status: res.status,
          at: Date.now(),
          ...(res.status !== 303 ? { title: /<h1[^>]*>\s*([^<]*)/.exec(res.body)?.[1]?.trim() } : {}),
        });
        // The page after a 503 keeps the form's token; the next save needs a fresh one either way.
        if (res.status !== 303) await lead.get(themePath).catch(() => {});
        // Enough answered after the restart: stop.
        if (restartedAt && results.filter((r) => r.at > restartedAt && r.status === 303).length >= 10)
          stop = true;
        if (restartedAt && Date.now() - restartedAt > 30_000) stop = true;
      }
    };
    const savers = [saver(), saver()];
    while (results.length < 20) await new Promise((r) => setTimeout(r, 20));
    const restartStarted = Date.now();
    await pgServer.restart();
    restartedAt = Date.now();
    await Promise.all(savers);

    assert.equal(server.process.exitCode, null, `the app is still running:\n${server.output().slice(-2000)}`);
    assert.equal(server.process.signalCode, null);
    const failed = results.filter((r) => r.status !== 303);
    for (const f of failed) {
      assert.equal(f.status, 503, `a failed save is a 503, not ${f.status}`);
      assert.equal(f.title, 'Sorry, there is a problem with the service');
    }
    const firstOkAfter = results.find((r) => r.at > restartedAt && r.status === 303);
    assert.ok(firstOkAfter, 'saves succeed again after the restart');
    const backWithin = firstOkAfter.at - restartedAt;
    assert.ok(backWithin < 10_000, `saves succeed again within seconds (${backWithin} ms)`);
    const answeredOk = results.filter((r) => r.status === 303).map((r) => r.mark);
    const stored = await savedMarks(pgServer.url());
    const lost = answeredOk.filter((m) => !stored.has(m));
    assert.deepEqual(lost, [], 'every save answered with a redirect is stored');
    // The outage people saw: from the first failed save to the first one accepted after it.
    const firstFailed = failed[0];
    const outage = firstFailed
      ? (results.find((r) => r.at > firstFailed.at && r.status === 303)?.at ?? Date.now()) - firstFailed.at
      : 0;
    t.diagnostic(
      `pg_ctl restart took ${restartedAt - restartStarted} ms; ${results.length} saves, ${answeredOk.length} answered 303, ` +
        `${failed.length} answered 503; saves failed for ${outage} ms; first save accepted ${backWithin} ms after the restart ended`,
    );
  });

  test('while the database is down: 503 pages (JSON on /api), /readyz not ready, and a posted form given back to send again', async () => {
    await pgServer.stop();
    try {
      const ready = await fetch(`${server.baseUrl}/readyz`);
      assert.equal(ready.status, 503);
      assert.match(await ready.text(), /not ready: database unavailable/);
      const page = await lead.get(themePath);
      assert.equal(page.status, 503);
      assert.match(page.body, /Sorry, there is a problem with the service/);
      assert.match(page.body, /Try again in a few minutes/);
      const api = await fetch(`${server.baseUrl}/api/v1/cycles`, {
        headers: { authorization: 'Bearer s11_0000000000000000000000000000' },
      });
      assert.equal(api.status, 503);
      assert.equal(((await api.json()) as { error: { code: string } }).error.code, 'service_unavailable');
      const posted = await lead.post(themePath, themeSave('save-typed-during-outage'));
      assert.equal(posted.status, 503);
      assert.match(posted.body, /What you sent has not been saved yet/);
      assert.match(posted.body, /name="q1-comment" value="save-typed-during-outage"/);
      assert.ok(posted.body.includes(`action="${themePath}"`));
    } finally {
      await pgServer.start();
    }
    // Back by itself: ready again within seconds, and the kept form sends.
    const deadline = Date.now() + 15_000;
    let status = 0;
    while (Date.now() < deadline && status !== 200) {
      status = (await fetch(`${server.baseUrl}/readyz`)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    assert.equal(status, 200, '/readyz says ready again');
    await lead.get(themePath);
    const sent = await lead.post(themePath, themeSave('save-typed-during-outage'));
    assert.equal(sent.status, 303);
    assert.ok((await savedMarks(pgServer.url())).has('save-typed-during-outage'));
    assert.equal(server.process.exitCode, null);
  });

  test('jobs resume after a restart, and no connection error stops the process', async () => {
    const name = `s11_jobs_${Date.now()}`;
    const admin = new pg.Client({ connectionString: pgServer.url() });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const errors: string[] = [];
    const database = await openDatabase({
      databaseUrl: pgServer.url(name),
      onConnectionError: (e) => errors.push(e.message),
    });
    const queue = createJobQueue(database, { schedule: false, supervise: false });
    queue.on('error', (e) => errors.push(e.message));
    try {
      await database.migrate();
      await startJobQueue(queue, [{ name: 'resilience-test', options: { retryLimit: 5, retryDelay: 1 } }]);
      const handled: string[] = [];
      await workOn(
        queue,
        {
          'resilience-test': async (job) => {
            handled.push((job.data as { n: string }).n);
          },
        },
        { pollingIntervalSeconds: 0.5 },
      );
      await queue.send('resilience-test', { n: 'before' });
      await pgServer.restart();
      // Sending may fail while connections are re-made: try again, as the mailer's callers would.
      const deadline = Date.now() + 20_000;
      for (;;) {
        try {
          await queue.send('resilience-test', { n: 'after' });
          break;
        } catch (e) {
          if (Date.now() > deadline) throw e;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
      while (Date.now() < deadline && !handled.includes('after'))
        await new Promise((r) => setTimeout(r, 100));
      assert.ok(handled.includes('before'), 'the job sent before the restart ran');
      assert.ok(handled.includes('after'), 'the job sent after the restart ran');
    } finally {
      await queue.stop({ graceful: false, wait: true, timeout: 2_000 }).catch(() => {});
      await database.close();
    }
  });
});
