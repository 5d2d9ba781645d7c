/**
 * The return's details page (issue 16): a post refused before it could be read (a stale form, or a
 * session that ended) is kept, never saved, and the next visit to the page shows what was typed,
 * once, ready to save. Nothing typed is lost.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { returns } from '../../src/db/schema.ts';
import { formFields } from '../helpers/record-conflicts.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const LEAD = 'safeguarding.lead@northshire-council.example';
const IDLE_MINUTES = 30;

const TYPED = {
  completerName: 'Jo Kept-Form',
  completerRole: 'Designated safeguarding lead (typed)',
  completerEmail: 'jo.kept@northshire-council.example',
  completerPhone: '01632 960 123',
};

/** The value of the details form's input `name`, as the page shows it. */
const fieldValue = (html: string, url: string, name: string) => formFields(html, url)[name];

describe('the return’s details keep a refused form', () => {
  let t: TestApp;
  let url: string;
  let returnId: string;

  before(async () => {
    t = await startTestApp({ env: { SESSION_IDLE_MINUTES: String(IDLE_MINUTES) } });
    returnId = t.ids.returnIds.council!;
    url = `/returns/${returnId}/details`;
  });
  after(async () => t.close());

  const saved = async () => {
    const [row] = await t.database.db
      .select({ name: returns.completerName, role: returns.completerRole })
      .from(returns)
      .where(eq(returns.id, returnId));
    return row!;
  };

  /** Signs in again with this client (keeping what its session holds, as a browser does). */
  async function signInAgain(client: TestClient): Promise<void> {
    await client.get('/sign-in');
    assert.equal((await client.post('/sign-in', { email: LEAD })).status, 303);
    const [mail] = await t.mailTo(LEAD); // newest first
    const token = /\/sign-in\/link\/([A-Za-z0-9_-]+)/.exec(mail?.bodyText ?? '')?.[1];
    assert.ok(token, 'a sign-in link was sent');
    await client.get(`/sign-in/link/${token}`);
    assert.equal((await client.post('/sign-in/link', { token })).status, 303);
  }

  it('shows the kept values on the page after a post refused as out of date, once', async () => {
    const lead = await t.signIn(LEAD);
    const page = await lead.get(url);
    assert.equal(page.status, 200);
    const before = await saved();
    const refused = await lead.post(url, { ...formFields(page.body, url), ...TYPED, _csrf: 'stale' });
    assert.equal(refused.status, 403);
    assert.match(refused.body, /This form could not be accepted/);
    assert.match(refused.body, /What you typed has been kept/);
    assert.deepEqual(await saved(), before, 'nothing was saved');

    const back = await lead.get(url);
    assert.equal(back.status, 200);
    for (const [name, value] of Object.entries(TYPED))
      assert.equal(fieldValue(back.body, url, name), value, `${name} is shown as typed`);

    const again = await lead.get(url);
    assert.notEqual(fieldValue(again.body, url, 'completerName'), TYPED.completerName, 'shown once only');
  });

  it('shows the kept values after signing in again when the session had ended', async () => {
    const lead = await t.signIn(LEAD);
    const page = await lead.get(url);
    t.clock.advance((IDLE_MINUTES * 60 + 5) * 1000);
    const refused = await lead.post(url, { ...formFields(page.body, url), ...TYPED });
    assert.equal(refused.status, 401);
    assert.match(refused.body, /Your session has ended/);
    assert.match(refused.body, /What you typed has been kept/);
    assert.notEqual((await saved()).name, TYPED.completerName, 'nothing was saved');

    await signInAgain(lead);
    const back = await lead.get(url);
    assert.equal(back.status, 200);
    for (const [name, value] of Object.entries(TYPED))
      assert.equal(fieldValue(back.body, url, name), value, `${name} is shown as typed`);
    // And it saves from there, as any form does.
    const sent = await lead.post(url, formFields(back.body, url));
    assert.equal(sent.status, 303, sent.body.slice(0, 400));
    assert.equal((await saved()).name, TYPED.completerName);
  });
});
