import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { templateVersions } from '../src/db/schema.ts';
import { findVersion, importDraft } from '../src/features/templates/template-versions.repository.ts';
import { addOtherPartnership } from '../test/helpers/other-partnership.ts';
import { type BrowserHarness, expectAxeClean, skipBrowser, startBrowserHarness } from './helpers/browser.ts';

const ADMIN = 'business.manager@nrscp.example';

async function submitForErrors(page: Page, button: string, what: string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.locator('.govuk-error-summary').waitFor();
  assert.match(await page.title(), /^Error: /, `${what}: the title says there is an error`);
  await expectAxeClean(page, `${what} with errors`);
}

describe('in a browser: the template library, comparison, sharing and workbook pages', {
  skip: skipBrowser,
}, () => {
  let h: BrowserHarness;
  before(async () => {
    h = await startBrowserHarness();
  });
  after(async () => h?.close());

  it('pass axe-core, with and without errors', async () => {
    const db = h.t.database.db;
    const p = `/partnerships/${h.t.ids.partnershipId}/templates`;
    // A second version with changes, to compare; and another partnership to share with.
    const [v1] = await db
      .select({ id: templateVersions.id })
      .from(templateVersions)
      .where(eq(templateVersions.partnershipId, h.t.ids.partnershipId));
    const definition = structuredClone((await findVersion(db, h.t.ids.partnershipId, v1!.id))!.definition);
    definition.themes[0]!.questions[0]!.text = 'Is a board member named as the safeguarding lead?';
    definition.themes[1]!.questions.push(definition.themes[0]!.questions.pop()!);
    definition.themes.pop();
    const v2 = await importDraft(db, h.t.ids.partnershipId, definition, h.t.clock.now());
    assert.ok('versionId' in v2);
    await addOtherPartnership(h.t, { slug: 'neighbours' });

    const page = await (await h.context({ javaScript: true })).newPage();
    await h.signIn(page, ADMIN);

    await page.goto(`${p}/versions/${v2.versionId}/compare`);
    assert.match(await page.locator('h1').innerText(), /Version 2 compared with version 1/);
    await expectAxeClean(page, 'comparing two versions');

    await page.goto(p);
    await submitForErrors(page, 'Import workbook as a draft', 'workbook import without a file');

    await page.goto(`${p}/library`);
    await expectAxeClean(page, 'template library');
    await page.getByRole('link', { name: /View and adopt.*schools and colleges/i }).click();
    await expectAxeClean(page, 'a built-in template');
    await page.locator('input[name="name"]').fill('');
    await submitForErrors(page, 'Adopt template', 'adopting without a name');
    await page.locator('input[name="name"]').fill('Schools 2027');
    await page.getByLabel('Published').check();
    await page.getByRole('button', { name: 'Adopt template' }).click();
    await page.locator('h1', { hasText: 'Schools 2027, version 1' }).waitFor();
    await expectAxeClean(page, 'an adopted template');

    await page.getByRole('link', { name: 'Share with other partnerships' }).click();
    await expectAxeClean(page, 'sharing a template');
    await page.getByLabel('Chosen partnerships only').check();
    await submitForErrors(page, 'Share', 'sharing with no partnership chosen');
    await page.getByLabel('Partnership neighbours').check();
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await page.locator('text=Shared with Partnership neighbours').waitFor();
    await expectAxeClean(page, 'a shared version');
  });
});
