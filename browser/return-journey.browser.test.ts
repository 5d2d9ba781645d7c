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

const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';
const NHS_LEAD = 'named.nurse@nr-nhs.example';
const ADMIN = 'business.manager@nrscp.example';

describe('in a browser', { skip: skipBrowser }, () => {
  let h: BrowserHarness;
  before(async () => {
    h = await startBrowserHarness();
  });
  after(async () => h?.close());

  it('an agency lead completes and submits a return with JavaScript switched off', async () => {
    const context = await h.context({ javaScript: false });
    const page = await context.newPage();
    await h.signIn(page, COUNCIL_LEAD);
    await page.goto('/returns');
    await page.locator('main a[href^="/returns/"]').first().click();
    await page.getByRole('link', { name: 'Your details' }).click();
    await page.locator('input[name="completerRole"]').fill('');
    await page.locator('input[name="completerEmail"]').fill('not-an-email');
    await page.getByRole('button', { name: /continue/i }).click();
    await assertErrorSummary(page, ['Enter their role', 'Enter an email address in the correct format']);
    assert.equal(await page.locator('input[name="completerEmail"]').inputValue(), 'not-an-email');
    await page.locator('input[name="completerName"]').fill('Helen Ward');
    await page.locator('input[name="completerRole"]').fill('Head of Safeguarding');
    await page.locator('input[name="completerEmail"]').fill(COUNCIL_LEAD);
    await page.getByRole('button', { name: /continue/i }).click();
    await page.waitForURL(/\/themes\//);

    // Marking a theme complete with nothing answered is refused, in the GOV.UK error pattern.
    await page.locator('input[name="completed"][value="yes"]').check();
    await page.getByRole('button', { name: 'Save and continue', exact: true }).click();
    await assertErrorSummary(page, ['Select an answer for question 1']);

    let guard = 0;
    while (/\/themes\//.test(page.url()) && guard++ < 30) await completeTheme(page);
    assert.match(page.url(), /\/returns\/[0-9a-f-]+$/, 'back at the task list after the last theme');
    assert.match(await page.locator('body').innerText(), /You have completed (\d+) of \1 themes|completed/i);

    await signOffAndSubmit(page, { name: 'Dr Sam Patel', day: '20' });
    const panel = await page.locator('.govuk-panel').innerText();
    assert.match(panel, /S11-\d{4}-[A-Z0-9]{6}/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download a copy of your return (PDF)' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^section-11-return-.+\.pdf$/);
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    assert.equal(readFileSync(path).subarray(0, 5).toString('latin1'), '%PDF-');
    await context.close();
  });

  it('every page of the journey passes axe-core, and JavaScript enhances without changing the journey', async () => {
    const context = await h.context({ javaScript: true });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await expectAxeClean(page, 'sign-in');
    await h.signIn(page, NHS_LEAD);
    await expectAxeClean(page, 'home');
    await page.goto('/returns');
    await expectAxeClean(page, 'returns list');
    await page.getByRole('link', { name: /^Colleagues/ }).click();
    await expectAxeClean(page, 'colleagues');
    await page.goto('/returns');
    await page.locator('main a[href^="/returns/"]').first().click();
    await expectAxeClean(page, 'task list');
    const taskList = page.url();

    await page.getByRole('link', { name: 'Your details' }).click();
    await page.locator('input[name="completerEmail"]').fill('wrong');
    await page.getByRole('button', { name: /continue/i }).click();
    await page.waitForSelector('.govuk-error-summary');
    // GOV.UK Frontend's script moves focus to the summary once it has initialised.
    await page
      .locator('.govuk-error-summary:focus')
      .waitFor({ timeout: 5000 })
      .catch(() => assert.fail('the error summary takes focus when JavaScript is on'));
    await expectAxeClean(page, 'details with errors');

    await page.goto(taskList);
    await page.locator('.govuk-task-list a').nth(1).click();
    await page.waitForURL(/\/themes\//);
    await expectAxeClean(page, 'theme page');
    const action = page.locator('textarea[name="q1-action"]');
    assert.equal(
      await action.isVisible(),
      false,
      'the area for development waits for an answer that needs one',
    );
    await page
      .locator('input[name="q1-response"][value="not_met"], input[name="q1-response"][value="no"]')
      .check();
    assert.equal(await action.isVisible(), true, 'Not met or No reveals the area for development');
    const naReason = page.locator('textarea[name="q1-na-reason"]');
    assert.equal(await naReason.isVisible(), false, 'the N/A reason is hidden until N/A is chosen');
    await page.locator('input[name="q1-response"][value="na"]').check();
    assert.equal(await naReason.isVisible(), true, 'choosing N/A reveals its reason');
    assert.equal(await action.isVisible(), false, 'and hides the area for development again');
    await page.locator('input[name="completed"][value="yes"]').check();
    await page.getByRole('button', { name: 'Save and continue', exact: true }).click();
    await page.waitForSelector('.govuk-error-summary');
    await expectAxeClean(page, 'theme page with errors');
    assert.equal(
      await naReason.isVisible(),
      true,
      'the reveal stays open when the page comes back with errors',
    );

    for (const path of ['sign-off', 'check', 'scores', 'actions', 'copy', 'history']) {
      await page.goto(`${taskList}/${path}`);
      await expectAxeClean(page, path);
    }
    for (const path of ['/accessibility', '/p/nrscp/accessibility', '/privacy', '/no-such-page']) {
      await page.goto(path);
      await expectAxeClean(page, path);
    }
    await context.close();
  });

  it('the partnership’s pages pass axe-core, and its status table filters and sorts', async () => {
    const context = await h.context({ javaScript: true });
    const page = await context.newPage();
    await h.signIn(page, ADMIN);
    await expectAxeClean(page, 'partnership home');
    await page.getByRole('link', { name: /^Set up a new audit/ }).click();
    await expectAxeClean(page, 'new audit form');
    await page.locator('input[name="invite"][value="sectors"]').check();
    assert.equal(
      await page.locator('input[name="sectors"]').first().isVisible(),
      true,
      'sectors are revealed',
    );
    await page.getByRole('button', { name: 'Set up audit' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await expectAxeClean(page, 'new audit form with errors');
    await page.goto('/');
    await page.getByRole('link', { name: /^People/ }).click();
    await expectAxeClean(page, 'people');
    await page.getByRole('button', { name: 'Invite someone' }).click();
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await expectAxeClean(page, 'invitation form with errors');
    await page.goto('/');
    await page.locator('main h2 a[href^="/cycles/"]').first().click();
    await expectAxeClean(page, 'cycle monitoring');
    await page.getByRole('button', { name: 'Send a reminder to the selected agencies' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await expectAxeClean(page, 'cycle monitoring with a reminder error');
    await page.getByLabel('Remind Northshire Constabulary').check();
    await page.getByRole('button', { name: 'Send a reminder to the selected agencies' }).click();
    await page.waitForURL(/done=reminded&n=1/);
    await page.locator('select[name="sector"]').selectOption('police');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/sector=police/);
    assert.equal(await page.locator('tbody tr').count(), 1, 'the filter form works');
    await page.getByRole('link', { name: /^Progress/ }).click();
    await page.waitForURL(/sort=progress/);
    await expectAxeClean(page, 'cycle monitoring, filtered and sorted');
    await page
      .getByRole('link', { name: /^Give more time/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Change the deadline' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await expectAxeClean(page, 'extension form with errors');
    await page.getByRole('link', { name: 'Back to the audit' }).click();
    await page.getByRole('link', { name: 'Change the deadline for every agency' }).click();
    await expectAxeClean(page, 'deadline form');
    await page.getByRole('link', { name: 'Agencies', exact: true }).click();
    await expectAxeClean(page, 'agencies');
    await page.getByRole('button', { name: 'Add an agency' }).click();
    await page.getByRole('button', { name: 'Add agency' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await expectAxeClean(page, 'agency form with errors');
    await page.goto('/dev/mail');
    await expectAxeClean(page, 'development mailbox');
    await context.close();
  });
});

async function assertErrorSummary(page: Page, messages: string[]): Promise<void> {
  const summary = page.locator('.govuk-error-summary');
  await summary.waitFor();
  assert.match(await page.title(), /^Error: /);
  const text = await summary.innerText();
  assert.match(text, /There is a problem/);
  for (const m of messages) assert.ok(text.includes(m), `error summary says "${m}": ${text}`);
}
