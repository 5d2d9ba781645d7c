import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { answers } from '../src/db/schema.ts';
import type { ThemeInfo } from '../src/features/returns/return-structure.ts';
import { themesFor } from '../test/helpers/return-fixtures.ts';
import { type BrowserHarness, expectAxeClean, skipBrowser, startBrowserHarness } from './helpers/browser.ts';

const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';
const CONTRIBUTOR = 'hr.adviser@northshire-council.example';

describe('two people on one theme page, in a browser', { skip: skipBrowser }, () => {
  let h: BrowserHarness;
  let theme: ThemeInfo;
  let url: string;

  before(async () => {
    h = await startBrowserHarness();
    theme = (await themesFor(h.t, 'council')).find((x) => x.key === 'safer-recruitment')!;
    url = `/returns/${h.t.ids.returnIds.council}/themes/${theme.id}`;
  });
  after(async () => h?.close());

  it('shows the conflict page, accessible, and saves the choice', async () => {
    const leadPage = await (await h.context({ javaScript: true })).newPage();
    const contributorPage = await (await h.context({ javaScript: true })).newPage();
    await h.signIn(leadPage, COUNCIL_LEAD);
    await h.signIn(contributorPage, CONTRIBUTOR);
    await leadPage.goto(url);
    await contributorPage.goto(url);

    const comment = (page: typeof leadPage) => page.locator('textarea[name="q1-comment"]');
    await comment(leadPage).fill('The lead’s comment');
    await leadPage.getByRole('button', { name: 'Save and continue', exact: true }).click();
    await leadPage.waitForLoadState('load');

    await comment(contributorPage).fill('The contributor’s comment');
    await contributorPage.getByRole('button', { name: 'Save and continue', exact: true }).click();
    await contributorPage
      .getByRole('heading', { name: 'Someone else changed this while you were editing it' })
      .waitFor();
    await expectAxeClean(contributorPage, 'the conflict page');

    // Sent without a choice: the error summary links to the question.
    await contributorPage.getByRole('button', { name: 'Save my choices' }).click();
    await contributorPage.locator('.govuk-error-summary').waitFor();
    await expectAxeClean(contributorPage, 'the conflict page with its error');

    const group = contributorPage.getByRole('group', { name: 'Question 1: comments' });
    await group.getByLabel('Use your version').check();
    await contributorPage.getByRole('button', { name: 'Save my choices' }).click();
    await contributorPage.waitForLoadState('load');
    assert.doesNotMatch(await contributorPage.title(), /Someone else changed/);

    const q1 = theme.questions.find((q) => q.number === 1)!;
    const [row] = await h.t.database.db
      .select({ comment: answers.comment })
      .from(answers)
      .where(and(eq(answers.returnId, h.t.ids.returnIds.council!), eq(answers.questionId, q1.id)));
    assert.equal(row?.comment, 'The contributor’s comment');
  });
});
