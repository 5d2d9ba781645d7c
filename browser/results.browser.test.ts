import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { cycles } from '../src/db/schema.ts';
import { addAction, moderate, submitReturn } from '../test/results/results-fixture.ts';
import { type BrowserHarness, expectAxeClean, skipBrowser, startBrowserHarness } from './helpers/browser.ts';

const REVIEWER = 'scrutineer@nrscp.example';
const ADMIN = 'business.manager@nrscp.example';
const DAY = 86_400_000;

describe('in a browser: the results of an audit and its findings report', { skip: skipBrowser }, () => {
  let h: BrowserHarness;
  before(async () => {
    h = await startBrowserHarness();
    const t = h.t;
    const now = t.clock.now();
    await t.database.db
      .update(cycles)
      .set({ closesAt: new Date(now.getTime() - DAY) })
      .where(eq(cycles.id, t.ids.cycleId));
    await submitReturn(t, t.ids.returnIds.council!, {
      submittedAt: new Date(now.getTime() - 2 * DAY),
      weakFirst: true,
      comment: 'Monthly briefings keep every team up to date.',
    });
    const themes = await submitReturn(t, t.ids.returnIds.police!, {
      submittedAt: new Date(now.getTime() - DAY / 2),
      rating: 'amber',
    });
    await moderate(t, t.ids.returnIds.police!, themes[0]!.id, 'red');
    await addAction(t, t.ids.returnIds.police!, themes[0]!.id, 'Refresh training', '2026-10-01');
  });
  after(async () => h?.close());

  it('a reviewer reads the results and filters them', async () => {
    const page = await (await h.context({ javaScript: true })).newPage();
    await h.signIn(page, REVIEWER);
    await page.goto(`/cycles/${h.t.ids.cycleId}`);
    await page.getByRole('link', { name: 'Results across agencies' }).click();
    await page.waitForURL(/\/results$/);
    assert.match(await page.locator('h1').innerText(), /^Results: /);
    const chart = page.getByRole('img', { name: 'Grades per theme' });
    assert.equal(await chart.count(), 1, 'the chart is an image with a name');
    const heatmap = page.getByRole('table', { name: /Self-assessed grades by agency and theme/ });
    assert.match(await heatmap.innerText(), /Northshire Constabulary\s+Amber/);
    await expectAxeClean(page, 'the results page');

    await page.getByLabel('Grades in the heatmap').selectOption('difference');
    await page.getByLabel('Sector').selectOption('police');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/sector=police/);
    assert.match(await page.locator('body').innerText(), /1 of 9 invited agencies \(filtered: Police\)/);
    assert.match(
      await page.getByRole('table', { name: /Difference/ }).innerText(),
      /Lower by 1: Amber to Red/,
    );
    const details = page.locator('details').filter({ hasText: 'Each agency’s deadline and submission' });
    await details.locator('summary').click();
    await expectAxeClean(page, 'the results page, filtered, showing the difference');
  });

  it('the filters work with JavaScript off', async () => {
    const page = await (await h.context({ javaScript: false })).newPage();
    await h.signIn(page, REVIEWER);
    await page.goto(`/cycles/${h.t.ids.cycleId}/results`);
    await page.getByLabel('Statutory or voluntary').selectOption('voluntary');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/basis=voluntary/);
    assert.match(
      await page.locator('main').innerText(),
      /1 of 9 invited agencies \(filtered: taking part voluntarily\)/,
    );
  });

  it('a reviewer reads the findings report, which an admin has written', async () => {
    const admin = await (await h.context({ javaScript: true })).newPage();
    await h.signIn(admin, ADMIN);
    await admin.goto(`/cycles/${h.t.ids.cycleId}/report`);
    await admin.getByRole('link', { name: 'Edit the report' }).click();
    await expectAxeClean(admin, 'the report’s edit page');
    await admin.getByLabel('Recommendations').fill('Chase late returns earlier next time.');
    await admin.getByRole('button', { name: 'Save the report' }).click();
    await admin.waitForURL(/\/report\?done=saved/);
    await admin.getByRole('link', { name: 'Choose good practice to quote' }).click();
    await admin.getByLabel(/Monthly briefings keep every team up to date/).check();
    await admin.getByRole('button', { name: 'Save the quotes for this theme' }).click();
    await admin.waitForURL(/done=saved/);
    await expectAxeClean(admin, 'the good practice page');
    await admin.goto(`/cycles/${h.t.ids.cycleId}/report/finalise`);
    await admin.getByRole('button', { name: 'Make the report final' }).click();
    assert.match(await admin.locator('.govuk-error-summary').innerText(), /Confirm that the report is ready/);
    await expectAxeClean(admin, 'the finalise page with an error');

    const page = await (await h.context({ javaScript: true })).newPage();
    await h.signIn(page, REVIEWER);
    await page.goto(`/cycles/${h.t.ids.cycleId}/results`);
    await page.getByRole('link', { name: 'Findings report' }).click();
    await page.waitForURL(/\/report$/);
    assert.match(await page.locator('h1').innerText(), /^Findings report: /);
    const text = await page.locator('main').innerText();
    assert.match(text, /2 of 9 agencies invited/);
    assert.match(text, /Chase late returns earlier next time\./);
    assert.match(text, /Monthly briefings keep every team up to date\./, 'the quoted good practice');
    assert.equal(await page.getByRole('link', { name: 'Edit the report' }).count(), 0, 'reviewers only read');
    await expectAxeClean(page, 'the findings report');
  });
});
