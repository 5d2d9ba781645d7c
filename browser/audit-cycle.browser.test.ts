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

const ADMIN = 'business.manager@nrscp.example';
const YJS_LEAD = 'manager@riverside-yjs.example';
const YJS = 'Riverside Youth Justice Service';
const AUDIT = 'Section 11 audit 2027 (browser)';

/** The status cell of an agency's row on the audit's monitoring page. */
async function statusOf(page: Page, agency: string): Promise<string> {
  const row = page.locator('tbody tr').filter({ hasText: agency });
  assert.equal(await row.count(), 1, `${agency} is listed once`);
  return row.locator('.govuk-tag').first().innerText();
}

describe('in a browser: the partnership runs an audit', { skip: skipBrowser }, () => {
  let h: BrowserHarness;
  before(async () => {
    h = await startBrowserHarness();
  });
  after(async () => h?.close());

  it('an admin sets up an audit, its agencies are invited, and a return goes from not started to submitted', async () => {
    const admin = await (await h.context({ javaScript: true })).newPage();
    await h.signIn(admin, ADMIN);
    await admin.getByRole('link', { name: /^Set up a new audit/ }).click();
    await admin.locator('input[name="name"]').fill(AUDIT);
    await admin.locator('input[name="templateVersionId"]').first().check();
    await admin.locator('input[name="kind"][value="annual"]').check();
    // Open already (the test clock stands at 23 November 2026, 10am), closing in January.
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
    await expectAxeClean(admin, 'new audit form, filled in');
    await admin.getByRole('button', { name: 'Set up audit' }).click();
    await admin.waitForURL(/\/cycles\/[0-9a-f-]+\?done=created/);
    await expectAxeClean(admin, 'the new audit’s monitoring page');
    const monitoring = admin.url().split('?')[0]!;
    assert.match(await admin.locator('h1').innerText(), new RegExp(AUDIT.replace(/[()]/g, '\\$&')));
    assert.equal(await statusOf(admin, YJS), 'Not started');

    // The agency lead was invited by email, and finds the audit among their returns.
    const lead = await (await h.context({ javaScript: true })).newPage();
    await lead.goto('/dev/mail');
    assert.ok(
      (await lead.locator('tbody tr').filter({ hasText: YJS_LEAD }).allInnerTexts()).some((r) =>
        r.includes(AUDIT),
      ),
      'the agency lead is emailed an invitation',
    );
    await h.signIn(lead, YJS_LEAD);
    await lead.goto('/returns');
    await lead.getByRole('link', { name: new RegExp(AUDIT.replace(/[()]/g, '\\$&')) }).click();
    await expectAxeClean(lead, 'the new return’s task list');
    const taskList = lead.url();
    await lead.getByRole('link', { name: 'Your details' }).click();
    await lead.locator('input[name="completerName"]').fill('Aisha Khan');
    await lead.locator('input[name="completerRole"]').fill('Head of Service');
    await lead.locator('input[name="completerEmail"]').fill(YJS_LEAD);
    await lead.getByRole('button', { name: /continue/i }).click();
    await lead.waitForURL(/\/themes\//);
    await completeTheme(lead);

    await admin.goto(monitoring);
    assert.equal(await statusOf(admin, YJS), 'In progress');
    await expectAxeClean(admin, 'monitoring with a return in progress');

    let guard = 0;
    while (/\/themes\//.test(lead.url()) && guard++ < 30) await completeTheme(lead);
    assert.equal(lead.url(), taskList, 'back at the task list after the last theme');
    await signOffAndSubmit(lead, { name: 'Jo Marsh', day: '23' });

    await admin.goto(monitoring);
    assert.equal(await statusOf(admin, YJS), 'Submitted');
    await expectAxeClean(admin, 'monitoring with a submitted return');
    // The partnership opens the submitted return, read-only, with its records.
    await admin.locator('tbody tr').filter({ hasText: YJS }).getByRole('link').first().click();
    await admin.waitForURL(/\/returns\/[0-9a-f-]+/);
    await expectAxeClean(admin, 'the submitted return, as the partnership sees it');
    assert.equal(await admin.getByRole('button', { name: 'Submit return' }).count(), 0);
  });
});
