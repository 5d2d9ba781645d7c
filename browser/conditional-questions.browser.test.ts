import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { QuestionInfo, ThemeInfo } from '../src/features/returns/return-structure.ts';
import { type EveryScaleAudit, setUpEveryScaleAudit } from '../test/helpers/every-scale.ts';
import { type BrowserHarness, expectAxeClean, skipBrowser, startBrowserHarness } from './helpers/browser.ts';

const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';

describe('conditional questions and every response scale, in a browser', { skip: skipBrowser }, () => {
  let h: BrowserHarness;
  let audit: EveryScaleAudit;
  let theme: ThemeInfo;
  let url: string;
  const q = (key: string): QuestionInfo => theme.questions.find((x) => x.key === key)!;
  const question = (page: Page, key: string) => page.locator(`#question-${q(key).number}`);
  const response = (page: Page, key: string, value: string) =>
    page.locator(`input[name="q${q(key).number}-response"][value="${value}"]`);

  before(async () => {
    h = await startBrowserHarness();
    audit = await setUpEveryScaleAudit(h.t);
    theme = audit.themes[0]!;
    url = `/returns/${audit.returnIds.council}/themes/${theme.id}`;
  });
  after(async () => h?.close());

  it('with JavaScript, shows and hides a conditional question as its answer changes', async () => {
    const context = await h.context({ javaScript: true });
    const page = await context.newPage();
    await h.signIn(page, COUNCIL_LEAD);
    await page.goto(url);
    await expectAxeClean(page, 'a theme page with every response scale');

    assert.equal(await question(page, 'lead-trained').isVisible(), false, 'hidden until Yes');
    await response(page, 'named-lead', 'yes').check();
    assert.equal(await question(page, 'lead-trained').isVisible(), true, 'shown at once');
    await response(page, 'named-lead', 'no').check();
    assert.equal(await question(page, 'lead-trained').isVisible(), false, 'hidden again');

    // A choose_many answer: any chosen answer in the condition shows the question.
    assert.equal(await question(page, 'training-gaps').isVisible(), false);
    await response(page, 'training-offered', 'induction').check();
    assert.equal(await question(page, 'training-gaps').isVisible(), false);
    await response(page, 'training-offered', 'none').check();
    assert.equal(await question(page, 'training-gaps').isVisible(), true);

    // The area for development appears for an answer that generates an action, on every scale.
    const action = (key: string) => page.locator(`[data-app-reveal-for="q${q(key).number}-response"]`);
    assert.equal(await action('audit-frequency').isVisible(), false);
    await response(page, 'audit-frequency', 'yearly').check();
    assert.equal(await action('audit-frequency').isVisible(), true);
    assert.equal(await action('training-offered').isVisible(), true, 'None generates an action');
    await response(page, 'training-offered', 'none').uncheck();
    assert.equal(await action('training-offered').isVisible(), false);

    await response(page, 'named-lead', 'yes').check();
    await response(page, 'lead-trained', 'yes').check();
    await expectAxeClean(page, 'the theme page with its conditional questions shown');

    // Saved with "Save and continue later", the shown question keeps its answer.
    await page.getByRole('button', { name: 'Save and continue later' }).click();
    await page.waitForURL(/\/saved/);
    await page.goto(url);
    assert.equal(await question(page, 'lead-trained').isVisible(), true);
    assert.equal(await response(page, 'lead-trained', 'yes').isChecked(), true);
  });

  it('without JavaScript, the question appears after “Save and continue”', async () => {
    const context = await h.context({ javaScript: false });
    const page = await context.newPage();
    await h.signIn(page, COUNCIL_LEAD);
    await page.goto(url);
    await response(page, 'named-lead', 'no').check();
    await page.getByRole('button', { name: 'Save and continue', exact: true }).click();
    await page.waitForLoadState('load');
    await page.goto(url);
    assert.equal(await question(page, 'lead-trained').isVisible(), false, 'hidden after saving No');
    await response(page, 'named-lead', 'yes').check();
    assert.equal(await question(page, 'lead-trained').isVisible(), false, 'no script: not shown yet');
    await page.getByRole('button', { name: 'Save and continue', exact: true }).click();
    await page.waitForURL(new RegExp(`/themes/${theme.id}#question-${q('lead-trained').number}$`));
    assert.equal(await question(page, 'lead-trained').isVisible(), true, 'shown after saving Yes');
    // (axe-core needs JavaScript: the same page is checked with it in the test above.)
  });
});
