/**
 * The theme page's document controls in a browser (issue 14, item 7): attach a file to a question
 * (what was typed beside it comes back), see it listed, remove it, undo — with JavaScript and without;
 * axe-core (which needs JavaScript to run) clean in each state.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { questionDocuments } from '../src/db/schema.ts';
import type { ThemeInfo } from '../src/features/returns/return-structure.ts';
import { themesFor } from '../test/helpers/return-fixtures.ts';
import { type BrowserHarness, expectAxeClean, skipBrowser, startBrowserHarness } from './helpers/browser.ts';

const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

describe('documents on a theme page, in a browser', { skip: skipBrowser }, () => {
  let h: BrowserHarness;
  let theme: ThemeInfo;
  let url: string;

  before(async () => {
    h = await startBrowserHarness();
    theme = (await themesFor(h.t, 'council')).find((x) => x.key === 'safer-recruitment')!;
    url = `/returns/${h.t.ids.returnIds.council}/themes/${theme.id}`;
  });
  beforeEach(async () => {
    await h.t.database.db.delete(questionDocuments);
  });
  after(async () => h?.close());

  for (const javaScript of [true, false])
    it(`attaches, lists, removes and puts back a document (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const page = await (await h.context({ javaScript })).newPage();
      const axeClean = (what: string) => (javaScript ? expectAxeClean(page, what) : Promise.resolve());
      await h.signIn(page, COUNCIL_LEAD);
      await page.goto(url);
      const comment = page.locator('textarea[name="q1-comment"]');
      await comment.fill('Typed before attaching');
      await page.locator('#q1-attach-document').setInputFiles({
        name: 'Recruitment policy.pdf',
        mimeType: 'application/pdf',
        buffer: PDF,
      });
      await page.getByRole('button', { name: 'Attach a document to question 1' }).click();
      const banner = page.locator('.govuk-notification-banner');
      await banner.getByText('Recruitment policy.pdf is attached').waitFor();
      const link = page.locator('#documents-1').getByRole('link', { name: 'Recruitment policy.pdf' });
      assert.equal(await link.count(), 1, 'listed under its question');
      assert.equal(await comment.inputValue(), 'Typed before attaching', 'what was typed comes back');
      await axeClean('the theme page with a document attached');

      await page.getByRole('button', { name: 'Remove Recruitment policy.pdf' }).click();
      await banner.getByText('Recruitment policy.pdf has been removed').waitFor();
      assert.equal(await link.count(), 0, 'no longer listed');
      const [removed] = await h.t.database.db.select().from(questionDocuments);
      assert.ok(removed?.removedAt, 'removed, and kept to be put back');
      await axeClean('the theme page after removing a document, with “Undo”');

      await page.getByRole('button', { name: 'Undo removing Recruitment policy.pdf' }).click();
      await banner.getByText('Recruitment policy.pdf has been put back').waitFor();
      assert.equal(await link.count(), 1, 'listed again');
      assert.equal(await comment.inputValue(), 'Typed before attaching', 'still there, not saved yet');
      const [back] = await h.t.database.db
        .select()
        .from(questionDocuments)
        .where(eq(questionDocuments.id, removed!.id));
      assert.equal(back?.removedAt, null);
      await axeClean('the theme page after putting a document back');
    });
});
