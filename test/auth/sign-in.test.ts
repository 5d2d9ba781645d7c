import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { answers, sessions, signInTokens } from '../../src/db/schema.ts';
import { themesFor } from '../helpers/return-fixtures.ts';
import { startTestApp, type TestApp, TestClient } from '../helpers/test-app.ts';

const LEAD = 'safeguarding.lead@northshire-council.example';

function linkToken(body: string): string {
  const token = /\/sign-in\/link\/([A-Za-z0-9_-]+)/.exec(body)?.[1];
  if (!token) throw new Error('no sign-in link in the email');
  return token;
}

function setCookie(headers: Record<string, unknown>, name: string): string | undefined {
  const raw = headers['set-cookie'];
  const list = Array.isArray(raw) ? raw : [String(raw ?? '')];
  return list.find((c: string) => c.startsWith(`${name}=`));
}

function sessionCookie(headers: Record<string, unknown>, name = 's11_session'): string {
  const cookie = setCookie(headers, name);
  assert.ok(cookie, `a ${name} cookie is set`);
  return cookie;
}

describe('signing in with an emailed link', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => t.close());

  it('gives the same answer whether or not the email address is known, and mails only a known one', async () => {
    const client = t.client();
    await client.get('/sign-in');
    const known = await client.post('/sign-in', { email: LEAD });
    const unknown = await client.post('/sign-in', { email: 'nobody@example.org' });
    assert.equal(known.status, 303);
    assert.equal(unknown.status, 303);
    assert.equal(known.location, unknown.location);
    assert.equal((await t.mailTo('nobody@example.org')).length, 0);
    const [mail] = await t.mailTo(LEAD);
    assert.match(mail!.bodyText, /15 minutes/);
    // The token is stored hashed: the emailed value is nowhere in the table.
    const token = linkToken(mail!.bodyText);
    const stored = await t.database.db.select().from(signInTokens);
    assert.ok(stored.length > 0);
    assert.ok(stored.every((row) => !JSON.stringify(row).includes(token)));
  });

  it('rejects a missing or malformed email address in the GOV.UK error pattern', async () => {
    const client = t.client();
    await client.get('/sign-in');
    const empty = await client.post('/sign-in', { email: '' });
    assert.equal(empty.status, 422);
    assert.match(empty.body, /govuk-error-summary/);
    assert.match(empty.body, /Enter your email address/);
    const bad = await client.post('/sign-in', { email: 'helen at council' });
    assert.equal(bad.status, 422);
    assert.match(bad.body, /Enter an email address in the correct format/);
    assert.match(bad.body, /value="helen at council"/);
  });

  it('signs in once per link, with a new session whose cookie is HttpOnly and SameSite=Lax', async () => {
    const client = t.client();
    const first = await client.get('/sign-in');
    assert.equal(setCookie(first.headers, 's11_session'), undefined, 'no session before signing in');
    sessionCookie(first.headers, 's11_csrf');
    await client.post('/sign-in', { email: LEAD });
    const token = linkToken((await t.mailTo(LEAD))[0]!.bodyText);
    const page = await client.get(`/sign-in/link/${token}`);
    assert.equal(page.status, 200, 'opening the link only shows a Continue button');
    assert.match(page.body, /Continue/);
    const done = await client.post('/sign-in/link', { token });
    assert.equal(done.status, 303);
    const afterCookie = sessionCookie(done.headers);
    assert.match(afterCookie, /HttpOnly/i);
    assert.match(afterCookie, /SameSite=Lax/i);
    assert.doesNotMatch(afterCookie, /Secure/i, 'not Secure outside production');
    const home = await client.get('/returns');
    assert.equal(home.status, 200);

    const again = t.client();
    await again.get(`/sign-in/link/${token}`).then((r) => assert.equal(r.status, 410));
    await again.get('/sign-in');
    const reused = await again.post('/sign-in/link', { token });
    assert.equal(reused.status, 410);
    assert.match(reused.body, /already been used/);
  });

  it('refuses an expired link and an unknown one with a clear page', async () => {
    const client = t.client();
    await client.get('/sign-in');
    await client.post('/sign-in', { email: LEAD });
    const token = linkToken((await t.mailTo(LEAD))[0]!.bodyText);
    const now = t.clock.now();
    t.clock.advance(16 * 60_000);
    try {
      const expired = await client.get(`/sign-in/link/${token}`);
      assert.equal(expired.status, 410);
      assert.match(expired.body, /expired/);
      assert.match(expired.body, /href="\/sign-in"/);
    } finally {
      t.clock.set(now);
    }
    const unknown = await client.get('/sign-in/link/not-a-real-token');
    assert.equal(unknown.status, 404);
  });

  it('never redirects off the site after signing in', async () => {
    const client = t.client();
    await client.get('/sign-in');
    await client.post('/sign-in', { email: LEAD, next: 'https://evil.example/steal' });
    const token = linkToken((await t.mailTo(LEAD))[0]!.bodyText);
    await client.get(`/sign-in/link/${token}`);
    const done = await client.post('/sign-in/link', { token });
    assert.equal(done.status, 303);
    assert.ok(done.location?.startsWith('/'), done.location);
    assert.ok(!done.location?.startsWith('//'), done.location);
  });

  it('ends an idle session, and keeps a form posted after it ended so nothing typed is lost', async () => {
    const client = await t.signIn(LEAD);
    const [theme] = await themesFor(t, 'council');
    const url = `/returns/${t.ids.returnIds.council}/themes/${theme!.id}`;
    await client.get(url);
    const now = t.clock.now();
    t.clock.advance(61 * 60_000);
    try {
      const res = await client.post(url, { 'q1-comment': 'Typed before the session ended', intent: 'later' });
      assert.equal(res.status, 401);
      assert.match(res.body, /What you typed has been kept/);
      const saved = await t.database.db
        .select()
        .from(answers)
        .where(eq(answers.returnId, t.ids.returnIds.council!));
      assert.ok(
        !saved.some((a) => a.comment === 'Typed before the session ended'),
        'nothing saved while signed out',
      );
      const page = await client.get(url);
      assert.equal(page.status, 303, 'a signed-out visit goes to sign-in');
      assert.match(page.location ?? '', /^\/sign-in\?next=/);
      // Signing in again brings back the page with what was typed, ready to save.
      await client.get('/sign-in');
      await client.post('/sign-in', { email: LEAD });
      const token = linkToken((await t.mailTo(LEAD))[0]!.bodyText);
      await client.get(`/sign-in/link/${token}`);
      const done = await client.post('/sign-in/link', { token });
      assert.equal(done.location, url);
      const back = await client.get(url);
      assert.equal(back.status, 200);
      assert.match(back.body, /Typed before the session ended/);
    } finally {
      t.clock.set(now);
    }
  });

  it('refuses a form without its CSRF token, keeping what was typed', async () => {
    const client = await t.signIn(LEAD);
    const [theme] = await themesFor(t, 'council');
    const url = `/returns/${t.ids.returnIds.council}/themes/${theme!.id}`;
    await client.get(url);
    const res = await client.post(url, {
      _csrf: 'forged',
      'q1-comment': 'Kept across the refusal',
      intent: 'later',
    });
    assert.equal(res.status, 403);
    assert.match(res.body, /This form could not be accepted/);
    const back = await client.get(url);
    assert.match(back.body, /Kept across the refusal/);
  });

  it('refuses a forged post from another site without starting a session or keeping its values', async () => {
    const victim = await t.signIn(LEAD);
    const url = `/returns/${t.ids.returnIds.council}/details`;
    // Another site's form: the browser sends no SameSite=Lax cookie with it.
    const forged = await new TestClient(t.app).post(url, { completerEmail: 'attacker@evil.example' });
    assert.equal(forged.status, 403);
    assert.equal(forged.headers['set-cookie'], undefined, 'no session is started');
    assert.equal((await victim.get('/returns')).status, 200, 'the victim is still signed in');
    assert.doesNotMatch((await victim.get(url)).body, /attacker@evil\.example/);
  });

  it('never sends anyone off the site after signing in, whatever the next address holds', async () => {
    const client = await t.signIn(LEAD);
    for (const next of ['/\t/evil.example/phish', '/\n/evil.example', '//evil.example', '/\\evil.example']) {
      const res = await client.get(`/sign-in?next=${encodeURIComponent(next)}`);
      assert.equal(res.status, 303, next);
      assert.equal(res.location, '/', `${JSON.stringify(next)} goes home, not to ${res.location}`);
    }
    assert.equal(
      (await client.get(`/sign-in?next=${encodeURIComponent('/returns')}`)).location,
      '/returns',
      'an address on the site is kept',
    );
  });

  it('signs out: the session is deleted on the server, not only the cookie', async () => {
    const client = await t.signIn(LEAD);
    const count = async () => (await t.database.db.select().from(sessions)).length;
    const before = await count();
    await client.get('/returns');
    const out = await client.post('/sign-out');
    assert.equal(out.status, 303);
    assert.equal(await count(), before - 1);
    const page = await client.get('/returns');
    assert.equal(page.status, 303);
  });

  it('has no development mailbox in production', async () => {
    const { createApp } = await import('../../src/app.ts');
    const { loadConfig } = await import('../../src/config.ts');
    const { createMailer } = await import('../../src/mail/mailer.ts');
    const config = loadConfig({
      NODE_ENV: 'production',
      SESSION_SECRET: 'a'.repeat(40),
      BASE_URL: 'https://section11.example.org',
      SMTP_URL: 'smtp://localhost:2525',
    });
    assert.equal(config.demo, false);
    const app = await createApp({
      config,
      database: t.database,
      mailer: createMailer(t.database.db, t.clock, null),
      clock: t.clock,
    });
    try {
      const client = new TestClient(app);
      assert.equal((await client.get('/dev/mail')).status, 404);
      const signIn = await client.get('/sign-in');
      assert.match(sessionCookie(signIn.headers, '__Host-s11_csrf'), /Secure/);
      assert.doesNotMatch(signIn.body, /Demo accounts/);
    } finally {
      await app.close();
    }
  });
});
