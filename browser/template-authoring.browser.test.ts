import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type BrowserHarness, expectAxeClean, skipBrowser, startBrowserHarness } from './helpers/browser.ts';

const ADMIN = 'business.manager@nrscp.example';
const TEMPLATE = 'Early help self-assessment';
const AUDIT = 'Early help audit 2027';

async function expectErrors(page: Page, what: string) {
  await page.locator('.govuk-error-summary').waitFor();
  assert.match(await page.title(), /^Error: /, `${what}: the title says there is an error`);
  await expectAxeClean(page, `${what} with errors`);
}

describe('in a browser: an admin writes a template, previews, publishes and uses it', {
  skip: skipBrowser,
}, () => {
  let h: BrowserHarness;
  before(async () => {
    h = await startBrowserHarness();
  });
  after(async () => h?.close());

  it('builds a template of one theme and two questions, previews it, publishes it and starts an audit on it', async () => {
    const page = await (await h.context({ javaScript: true })).newPage();
    await h.signIn(page, ADMIN);
    const p = `/partnerships/${h.t.ids.partnershipId}`;
    // Templates are in the service navigation.
    await page.goto('/');
    await page.locator('.govuk-service-navigation').getByRole('link', { name: 'Templates' }).click();
    await page.waitForURL(/\/templates$/);
    await page.getByRole('button', { name: 'Create a template' }).click();
    await page.waitForURL(/\/templates\/new$/);
    await expectAxeClean(page, 'new template form');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await expectErrors(page, 'new template form');
    await page.getByLabel('Name').fill(TEMPLATE);
    await page.getByLabel('Description (optional)').fill('For early help and family support services');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForURL(/\/edit\?done=created/);
    await expectAxeClean(page, 'the new draft');

    await page.getByRole('link', { name: 'Change details and grades' }).click();
    await expectAxeClean(page, 'details and grades form');
    await page.getByLabel('What Red means').fill('Not in place');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/edit\?done=saved/);

    await page.getByRole('button', { name: 'Add a theme' }).click();
    await expectAxeClean(page, 'new theme form');
    await page.getByRole('button', { name: 'Add theme' }).click();
    await expectErrors(page, 'new theme form');
    await page.getByLabel('Title').fill('Working with families');
    await page.getByLabel('Guidance (optional)').fill('How the service works with the whole family.');
    await page.getByLabel('Riverside').check();
    await page.getByRole('button', { name: 'Add theme' }).click();
    await page.waitForURL(/\/themes\/[0-9a-f-]+\?done=theme-added/);
    await expectAxeClean(page, 'the new theme');

    await page.getByRole('button', { name: 'Add a question' }).click();
    await expectAxeClean(page, 'new question form');
    await page.getByRole('button', { name: 'Add question' }).click();
    await expectErrors(page, 'new question form');
    await page.getByLabel('Question or statement').fill('We have an early help lead');
    await page.getByLabel('Yes / No / N/A').check();
    await page.getByRole('button', { name: 'Add question' }).click();
    await page.waitForURL(/\?done=question-added/);

    await page.getByRole('button', { name: 'Add a question' }).click();
    await page.getByLabel('Question or statement').fill('The lead has had training this year');
    await page.getByLabel('Not met / Partly met / Fully met / N/A').check();
    await page.getByLabel('No, optional').check();
    await page.getByLabel('Only when question 1 has certain answers').check();
    await page.getByRole('group', { name: 'Show it when question 1 is' }).getByLabel('Yes').check();
    await expectAxeClean(page, 'a conditional question, filled in');
    await page.getByRole('button', { name: 'Add question' }).click();
    await page.waitForURL(/\?done=question-added/);
    assert.match(await page.locator('main').innerText(), /Only when question 1 is Yes/);
    await expectAxeClean(page, 'the theme with two questions');

    await page.getByRole('link', { name: 'Preview this theme as agencies will see it' }).click();
    await expectAxeClean(page, 'the theme preview');
    const preview = await page.locator('main').innerText();
    assert.match(preview, /We have an early help lead/);
    assert.match(preview, /You can try the answers, but nothing is saved here/);
    assert.equal(await page.locator('main form').count(), 0, 'the preview has nothing to submit');
    // The radios agencies answer with; the conditional question appears when its answer is chosen.
    const first = page.getByRole('group', { name: '1. We have an early help lead' });
    const second = page.getByRole('group', { name: '2. The lead has had training this year (optional)' });
    assert.equal(await first.getByRole('radio').count(), 3);
    assert.equal(await second.isVisible(), false, 'hidden until question 1 is Yes');
    await first.getByLabel('Yes').check();
    await second.waitFor({ state: 'visible' });
    assert.match(await page.locator('main').innerText(), /The lead has had training this year/);
    assert.equal(await second.getByRole('radio').count(), 4);
    await second.getByLabel('Not met').check();
    assert.ok(await page.getByLabel('Area for development for question 2').isVisible());
    await expectAxeClean(page, 'the theme preview, answered');

    await page.getByRole('link', { name: 'Back to the theme' }).click();
    await page.getByRole('link', { name: 'Back to the draft' }).click();
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.waitForURL(/\/versions\/[0-9a-f-]+$/);
    assert.match(await page.locator('main').innerText(), /Published/);
    await expectAxeClean(page, 'the published version');

    await page.goto(`${p}/cycles/new`);
    await page.locator('input[name="name"]').fill(AUDIT);
    await page.getByLabel(`${TEMPLATE}, version 1`).check();
    await page.locator('input[name="kind"][value="annual"]').check();
    await page.locator('input[name="opens-day"]').fill('1');
    await page.locator('input[name="opens-month"]').fill('2');
    await page.locator('input[name="opens-year"]').fill('2027');
    await page.locator('input[name="opensTime"]').fill('9am');
    await page.locator('input[name="closes-day"]').fill('31');
    await page.locator('input[name="closes-month"]').fill('3');
    await page.locator('input[name="closes-year"]').fill('2027');
    await page.locator('input[name="closesTime"]').fill('5pm');
    for (const box of await page.locator('input[name="localities"]').all()) await box.check();
    await page.locator('input[name="invite"][value="all"]').check();
    await expectAxeClean(page, 'new audit form on the new template');
    await page.getByRole('button', { name: 'Set up audit' }).click();
    await page.waitForURL(/\/cycles\/[0-9a-f-]+\?done=created/);
    assert.match(await page.locator('h1').innerText(), new RegExp(AUDIT));
    await expectAxeClean(page, 'the new audit');
  });
});
