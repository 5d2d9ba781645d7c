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
import { outgoingMail, sessions, signInTokens } from '../../src/db/schema.ts';
import { SIGN_IN_LIMITS, sessionsPurgeHandler } from '../../src/features/auth/sign-in.service.ts';
import { JOIN_REQUESTS_PER_CLIENT } from '../../src/features/join-requests/join-requests.service.ts';
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
    await t.app.signInRequests.settled();
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

describe('finding 3: sign-in throttling and timing', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({
      limits: {
        signInPerAddress: SIGN_IN_LIMITS.perAddress,
        signInPerClient: SIGN_IN_LIMITS.perClient,
        joinRequestsPerClient: JOIN_REQUESTS_PER_CLIENT,
      },
    });
  });
  after(async () => t.close());

  const links = async () => (await t.database.db.select({ n: count() }).from(signInTokens))[0]!.n;

  it('does the same work for a known and an unknown address before answering', async () => {
    const client = t.client();
    await client.get('/sign-in');
    const before = {
      links: await links(),
      mail: (await t.mailTo(LEAD)).length,
      outbox: (await t.database.db.select({ n: count() }).from(outgoingMail))[0]!.n,
    };
    const release = t.app.signInRequests.hold();
    let known: Awaited<ReturnType<TestClient['post']>>;
    let unknown: typeof known;
    try {
      known = await client.post('/sign-in', { email: LEAD });
      unknown = await client.post('/sign-in', { email: 'nobody@example.org' });
      // Both answered, and neither looked the address up, made a link or sent mail first.
      assert.equal(await links(), before.links);
      assert.equal((await t.database.db.select({ n: count() }).from(outgoingMail))[0]!.n, before.outbox);
    } finally {
      release();
    }
    assert.deepEqual([known.status, known.location], [unknown.status, unknown.location]);
    assert.equal(known.body, unknown.body);
    assert.deepEqual(Object.keys(known.headers).sort(), Object.keys(unknown.headers).sort());
    await t.app.signInRequests.settled();
    assert.equal(await links(), before.links + 1, 'the known address got its link afterwards');
    assert.equal((await t.mailTo(LEAD)).length, before.mail + 1);
    assert.equal((await t.mailTo('nobody@example.org')).length, 0);
  });

  it('sends one address a few links a quarter of an hour, then answers 429 in the GOV.UK error pattern', async () => {
    const email = 'scrutineer@nrscp.example';
    const before = (await t.mailTo(email)).length;
    const { limit, windowMs } = SIGN_IN_LIMITS.perAddress;
    for (let i = 0; i < limit; i++) {
      const client = t.client();
      await client.get('/sign-in');
      assert.equal((await client.post('/sign-in', { email })).status, 303);
    }
    const client = t.client();
    await client.get('/sign-in');
    const refused = await client.post('/sign-in', { email: email.toUpperCase() });
    assert.equal(refused.status, 429);
    assert.match(refused.body, /govuk-error-summary/);
    assert.match(refused.body, /href="#email"/);
    assert.match(refused.body, /too many sign-in links/);
    assert.match(refused.body, new RegExp(`value="${email.toUpperCase()}"`));
    assert.equal((await t.mailTo(email)).length, before + limit, 'no more mail queued');
    const now = t.clock.now();
    t.clock.advance(windowMs);
    try {
      assert.equal((await client.post('/sign-in', { email })).status, 303, 'later, again');
    } finally {
      t.clock.set(now);
    }
  });

  it('limits one client however many addresses it tries', async () => {
    const { limit } = SIGN_IN_LIMITS.perClient;
    const client = t.client();
    await client.get('/sign-in');
    const statuses: number[] = [];
    for (let i = 0; i <= limit; i++)
      statuses.push((await client.post('/sign-in', { email: `guess${i}@example.org` })).status);
    assert.ok(statuses.includes(429), 'refused past the limit');
    assert.ok(statuses.filter((s) => s === 303).length <= limit);
  });

  it('limits the public request form per client, not only per typed address', async () => {
    const form = `/join/${t.ids.partnershipId}`;
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) {
      const visitor = t.client();
      await visitor.get(form);
      const res = await visitor.post(form, {
        organisationName: `Club ${i}`,
        sector: 'voluntary-community-faith',
        localities: [t.ids.localityIds.riverside!],
        contactName: 'Jo Bloggs',
        contactEmail: `jo${i}@club.example`,
        reason: 'We coach young people.',
        website: '',
      });
      statuses.push(res.status);
      if (res.status === 429) assert.match(res.body, /Too many requests have been sent from here/);
    }
    assert.equal(statuses.filter((s) => s === 303).length, JOIN_REQUESTS_PER_CLIENT.limit);
    assert.equal(statuses.at(-1), 429);
  });
});

describe('finding 6: input that gave 500s', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => t.close());

  it('takes a NUL character in any free text without a 500, over several forms', async () => {
    const visitor = t.client();
    await visitor.get('/sign-in');
    assert.equal((await visitor.post('/sign-in', { email: `\u0000${LEAD}` })).status, 303, 'sign-in');
    const form = `/join/${t.ids.partnershipId}`;
    await visitor.get(form);
    const joined = await visitor.post(form, {
      organisationName: 'Nul\u0000 Club',
      sector: 'voluntary-community-faith',
      localities: [t.ids.localityIds.riverside!],
      contactName: 'Jo\u0000 Bloggs',
      contactEmail: 'jo@nul.example',
      reason: 'We\u0000 coach young people.',
      website: '',
    });
    assert.equal(joined.status, 303, 'the public request form');

    const lead = await t.signIn(LEAD);
    const [theme] = await themesFor(t, 'council');
    const url = `/returns/${t.ids.returnIds.council}/themes/${theme!.id}`;
    await lead.get(url);
    const saved = await lead.post(url, { 'q1-comment': 'Typed\u0000 with a NUL', intent: 'later' });
    assert.equal(saved.status, 303, 'a theme page');
    assert.match((await lead.get(url)).body, /Typed with a NUL/);

    const admin = await t.signIn('business.manager@nrscp.example');
    const guidance = `/partnerships/${t.ids.partnershipId}/guidance/edit`;
    await admin.get(guidance);
    const page = await admin.post(guidance, { body: 'Read\u0000 this', action: 'save' });
    assert.ok(page.status < 500, `guidance page: ${page.status}`);
  });

  it('keeps a next address that is not Latin-1 on the site, encoded, without a 500', async () => {
    const lead = await t.signIn(LEAD);
    const res = await lead.get(`/sign-in?next=${encodeURIComponent('/returns/ŵ✓😀')}`);
    assert.equal(res.status, 303);
    assert.equal(res.location, `/returns/${encodeURIComponent('ŵ✓😀')}`);
    const visitor = t.client();
    await visitor.get('/sign-in');
    assert.equal((await visitor.post('/sign-in', { email: LEAD, next: '/returns/ŵ' })).status, 303);
    const token = /\/sign-in\/link\/([A-Za-z0-9_-]+)/.exec((await t.mailTo(LEAD))[0]!.bodyText)![1]!;
    await visitor.get(`/sign-in/link/${token}`);
    const done = await visitor.post('/sign-in/link', { token });
    assert.equal(done.status, 303);
    assert.equal(done.location, `/returns/${encodeURIComponent('ŵ')}`);
  });
});

describe('finding 5: session hardening', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => t.close());

  it('ends a session 12 hours after sign-in however busy, and after 30 idle minutes by default', async () => {
    const now = t.clock.now();
    try {
      const busy = await t.signIn(LEAD);
      // Busy: a request every 20 minutes, for 11 hours 40 minutes.
      for (let i = 1; i <= 35; i++) {
        t.clock.advance(20 * 60_000);
        assert.equal((await busy.get('/returns')).status, 200, `still signed in after ${i * 20} minutes`);
      }
      t.clock.advance(21 * 60_000);
      const ended = await busy.get('/returns');
      assert.equal(ended.status, 303, 'signed out past 12 hours');
      assert.match(ended.location ?? '', /^\/sign-in/);

      const idle = await t.signIn(LEAD);
      t.clock.advance(29 * 60_000);
      assert.equal((await idle.get('/returns')).status, 200);
      t.clock.advance(31 * 60_000);
      assert.equal((await idle.get('/returns')).status, 303, '31 idle minutes end it');
    } finally {
      t.clock.set(now);
    }
  });

  it('in production: __Host- cookies, HSTS; and object-src none everywhere', async () => {
    const local = await t.client().get('/sign-in');
    assert.match(String(local.headers['content-security-policy']), /object-src 'none'/);
    assert.equal(local.headers['strict-transport-security'], undefined, 'not over http in development');
    const app = await appWith(t, { NODE_ENV: 'production', ...DEPLOYED });
    try {
      const client = new TestClient(app);
      const page = await client.get('/sign-in');
      assert.match(String(page.headers['strict-transport-security']), /max-age=31536000/);
      assert.match(String(page.headers['content-security-policy']), /object-src 'none'/);
      const cookies = [page.headers['set-cookie']].flat().map(String);
      assert.ok(cookies.length > 0);
      for (const c of cookies) {
        assert.match(c, /^__Host-/);
        assert.match(c, /; Secure/i);
        assert.match(c, /; Path=\//i);
        assert.doesNotMatch(c, /Domain=/i);
      }
      // The form works with them.
      assert.equal((await client.post('/sign-in', { email: LEAD })).status, 303);
      await app.signInRequests.settled();
    } finally {
      await app.close();
    }
  });
});
