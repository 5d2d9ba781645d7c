/**
 * In a browser: the results of an audit whose grades are not kept, while the return-grades job keeps
 * them. With JavaScript the waiting page follows the job and shows the results once it is done;
 * without, its "Try again" link does. Axe-clean.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seedScaleCycle } from '../bench/scale.ts';
import { runReturnGradesJobs } from '../test/results/results-fixture.ts';
import { type BrowserHarness, expectAxeClean, skipBrowser, startBrowserHarness } from './helpers/browser.ts';

const ADMIN = 'business.manager@nrscp.example';

describe('in a browser: results waiting for their grades', { skip: skipBrowser }, () => {
  let h: BrowserHarness;
  before(async () => {
    // Any return without kept grades is one too many for the page to work out itself.
    h = await startBrowserHarness({ queue: true, env: { GRADES_INLINE_RETURNS: '0' } });
  });
  after(async () => h?.close());

  const keepGrades = async () => assert.deepEqual(await runReturnGradesJobs(h.t), { ran: 1, failed: 0 });

  it('shows how far the job has got, then the results, with JavaScript and without', async () => {
    const withScript = await seedScaleCycle(h.t.database.db, h.t.ids, { count: 4, name: 'Imported audit' });
    const page = await (await h.context({ javaScript: true })).newPage();
    await h.signIn(page, ADMIN);
    const waiting = await page.goto(`/cycles/${withScript}/results`);
    assert.equal(waiting?.status(), 202);
    await page.getByRole('heading', { name: 'The results are being worked out' }).waitFor();
    assert.equal(await page.locator('[data-app-progress-text]').textContent(), '0% done.');
    await expectAxeClean(page, 'results waiting for their grades');
    // The page's script notices the grades are kept and shows the results.
    await keepGrades();
    await page.getByRole('heading', { name: 'Results: Imported audit' }).waitFor();

    const withoutScript = await seedScaleCycle(h.t.database.db, h.t.ids, {
      count: 3,
      name: 'Restored audit',
    });
    const noScript = await (await h.context({ javaScript: false })).newPage();
    await h.signIn(noScript, ADMIN);
    await noScript.goto(`/cycles/${withoutScript}/results`);
    await noScript.getByRole('heading', { name: 'The results are being worked out' }).waitFor();
    await keepGrades();
    await noScript.getByRole('link', { name: 'Try again' }).click();
    await noScript.getByRole('heading', { name: 'Results: Restored audit' }).waitFor();
  });
});
