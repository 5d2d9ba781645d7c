import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type BrowserHarness,
  completeRemainingThemes,
  completeTheme,
  expectAxeClean,
  fillNewAudit,
  giveReturnDetails,
  monitoringStatus,
  signOffAndSubmit,
  skipBrowser,
  startBrowserHarness,
} from './helpers/browser.ts';

const ADMIN = 'business.manager@nrscp.example';
const YJS_LEAD = 'manager@riverside-yjs.example';
const YJS = 'Riverside Youth Justice Service';
const AUDIT = 'Section 11 audit 2027 (browser)';

describe('in a browser: the partnership runs an audit', { skip: skipBrowser }, () => {
  let h: BrowserHarness;
  before(async () => {
    h = await startBrowserHarness();
  });
  after(async () => h?.close());

  it('an admin sets up an audit, its agencies are invited, and a return goes from not started to submitted', async () => {
    const admin = await (await h.context({ javaScript: true })).newPage();
    await h.signIn(admin, ADMIN);
    await admin.getByRole('link', { name: /^Set up a new audit/ }).click();
    await fillNewAudit(admin, AUDIT);
    await expectAxeClean(admin, 'new audit form, filled in');
    await admin.getByRole('button', { name: 'Set up audit' }).click();
    await admin.waitForURL(/\/cycles\/[0-9a-f-]+\?done=created/);
    await expectAxeClean(admin, 'the new audit’s monitoring page');
    const monitoring = admin.url().split('?')[0]!;
    assert.match(await admin.locator('h1').innerText(), new RegExp(AUDIT.replace(/[()]/g, '\\$&')));
    assert.equal(await monitoringStatus(admin, YJS), 'Not started');

    // The agency lead was invited by email, and finds the audit among their returns.
    const lead = await (await h.context({ javaScript: true })).newPage();
    await lead.goto('/dev/mail');
    assert.ok(
      (await lead.locator('tbody tr').filter({ hasText: YJS_LEAD }).allInnerTexts()).some((r) =>
        r.includes(AUDIT),
      ),
      'the agency lead is emailed an invitation',
    );
    await h.signIn(lead, YJS_LEAD);
    await lead.goto('/returns');
    await lead.getByRole('link', { name: new RegExp(AUDIT.replace(/[()]/g, '\\$&')) }).click();
    await expectAxeClean(lead, 'the new return’s task list');
    const taskList = lead.url();
    await giveReturnDetails(lead, { name: 'Aisha Khan', role: 'Head of Service', email: YJS_LEAD });
    await completeTheme(lead);

    await admin.goto(monitoring);
    assert.equal(await monitoringStatus(admin, YJS), 'In progress');
    await expectAxeClean(admin, 'monitoring with a return in progress');

    await completeRemainingThemes(lead, taskList);
    await signOffAndSubmit(lead, { name: 'Jo Marsh', day: '23' });

    await admin.goto(monitoring);
    assert.equal(await monitoringStatus(admin, YJS), 'Submitted');
    await expectAxeClean(admin, 'monitoring with a submitted return');
    // The partnership opens the submitted return, read-only, with its records.
    await admin.locator('tbody tr').filter({ hasText: YJS }).getByRole('link').first().click();
    await admin.waitForURL(/\/returns\/[0-9a-f-]+/);
    await expectAxeClean(admin, 'the submitted return, as the partnership sees it');
    assert.equal(await admin.getByRole('button', { name: 'Submit return' }).count(), 0);
  });
});
