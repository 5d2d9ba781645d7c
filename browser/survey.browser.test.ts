import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type BrowserHarness, expectAxeClean, skipBrowser, startBrowserHarness } from './helpers/browser.ts';

const ADMIN = 'business.manager@nrscp.example';
const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';
const COUNCIL = 'Northshire County Council Children’s Services';

/** Chooses `answer` for every statement on the survey page, as a keyboard or mouse user would. */
async function chooseAll(page: Page, answer: string): Promise<number> {
  const radios = await page.locator(`input[type="radio"][value="${answer}"]`).all();
  for (const radio of radios) await radio.check();
  return radios.length;
}

describe('in a browser: the staff survey', { skip: skipBrowser }, () => {
  let h: BrowserHarness;
  let link = '';
  before(async () => {
    h = await startBrowserHarness();
  });
  after(async () => h?.close());

  it('a partnership admin switches the survey on and finds each agency’s link', async () => {
    const admin = await (await h.context({ javaScript: true })).newPage();
    await h.signIn(admin, ADMIN);
    await admin.goto(`/cycles/${h.t.ids.cycleId}`);
    await admin.getByRole('link', { name: 'Staff survey: set-up, links and results' }).click();
    await expectAxeClean(admin, 'staff survey, not set up');
    await admin.getByRole('link', { name: 'Set up a staff survey' }).click();
    await expectAxeClean(admin, 'staff survey settings');
    assert.match(
      await admin.locator('textarea').first().inputValue(),
      /Senior leaders in my organisation make it clear/,
    );
    await admin.locator('input[name="enabled"][value="yes"]').check();
    await admin.getByRole('button', { name: 'Save the staff survey' }).click();
    await admin.waitForURL(/\/survey\?done=saved$/);
    await expectAxeClean(admin, 'staff survey with its links');
    const row = admin.locator('#survey-agencies tbody tr').filter({ hasText: COUNCIL });
    const url = await row.locator('input.app-survey-link').inputValue();
    link = new URL(url).pathname;
    assert.match(link, /^\/survey\/[A-Za-z0-9_-]{43}$/);
  });

  /** A member of staff answers: first with half the statements missing, then in full. */
  async function answerWithAMistake(page: Page, axe: boolean): Promise<void> {
    await page.goto(link);
    if (axe) await expectAxeClean(page, 'staff survey form');
    assert.match(await page.locator('h1').innerText(), /Staff survey on safeguarding children/);
    // One statement answered, then sent: every unanswered one is named, and nothing is lost.
    const statements = await page.locator('.govuk-radios').count();
    await page.locator('input[type="radio"][value="strongly_agree"]').first().check();
    await page.locator('textarea[name="comment"]').fill('Supervision is hard to get in school holidays.');
    await page.getByRole('button', { name: 'Send your answers' }).click();
    if (axe) await expectAxeClean(page, 'staff survey form with errors');
    const summary = page.locator('.govuk-error-summary');
    assert.equal(await summary.locator('li').count(), statements - 1);
    assert.equal(await page.locator('input[type="radio"][value="strongly_agree"]').first().isChecked(), true);
    assert.equal(
      await page.locator('textarea[name="comment"]').inputValue(),
      'Supervision is hard to get in school holidays.',
    );
    // The error summary's links lead to the statement's radios.
    const href = await summary.locator('a').first().getAttribute('href');
    assert.ok(href && (await page.locator(href).count()) === 1, 'the first error links to its radios');
    await chooseAll(page, 'agree');
    await page.getByRole('button', { name: 'Send your answers' }).click();
    await page.waitForURL(/\/sent$/);
    assert.match(await page.locator('.govuk-panel').innerText(), /Your answers have been sent/);
    if (axe) await expectAxeClean(page, 'staff survey confirmation');
  }

  it('a member of staff answers: every page passes axe-core, errors keep their choices, and no cookie is set', async () => {
    const context = await h.context({ javaScript: true });
    await answerWithAMistake(await context.newPage(), true);
    assert.deepEqual(await context.cookies(), [], 'the survey sets no cookie');
  });

  it('a member of staff answers with JavaScript off', async () => {
    const context = await h.context({ javaScript: false });
    await answerWithAMistake(await context.newPage(), false);
    assert.deepEqual(await context.cookies(), []);
  });

  it('three more staff answer; results appear for the partnership and the agency lead', async () => {
    for (let i = 0; i < 3; i++) {
      const staff = await (await h.context({ javaScript: true })).newPage();
      await staff.goto(link);
      assert.ok((await chooseAll(staff, i === 0 ? 'agree' : 'disagree')) > 0);
      await staff.getByRole('button', { name: 'Send your answers' }).click();
      await staff.waitForURL(/\/sent$/);
    }
    const admin = await (await h.context({ javaScript: true })).newPage();
    await h.signIn(admin, ADMIN);
    await admin.goto(`/cycles/${h.t.ids.cycleId}/survey`);
    await admin.getByRole('link', { name: `See results for ${COUNCIL}` }).click();
    assert.match(await admin.locator('#survey-themes').innerText(), /60%/);
    assert.match(await admin.locator('#survey-comments').innerText(), /school holidays/);
    await expectAxeClean(admin, 'an agency’s staff survey results');

    const lead = await (await h.context({ javaScript: true })).newPage();
    await h.signIn(lead, COUNCIL_LEAD);
    await lead.goto(`/returns/${h.t.ids.returnIds.council}`);
    assert.equal(await lead.locator('#survey-link').inputValue(), `http://localhost:3000${link}`);
    await expectAxeClean(lead, 'the return’s task list with the staff survey link');
    await lead.getByRole('link', { name: 'See the results, or replace the link' }).click();
    assert.equal(await lead.locator('#survey-link').inputValue(), `http://localhost:3000${link}`);
    assert.equal(await lead.locator('#survey-comments').count(), 0);
    await expectAxeClean(lead, 'the agency lead’s staff survey page');
  });
});
