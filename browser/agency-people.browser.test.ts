import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  type BrowserHarness,
  completeRemainingThemes,
  createPartnership,
  expectAxeClean,
  fillNewAudit,
  giveReturnDetails,
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
    await createPartnership(platform, {
      name: 'Eastvale Safeguarding Children Partnership',
      shortName: 'eastvale',
      contactEmail: 'section11@eastvale-scp.example',
      locality: 'Eastvale',
      adminName: 'Morgan Hale',
      adminEmail: NEW_ADMIN,
    });
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
    await fillNewAudit(admin, AUDIT);
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
    await giveReturnDetails(lead, { name: 'Dana Price', role: 'Designated Safeguarding Lead', email: LEAD });
    await expectAxeClean(lead, 'the first theme');
    await completeRemainingThemes(lead, taskList);
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
