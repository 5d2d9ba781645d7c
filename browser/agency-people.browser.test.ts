import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  type BrowserHarness,
  completeTheme,
  expectAxeClean,
  signOffAndSubmit,
  skipBrowser,
  startBrowserHarness,
} from './helpers/browser.ts';

const PLATFORM_ADMIN = 'service.desk@section11-hosting.example';
const NEW_ADMIN = 'manager@eastvale-scp.example';
const LEAD = 'safeguarding@eastvale-college.example';
const AGENCY = 'Eastvale College';
const AUDIT = 'Eastvale Section 11 audit 2027';

/** Opens the newest email to `to` whose subject matches, in the development mailbox, and follows its sign-in link. */
async function signInFromMailbox(page: Page, to: string, subject: RegExp): Promise<void> {
  await page.goto('/dev/mail');
  await page
    .locator('tbody tr')
    .filter({ hasText: to })
    .filter({ hasText: subject })
    .first()
    .getByRole('link')
    .click();
  await expectAxeClean(page, 'the invitation email');
  const href = await page.locator('.app-mail-body a[href*="/sign-in/link/"]').first().getAttribute('href');
  assert.ok(href, `a sign-in link was emailed to ${to}`);
  // Mail links carry the configured BASE_URL; the test server listens on its own port.
  await page.goto(new URL(href).pathname);
  await expectAxeClean(page, 'continue signing in');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForLoadState('load');
}

describe('in a browser: a new partnership’s imported agency signs in and submits', {
  skip: skipBrowser,
}, () => {
  let h: BrowserHarness;
  before(async () => {
    h = await startBrowserHarness();
  });
  after(async () => h?.close());

  it('the platform admin creates a partnership, its admin imports an agency, and the agency’s lead contact submits a return', async () => {
    const platform = await (await h.context({ javaScript: true })).newPage();
    await h.signIn(platform, PLATFORM_ADMIN);
    await platform.goto('/platform/partnerships/new');
    await expectAxeClean(platform, 'new partnership');
    await platform.locator('input[name="name"]').fill('Eastvale Safeguarding Children Partnership');
    await platform.locator('input[name="shortName"]').fill('eastvale');
    await platform.locator('input[name="contactEmail"]').fill('section11@eastvale-scp.example');
    await platform.locator('textarea[name="localities"]').fill('Eastvale');
    await platform.locator('input[name="adminName"]').fill('Morgan Hale');
    await platform.locator('input[name="adminEmail"]').fill(NEW_ADMIN);
    await platform.getByRole('button', { name: 'Create partnership' }).click();
    await platform.waitForURL(/\/platform\/partnerships\?done=created/);
    await expectAxeClean(platform, 'partnerships, with the new one');

    // Its admin signs in from the invitation and imports the agency with its lead contact.
    const admin = await (await h.context({ javaScript: true })).newPage();
    await signInFromMailbox(admin, NEW_ADMIN, /invited|Eastvale/);
    await expectAxeClean(admin, 'the new admin’s home page');
    await admin
      .getByRole('link', { name: /^Agencies/ })
      .first()
      .click();
    await expectAxeClean(admin, 'agencies (none yet)');
    await admin.getByRole('button', { name: 'Import agencies from a spreadsheet' }).click();
    await expectAxeClean(admin, 'import agencies');
    const csv = [
      'Name,Sector,Statutory or voluntary,Localities served,Lead contact email',
      `${AGENCY},school-college,Statutory,Eastvale,${LEAD}`,
    ].join('\r\n');
    await admin
      .locator('input[name="file"]')
      .setInputFiles({ name: 'agencies.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await admin.getByRole('button', { name: 'Upload and check' }).click();
    await admin.waitForURL(/\/agencies\/import\/[0-9a-f-]+$/);
    await expectAxeClean(admin, 'import preview');
    assert.match(await admin.locator('main').innerText(), /1 lead contact will be invited at once/);
    await admin.getByRole('button', { name: 'Import 1 agency' }).click();
    await admin.waitForURL(/\/agencies\?done=imported/);
    await expectAxeClean(admin, 'agencies, imported');

    // The agency's people: its lead contact is invited as agency lead.
    await admin.getByRole('link', { name: `Change ${AGENCY}` }).click();
    await admin.getByRole('link', { name: 'People who can sign in for this agency' }).click();
    await expectAxeClean(admin, 'the agency’s people');
    const people = await admin.locator('main table').innerText();
    assert.match(people, new RegExp(LEAD.replace(/[.]/g, '\\.')));
    assert.match(people, /Agency lead/);
    assert.match(people, /Invited/);

    // An audit, open now (the test clock stands at 23 November 2026, 10am).
    await admin.goto('/');
    await admin.getByRole('link', { name: /^Set up a new audit/ }).click();
    await admin.locator('input[name="name"]').fill(AUDIT);
    await admin.locator('input[name="templateVersionId"]').first().check();
    await admin.locator('input[name="kind"][value="annual"]').check();
    await admin.locator('input[name="opens-day"]').fill('23');
    await admin.locator('input[name="opens-month"]').fill('11');
    await admin.locator('input[name="opens-year"]').fill('2026');
    await admin.locator('input[name="opensTime"]').fill('9am');
    await admin.locator('input[name="closes-day"]').fill('29');
    await admin.locator('input[name="closes-month"]').fill('1');
    await admin.locator('input[name="closes-year"]').fill('2027');
    await admin.locator('input[name="closesTime"]').fill('5pm');
    for (const box of await admin.locator('input[name="localities"]').all()) await box.check();
    await admin.locator('input[name="invite"][value="all"]').check();
    await admin.getByRole('button', { name: 'Set up audit' }).click();
    await admin.waitForURL(/\/cycles\/[0-9a-f-]+\?done=created/);
    await expectAxeClean(admin, 'the new audit’s monitoring page');

    // The lead signs in from the invitation email and completes and submits the return.
    const lead = await (await h.context({ javaScript: true })).newPage();
    await signInFromMailbox(lead, LEAD, /invited to complete/);
    await lead.goto('/returns');
    await expectAxeClean(lead, 'the lead’s returns');
    await lead.getByRole('link', { name: AUDIT }).click();
    await expectAxeClean(lead, 'the return’s task list');
    const taskList = lead.url();
    await lead.getByRole('link', { name: 'Your details' }).click();
    await expectAxeClean(lead, 'your details');
    await lead.locator('input[name="completerName"]').fill('Dana Price');
    await lead.locator('input[name="completerRole"]').fill('Designated Safeguarding Lead');
    await lead.locator('input[name="completerEmail"]').fill(LEAD);
    await lead.getByRole('button', { name: /continue/i }).click();
    await lead.waitForURL(/\/themes\//);
    await expectAxeClean(lead, 'the first theme');
    let guard = 0;
    while (/\/themes\//.test(lead.url()) && guard++ < 30) await completeTheme(lead);
    assert.equal(lead.url(), taskList, 'back at the task list after the last theme');
    await signOffAndSubmit(lead, { name: 'Alex Grant', day: '23' });
    await expectAxeClean(lead, 'the confirmation');
    assert.match(await lead.locator('.govuk-panel').innerText(), /S11-\d{4}-[A-Z0-9]{6}/);

    // The partnership sees when its lead last signed in.
    await admin.goto('/');
    await admin
      .getByRole('link', { name: /^Agencies/ })
      .first()
      .click();
    await admin.getByRole('link', { name: `Change ${AGENCY}` }).click();
    await admin.getByRole('link', { name: 'People who can sign in for this agency' }).click();
    assert.match(await admin.locator('main table').innerText(), /23 November 2026/);
  });
});
