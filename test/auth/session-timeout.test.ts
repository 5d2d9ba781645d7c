/**
 * The warning before the idle sign-out (issue 14, item 4). Signed-in pages tell public/app.js when
 * the session ends and when to warn, and carry the dialog; "Stay signed in" extends the session;
 * a form the script sends when the time ran out is kept (never saved) for after signing in again.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { answers } from '../../src/db/schema.ts';
import type { ThemeInfo } from '../../src/features/returns/return-structure.ts';
import { decoded } from '../helpers/form-fields.ts';
import { themesFor } from '../helpers/return-fixtures.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const LEAD = 'safeguarding.lead@northshire-council.example';
const IDLE_MINUTES = 30;

const attribute = (html: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(html)?.[1];

describe('the warning before the idle sign-out', () => {
  let t: TestApp;
  let theme: ThemeInfo;
  let url: string;

  before(async () => {
    t = await startTestApp({
      env: { SESSION_IDLE_MINUTES: String(IDLE_MINUTES), SESSION_WARNING_SECONDS: '90' },
    });
    theme = (await themesFor(t, 'council'))[0]!;
    url = `/returns/${t.ids.returnIds.council}/themes/${theme.id}`;
  });
  after(async () => t.close());

  /** Signs in with this client (keeping what its session holds, as a browser does). */
  async function signInAgain(client: TestClient, email: string): Promise<TestResponse> {
    await client.get('/sign-in');
    assert.equal((await client.post('/sign-in', { email })).status, 303);
    const [mail] = await t.mailTo(email); // newest first
    const token = /\/sign-in\/link\/([A-Za-z0-9_-]+)/.exec(mail?.bodyText ?? '')?.[1];
    assert.ok(token);
    await client.get(`/sign-in/link/${token}`);
    return client.post('/sign-in/link', { token });
  }
  type TestResponse = Awaited<ReturnType<TestClient['get']>>;

  it('tells signed-in pages, and only them, when the session ends and when to warn', async () => {
    const lead = await t.signIn(LEAD);
    t.clock.advance(30_000); // a request within a minute of the last does not write the session
    const page = await lead.get(url);
    assert.equal(page.status, 200);
    assert.equal(attribute(page.body, 'data-app-session-idle-minutes'), String(IDLE_MINUTES));
    assert.equal(attribute(page.body, 'data-app-session-warning-seconds'), '90');
    // The server's count: the session was last written 30 seconds ago.
    assert.equal(attribute(page.body, 'data-app-session-expires-in'), String(IDLE_MINUTES * 60 - 30));
    assert.match(page.body, /<dialog class="app-timeout-dialog" aria-labelledby="app-timeout-title"/);
    assert.match(page.body, /Stay signed in/);

    const visitor = t.client();
    const signIn = await visitor.get('/sign-in');
    assert.equal(attribute(signIn.body, 'data-app-session-idle-minutes'), undefined);
    assert.doesNotMatch(signIn.body, /app-timeout-dialog/);
  });

  it('extends the session when the person stays signed in (a post with its form token)', async () => {
    const lead = await t.signIn(LEAD);
    t.clock.advance(30_000);
    const page = await lead.get(url);
    assert.equal(attribute(page.body, 'data-app-session-expires-in'), String(IDLE_MINUTES * 60 - 30));
    const stay = await lead.post('/session/extend');
    assert.equal(stay.status, 200);
    assert.deepEqual(JSON.parse(stay.body), { expiresInSeconds: IDLE_MINUTES * 60 });
    // Used now: it lasts the full idle time from now, however little the pages since wrote it.
    t.clock.advance((IDLE_MINUTES * 60 - 10) * 1000);
    const later = await lead.get(url);
    assert.equal(later.status, 200, 'still signed in');
    assert.ok(attribute(later.body, 'data-app-session-idle-minutes'));

    assert.equal((await lead.post('/session/extend', { _csrf: 'stale' })).status, 403);
    const visitor = t.client();
    await visitor.get('/sign-in');
    const anonymous = await visitor.post('/session/extend');
    assert.equal(anonymous.status, 303);
    assert.match(anonymous.location ?? '', /^\/sign-in/);
  });

  it('keeps, never saves, a form sent when the time ran out, and gives it back after signing in', async () => {
    const lead = await t.signIn(LEAD);
    await lead.get(url);
    const shown = decoded(attribute((await lead.get(url)).body, 'name="_shown" value') ?? '');
    t.clock.advance((IDLE_MINUTES * 60 + 5) * 1000);
    const sent = await lead.post(url, {
      _shown: shown,
      'q1-comment': 'Typed before the sign-out',
      _timedOut: '1',
      _returnTo: url,
    });
    assert.equal(sent.status, 303);
    assert.equal(sent.location, `/sign-in?timedOut=kept&next=${encodeURIComponent(url)}`);
    const q1 = theme.questions.find((q) => q.number === 1)!;
    const saved = await t.database.db
      .select({ comment: answers.comment })
      .from(answers)
      .where(and(eq(answers.returnId, t.ids.returnIds.council!), eq(answers.questionId, q1.id)));
    assert.ok(!saved.some((r) => r.comment === 'Typed before the sign-out'), 'not saved');

    const signInPage = await lead.get(sent.location!);
    assert.equal(signInPage.status, 200);
    assert.match(signInPage.body, /Your session ended: for your security, we sign you out after 30 minutes/);
    assert.match(signInPage.body, /What you typed has been kept/);

    const done = await signInAgain(lead, LEAD);
    assert.equal(done.status, 303);
    const back = await lead.get(url);
    assert.match(back.body, /Typed before the sign-out/);
    assert.match(back.body, /Not saved yet/);
  });

  it('keeps the form and goes back to the page when the session was still in use elsewhere', async () => {
    const lead = await t.signIn(LEAD);
    await lead.get(url);
    const sent = await lead.post(url, { 'q2-comment': 'Kept, not saved', _timedOut: '1', _returnTo: url });
    assert.equal(sent.status, 303);
    assert.equal(sent.location, url);
    const back = await lead.get(url);
    assert.match(back.body, /Kept, not saved/);
    assert.match(back.body, /Not saved yet/);
    const q2 = theme.questions.find((q) => q.number === 2)!;
    const saved = await t.database.db
      .select({ comment: answers.comment })
      .from(answers)
      .where(and(eq(answers.returnId, t.ids.returnIds.council!), eq(answers.questionId, q2.id)));
    assert.ok(!saved.some((r) => r.comment === 'Kept, not saved'), 'not saved');
  });
});
