/**
 * Display settings (issue 14, item 6): high contrast and larger text, chosen without JavaScript on
 * the page the footer links to, kept for the signed-in person (on their row) and for a visitor (in a
 * cookie), applied as classes on <html> on every later page, and saved only with valid choices and
 * a way back to a page of this site.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { users } from '../../src/db/schema.ts';
import { DISPLAY_COOKIE } from '../../src/lib/display-settings.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const LEAD = 'safeguarding.lead@northshire-council.example';

/** The classes on the page's <html> element. */
function htmlClasses(body: string): string[] {
  const m = /<html[^>]*\bclass="([^"]*)"/.exec(body);
  assert.ok(m, 'the page has an <html> with classes');
  return m[1]!.split(/\s+/);
}

/** The footer's link to the display settings page. */
function footerLink(body: string): string {
  const m = /<a class="govuk-footer__link" href="([^"]*)">\s*Display settings\s*<\/a>/.exec(body);
  assert.ok(m, 'the footer links to the display settings page');
  return m[1]!.replace(/&amp;/g, '&');
}

describe('display settings', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => t?.close());

  it('start as the GOV.UK look, with the footer link saying which page to come back to', async () => {
    const visitor = t.client();
    const page = await visitor.get('/accessibility');
    assert.equal(page.status, 200);
    const classes = htmlClasses(page.body);
    assert.ok(!classes.includes('app-high-contrast') && !classes.includes('app-large-text'));
    assert.equal(footerLink(page.body), '/display-settings?from=%2Faccessibility');
    const form = await visitor.get(footerLink(page.body));
    assert.equal(form.status, 200);
    assert.match(form.body, /<input type="hidden" name="from" value="\/accessibility"/);
    assert.match(
      form.body,
      /name="contrast"[^>]*value="standard" checked|value="standard" checked[^>]*name="contrast"/s,
    );
  });

  it('are kept for a visitor in a cookie and shown on later pages', async () => {
    const visitor = t.client();
    await visitor.get('/display-settings?from=/privacy');
    const saved = await visitor.post('/display-settings', {
      contrast: 'high',
      textSize: 'large',
      from: '/privacy',
    });
    assert.equal(saved.status, 303);
    assert.equal(saved.location, '/privacy');
    const cookie = String(saved.headers['set-cookie']);
    assert.match(cookie, new RegExp(`${DISPLAY_COOKIE}=high\\.large`));
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Lax/i);
    assert.match(cookie, /Max-Age=31536000/);
    for (const path of ['/privacy', '/sign-in', '/accessibility']) {
      const later = await visitor.get(path);
      const classes = htmlClasses(later.body);
      assert.ok(classes.includes('app-high-contrast'), `${path} is in high contrast`);
      assert.ok(classes.includes('app-large-text'), `${path} has larger text`);
    }
    // The page shows the choice made.
    const again = await visitor.get('/display-settings');
    assert.match(again.body, /value="high" checked/);
    assert.match(again.body, /value="large" checked/);
    // Choosing the GOV.UK look again removes the cookie.
    const standard = await visitor.post('/display-settings', {
      contrast: 'standard',
      textSize: 'standard',
      from: '/privacy',
    });
    assert.match(String(standard.headers['set-cookie']), /Expires=Thu, 01 Jan 1970/i);
    assert.ok(!htmlClasses((await visitor.get('/privacy')).body).includes('app-high-contrast'));
    // Another visitor is not affected.
    assert.ok(!htmlClasses((await t.client().get('/privacy')).body).includes('app-high-contrast'));
    // A cookie of another shape is the GOV.UK look.
    const odd = t.client();
    odd.setCookie(DISPLAY_COOKIE, 'high.large.extra');
    assert.ok(!htmlClasses((await odd.get('/privacy')).body).includes('app-high-contrast'));
  });

  it('are kept on the signed-in person’s row, whichever browser they use next', async () => {
    const person = await t.signIn(LEAD);
    await person.get('/display-settings');
    const saved = await person.post('/display-settings', {
      contrast: 'high',
      textSize: 'standard',
      from: '/returns',
    });
    assert.equal(saved.status, 303);
    assert.equal(saved.location, '/returns');
    const [row] = await t.database.db
      .select({ display: users.displaySettings })
      .from(users)
      .where(eq(users.email, LEAD));
    assert.deepEqual(row!.display, { contrast: 'high', textSize: 'standard' });
    const returns = await person.get('/returns');
    assert.equal(returns.status, 200);
    assert.ok(htmlClasses(returns.body).includes('app-high-contrast'));
    assert.ok(!htmlClasses(returns.body).includes('app-large-text'));
    // A new browser (no cookie) shows the person's own settings once they sign in.
    const elsewhere: TestClient = await t.signIn(LEAD);
    const home = await elsewhere.get('/returns');
    assert.ok(htmlClasses(home.body).includes('app-high-contrast'), 'the setting follows the person');
    // Back to the GOV.UK look.
    await person.get('/display-settings');
    await person.post('/display-settings', { contrast: 'standard', textSize: 'standard', from: '/' });
    assert.ok(!htmlClasses((await elsewhere.get('/returns')).body).includes('app-high-contrast'));
  });

  it('refuse a choice that is not one of the options with the GOV.UK error pattern (422)', async () => {
    const visitor = t.client();
    await visitor.get('/display-settings');
    const refused = await visitor.post('/display-settings', {
      contrast: 'neon',
      from: '/privacy',
    });
    assert.equal(refused.status, 422);
    assert.match(refused.body, /<title>Error: Display settings/);
    assert.match(refused.body, /govuk-error-summary/);
    assert.match(refused.body, /href="#contrast"\s*>Select standard colours or high contrast/);
    assert.match(refused.body, /href="#textSize"\s*>Select standard text or larger text/);
    assert.match(refused.body, /id="contrast-error"/);
    // The way back is kept for the next try.
    assert.match(refused.body, /name="from" value="\/privacy"/);
    assert.equal(refused.headers['set-cookie'], undefined, 'nothing is saved');
  });

  it('go back only to a page of this site', async () => {
    const visitor = t.client();
    await visitor.get('/display-settings');
    for (const from of [
      'https://evil.example/',
      '//evil.example/',
      '/\\evil.example',
      '/\t/evil.example',
      'javascript:alert(1)',
      'evil.example',
      '/display-settings',
    ]) {
      const saved = await visitor.post('/display-settings', { contrast: 'high', textSize: 'large', from });
      assert.equal(saved.status, 303, from);
      assert.equal(saved.location, '/', `${JSON.stringify(from)} goes home, not away`);
    }
    // The page itself offers no way off the site either.
    const page = await visitor.get('/display-settings?from=https%3A%2F%2Fevil.example%2F');
    assert.doesNotMatch(page.body, /evil\.example/);
    // A same-site path with its query is kept.
    const ok = await visitor.post('/display-settings', {
      contrast: 'high',
      textSize: 'large',
      from: '/guidance?page=2',
    });
    assert.equal(ok.location, '/guidance?page=2');
  });

  it('need the form’s CSRF token', async () => {
    const visitor = t.client();
    await visitor.get('/display-settings');
    const forged = await visitor.post('/display-settings', {
      _csrf: 'not-the-token',
      contrast: 'high',
      textSize: 'large',
    });
    assert.equal(forged.status, 403);
    assert.ok(!htmlClasses((await visitor.get('/privacy')).body).includes('app-high-contrast'));
  });
});
