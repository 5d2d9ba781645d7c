/** In a browser: exporting an audit (through the background job) and managing API tokens, axe-clean. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CYCLE_EXPORTS_QUEUE, cycleExportHandler } from '../src/features/exports/cycle-export.service.ts';
import { runQueuedJobs } from '../src/jobs/job-queue.ts';
import { type BrowserHarness, expectAxeClean, skipBrowser, startBrowserHarness } from './helpers/browser.ts';

const ADMIN = 'business.manager@nrscp.example';

describe('in a browser: exports and API tokens', { skip: skipBrowser }, () => {
  let h: BrowserHarness;
  before(async () => {
    // Every audit counts as large, so its export goes through the job queue.
    h = await startBrowserHarness({ queue: true, env: { EXPORT_INLINE_RETURNS: '0' } });
  });
  after(async () => h?.close());

  const runJobs = async () => {
    const run = await runQueuedJobs(
      h.t.queue!,
      CYCLE_EXPORTS_QUEUE,
      cycleExportHandler({ db: h.t.database.db, clock: h.t.clock }),
    );
    assert.equal(run.failed, 0);
  };

  it('asks for an export, follows its progress with JavaScript and without, and downloads it', async () => {
    const page = await (await h.context({ javaScript: true })).newPage();
    await h.signIn(page, ADMIN);
    await page.goto(`/cycles/${h.t.ids.cycleId}`);
    await page.getByRole('link', { name: /Download every answer/ }).click();
    await expectAxeClean(page, 'the exports page');
    await page.getByRole('button', { name: 'Prepare the download' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await expectAxeClean(page, 'the exports page with an error');
    await page.getByLabel('Spreadsheet (XLSX)').check();
    await page.getByRole('button', { name: 'Prepare the download' }).click();
    await page.getByRole('heading', { name: 'Preparing your download' }).waitFor();
    await expectAxeClean(page, 'an export waiting to start');
    // The page's script notices the job has finished and shows the download.
    await runJobs();
    await page.getByRole('heading', { name: 'Your download is ready' }).waitFor();
    await expectAxeClean(page, 'a finished export');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /Download the Spreadsheet/ }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^audit-.*\.xlsx$/);

    const noScript = await (await h.context({ javaScript: false })).newPage();
    await h.signIn(noScript, ADMIN);
    await noScript.goto(`/cycles/${h.t.ids.cycleId}/exports`);
    await noScript.getByLabel('CSV').check();
    await noScript.getByRole('button', { name: 'Prepare the download' }).click();
    await noScript.getByRole('heading', { name: 'Preparing your download' }).waitFor();
    await runJobs();
    await noScript.getByRole('link', { name: 'Check progress again' }).click();
    await noScript.getByRole('heading', { name: 'Your download is ready' }).waitFor();
    // axe-core needs JavaScript: the list is checked in the first browser.
    await page.goto(`/cycles/${h.t.ids.cycleId}/exports`);
    assert.equal(await page.locator('main table a', { hasText: 'Download' }).count(), 2);
    await expectAxeClean(page, 'the exports page listing downloads');
  });

  it('creates and revokes an API token, and reads the API’s page', async () => {
    const page = await (await h.context({ javaScript: true })).newPage();
    await h.signIn(page, ADMIN);
    await page.goto('/');
    await page.getByRole('link', { name: /API tokens/ }).click();
    await expectAxeClean(page, 'the API tokens page');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await expectAxeClean(page, 'the API tokens page with an error');
    await page.getByLabel('Name').fill('Power BI dashboard');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByRole('heading', { name: 'Copy your new token' }).waitFor();
    assert.match(await page.getByLabel('Token').inputValue(), /^s11_/);
    await expectAxeClean(page, 'a new token');
    await page.getByRole('link', { name: 'Back to API tokens' }).click();
    await page.getByRole('button', { name: /Revoke/ }).click();
    await page.getByText('Token revoked').waitFor();
    await expectAxeClean(page, 'a revoked token');
    await page.goto('/api');
    await expectAxeClean(page, 'the API page');
  });
});
