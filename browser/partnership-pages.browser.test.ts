import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type BrowserHarness, expectAxeClean, skipBrowser, startBrowserHarness } from './helpers/browser.ts';

const ADMIN = 'business.manager@nrscp.example';
const PLATFORM_ADMIN = 'service.desk@section11-hosting.example';
const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';
const CONTRIBUTOR = 'hr.adviser@northshire-council.example';

/** Submits the page's form as it is (empty or as filled in) and checks the GOV.UK error summary. */
async function submitForErrors(page: Page, button: string | RegExp, what: string): Promise<void> {
  await page.getByRole('button', { name: button }).first().click();
  await page.locator('.govuk-error-summary').waitFor();
  assert.match(await page.title(), /^Error: /, `${what}: the title says there is an error`);
  await expectAxeClean(page, `${what} with errors`);
}

describe('in a browser: every page added for partnerships and agencies', { skip: skipBrowser }, () => {
  let h: BrowserHarness;
  before(async () => {
    h = await startBrowserHarness();
  });
  after(async () => h?.close());

  it('a partnership admin’s settings, inbox, guidance, templates, import, requests and audit pages pass axe-core', async () => {
    const page = await (await h.context({ javaScript: true })).newPage();
    await h.signIn(page, ADMIN);
    const p = `/partnerships/${h.t.ids.partnershipId}`;
    for (const path of ['/settings', '/settings/branding', '/settings/localities/new', '/join-requests']) {
      await page.goto(`${p}${path}`);
      await expectAxeClean(page, path);
    }
    await page.goto(`${p}/settings/details`);
    await page.locator('input[name="name"]').fill('');
    await submitForErrors(page, /save/i, 'partnership details');
    await page.goto(`${p}/settings/branding`);
    await page.locator('input[name="headerColour"]').fill('#ffdd00');
    await submitForErrors(page, /colour/i, 'header colour');

    await page.goto(`${p}/enquiries`);
    await expectAxeClean(page, 'enquiries inbox');
    await page.locator('main a[href*="/enquiries/"]').first().click();
    await expectAxeClean(page, 'an enquiry thread');
    await page.locator('textarea').first().fill('');
    await submitForErrors(page, /reply/i, 'an enquiry reply');

    for (const kind of ['guidance', 'faq']) {
      await page.goto(`${p}/${kind}`);
      await expectAxeClean(page, kind);
      await page.goto(`${p}/${kind}/edit`);
      await expectAxeClean(page, `${kind} editor`);
    }

    await page.goto(`${p}/templates`);
    await expectAxeClean(page, 'templates');
    await submitForErrors(page, 'Import as a draft', 'template import without a file');
    await page.goto(`${p}/templates`);
    await page.locator('main a[href*="/templates/versions/"]').first().click();
    await expectAxeClean(page, 'a template version');

    await page.goto(`${p}/agencies/import`);
    await expectAxeClean(page, 'agency import');
    await submitForErrors(page, 'Upload and check', 'agency import without a file');

    await page.goto('/');
    await page.locator('main h2 a[href^="/cycles/"]').first().click();
    const cycle = page.url().split('?')[0]!;
    for (const path of ['/change', '/reminder-schedule']) {
      await page.goto(`${cycle}${path}`);
      await expectAxeClean(page, `audit ${path}`);
    }
    await page.locator('input[name="name"]').count(); // the reminder page has no name field
    await page.goto(`${cycle}/change`);
    await page.locator('input[name="name"]').fill('');
    await submitForErrors(page, /save|change/i, 'changing an audit');
  });

  it('the platform admin’s pages, the public request form, and the agency’s enquiries and assignments pass axe-core', async () => {
    const platform = await (await h.context({ javaScript: true })).newPage();
    await h.signIn(platform, PLATFORM_ADMIN);
    await platform.goto('/platform/partnerships');
    await expectAxeClean(platform, 'partnerships');
    await platform.goto('/platform/partnerships/new');
    await expectAxeClean(platform, 'new partnership');
    await submitForErrors(platform, /create|set up|add/i, 'new partnership');

    const visitor = await (await h.context({ javaScript: true })).newPage();
    await visitor.goto('/join');
    await expectAxeClean(visitor, 'join: choose a partnership');
    await visitor.goto(`/join/${h.t.ids.partnershipId}`);
    await expectAxeClean(visitor, 'join request form');
    await submitForErrors(visitor, /send|submit|request/i, 'join request form');

    const lead = await (await h.context({ javaScript: true })).newPage();
    await h.signIn(lead, COUNCIL_LEAD);
    await lead.goto('/enquiries');
    await expectAxeClean(lead, 'agency enquiries');
    await lead.goto('/enquiries/new');
    await expectAxeClean(lead, 'new enquiry');
    await submitForErrors(lead, /send/i, 'new enquiry');
    await lead.goto('/guidance');
    await expectAxeClean(lead, 'guidance list');
    const assignments = `/returns/${h.t.ids.returnIds.council}/assignments`;
    await lead.goto(assignments);
    await expectAxeClean(lead, 'who is doing what');
    await lead.locator('main a[href*="/assignments/"]').first().click();
    await expectAxeClean(lead, 'assigning a theme');

    const contributor = await (await h.context({ javaScript: true })).newPage();
    await h.signIn(contributor, CONTRIBUTOR);
    await contributor.goto(`/returns/${h.t.ids.returnIds.council}`);
    await expectAxeClean(contributor, 'a contributor’s task list');
    assert.match(await contributor.locator('main').innerText(), /Your themes/);
  });
});
