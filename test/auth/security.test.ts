/**
 * Issue 18: what the security assessment (OWASP ASVS 4, level 2) found in sign-in and sessions.
 * Each `describe` names the finding it covers.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { count } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { sessions, signInTokens } from '../../src/db/schema.ts';
import { sessionsPurgeHandler } from '../../src/features/auth/sign-in.service.ts';
import { serializeRequest } from '../../src/lib/request-log.ts';
import { randomToken } from '../../src/lib/tokens.ts';
import { createMailer } from '../../src/mail/mailer.ts';
import { themesFor } from '../helpers/return-fixtures.ts';
import { startTestApp, type TestApp, TestClient } from '../helpers/test-app.ts';

const LEAD = 'safeguarding.lead@northshire-council.example';

const DEPLOYED = {
  SESSION_SECRET: 'a'.repeat(40),
  BASE_URL: 'https://section11.example.org',
  SMTP_URL: 'smtp://127.0.0.1:1',
};

/** The app as a deployment would build it from `env`, over the test's database. */
/** Every route's full path, read from Fastify's own route tree (`printRoutes`). */
function routePaths(app: FastifyInstance): string[] {
  const paths: string[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^(.*?)── (.+?) \(/.exec(line);
    if (!m) continue;
    const depth = (m[1]!.length - 1) / 4;
    stack.length = depth;
    stack.push(m[2]!);
    paths.push(stack.join(''));
  }
  return paths;
}

async function appWith(t: TestApp, env: Record<string, string>): Promise<FastifyInstance> {
  const app = await createApp({
    config: loadConfig(env),
    database: t.database,
    mailer: createMailer(t.database.db, t.clock, null),
    clock: t.clock,
  });
  await app.ready();
  return app;
}

describe('finding 1: the development mailbox', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => t.close());

  it('is not served when a mail transport is configured, whatever NODE_ENV says', async () => {
    for (const env of [
      { NODE_ENV: 'development', ...DEPLOYED },
      { NODE_ENV: 'test', ...DEPLOYED },
      { NODE_ENV: 'development', SMTP_URL: DEPLOYED.SMTP_URL },
      DEPLOYED,
    ]) {
      const app = await appWith(t, env);
      try {
        const client = new TestClient(app);
        assert.equal((await client.get('/dev/mail')).status, 404, JSON.stringify(env));
        assert.doesNotMatch((await client.get('/sign-in')).body, /Development mailbox|Demo accounts/);
      } finally {
        await app.close();
      }
    }
  });

  it('is served on a machine with nothing configured, with the demo accounts', async () => {
    const app = await appWith(t, { DATA_DIR: '/nonexistent' });
    try {
      const client = new TestClient(app);
      assert.equal((await client.get('/dev/mail')).status, 200);
      assert.match((await client.get('/sign-in')).body, /People in the demo/);
    } finally {
      await app.close();
    }
  });
});

describe('finding 4: tokens in the request log', () => {
  let t: TestApp;
  const lines: string[] = [];
  before(async () => {
    t = await startTestApp({ logStream: { write: (line) => void lines.push(line) } });
  });
  after(async () => t.close());

  it('redacts every parameter of every route, and token-like query values, by one rule', () => {
    const paths = routePaths(t.app);
    for (const known of ['/sign-in/link/:token', '/survey/:token', '/survey/:token/sent'])
      assert.ok(paths.includes(known), `${known} is among the ${paths.length} routes read`);
    const withParameters = paths.filter((p) => /[:*]/.test(p));
    assert.ok(withParameters.length > 50, `${withParameters.length} routes with parameters`);
    for (const path of withParameters) {
      const secret = randomToken();
      const url = `${path.replace(/:[A-Za-z]+(?:\|:[A-Za-z]+)*|\*/g, secret)}?token=${secret}&next=${secret}`;
      const logged = JSON.stringify(
        serializeRequest({
          method: 'GET',
          url,
          host: 'example.org',
          ip: '203.0.113.9',
          socket: { remotePort: 5555 },
        } as never),
      );
      assert.ok(!logged.includes(secret), `${path} logs its token: ${logged}`);
      assert.match(logged, /\[redacted\]/);
    }
  });

  it('never writes a sign-in link to the log', async () => {
    const client = t.client();
    await client.get('/sign-in');
    await client.post('/sign-in', { email: LEAD });
    const token = /\/sign-in\/link\/([A-Za-z0-9_-]+)/.exec((await t.mailTo(LEAD))[0]!.bodyText)![1]!;
    await client.get(`/sign-in/link/${token}`);
    await client.post('/sign-in/link', { token });
    const log = lines.join('');
    assert.match(log, /\/sign-in\/link\/\[redacted\]/, 'the request is logged');
    assert.ok(!log.includes(token), 'without its token');
    assert.ok(!log.includes(LEAD), 'nor the address');
  });
});

describe('finding 2: filling the database without signing in', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => t.close());

  const sessionRows = async () => (await t.database.db.select({ n: count() }).from(sessions))[0]!.n;

  it('writes no session for visitors who have not signed in, yet checks their forms', async () => {
    const before = await sessionRows();
    for (let i = 0; i < 20; i++) await t.client().get('/sign-in');
    await t.client().get(`/join/${t.ids.partnershipId}`);
    assert.equal(await sessionRows(), before, 'no row for a visit');
    // Their form's token is checked against their own signed cookie.
    const visitor = t.client();
    await visitor.get('/sign-in');
    assert.equal((await visitor.post('/sign-in', { email: LEAD })).status, 303);
    assert.equal((await visitor.post('/sign-in', { email: LEAD, _csrf: 'forged' })).status, 403);
    const stranger = t.client();
    await stranger.get('/sign-in');
    stranger.csrf = visitor.csrf;
    assert.equal((await stranger.post('/sign-in', { email: LEAD })).status, 403, 'not another’s token');
    assert.equal(await sessionRows(), before, 'and no row for a refused post either');
  });

  it('keeps nothing for a post with a made-up session cookie, whatever its size', async () => {
    const before = await sessionRows();
    for (const cookie of ['made-up', 'made-up.c2lnbmF0dXJl']) {
      const client = t.client();
      await client.get('/sign-in');
      client.setCookie('s11_session', cookie);
      const res = await client.post('/sign-in', { email: 'x'.repeat(1_000_000), _csrf: 'stale' });
      assert.equal(res.status, 403);
    }
    assert.equal(await sessionRows(), before);
  });

  it('keeps a signed-in person’s form up to a bound, and says so when it is too long to keep', async () => {
    const client = await t.signIn(LEAD);
    const [theme] = await themesFor(t, 'council');
    const url = `/returns/${t.ids.returnIds.council}/themes/${theme!.id}`;
    await client.get(url);
    const huge = await client.post(url, { _csrf: 'stale', 'q1-comment': 'y'.repeat(300_000) });
    assert.equal(huge.status, 403);
    assert.match(huge.body, /too long to keep/);
    const rows = await t.database.db.select({ data: sessions.data }).from(sessions);
    assert.ok(
      rows.every((r) => JSON.stringify(r.data).length < 300_000),
      'not written',
    );
    const small = await client.post(url, { _csrf: 'stale', 'q1-comment': 'Kept' });
    assert.match(small.body, /What you typed has been kept/);
    assert.match((await client.get(url)).body, />Kept</);
  });

  it('deletes ended sessions and old sign-in links on a schedule', async () => {
    await t.signIn(LEAD);
    const now = t.clock.now();
    const purge = sessionsPurgeHandler({ db: t.database.db, clock: t.clock, sessionIdleMinutes: 30 });
    const links = async () => (await t.database.db.select({ n: count() }).from(signInTokens))[0]!.n;
    assert.ok((await sessionRows()) > 0);
    assert.ok((await links()) > 0);
    await purge({} as never);
    assert.ok((await sessionRows()) > 0, 'live sessions stay');
    assert.ok((await links()) > 0, 'links used today stay, to say they were used');
    t.clock.advance(31 * 60_000);
    try {
      await purge({} as never);
      assert.equal(await sessionRows(), 0, 'idle sessions go');
      t.clock.advance(24 * 60 * 60_000);
      const before = await links();
      await purge({} as never);
      const left = await t.database.db.select().from(signInTokens);
      assert.ok(left.length < before, 'used and expired links go after a day');
      assert.ok(
        left.every((l) => l.usedAt === null && l.expiresAt > t.clock.now()),
        'only unused links still valid (invitations) stay',
      );
    } finally {
      t.clock.set(now);
    }
  });
});
