/**
 * Issue 15 in a browser, from the interface alone: a new partnership shares the demo partnership's
 * police force and runs a joint audit with it that both see, in which the police complete one return
 * both receive; and a voluntary organisation approved late is added to the open audit and sees its
 * return. axe-core checks every page on the way.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  type BrowserHarness,
  completeRemainingThemes,
  createPartnership,
  expectAxeClean,
  fillNewAudit,
  giveReturnDetails,
  monitoringStatus,
  signOffAndSubmit,
  skipBrowser,
  startBrowserHarness,
} from './helpers/browser.ts';

const PLATFORM_ADMIN = 'service.desk@section11-hosting.example';
const ADMIN = 'business.manager@nrscp.example';
const WESTVALE_ADMIN = 'manager@westvale.example';
const POLICE_LEAD = 'public.protection@northshire-police.example';
const POLICE = 'Northshire Constabulary';
const JOINT_AUDIT = 'Westvale and Northshire joint audit 2027';

describe('in a browser: agencies shared between partnerships', { skip: skipBrowser }, () => {
  let h: BrowserHarness;
  before(async () => {
    h = await startBrowserHarness();
  });
  after(async () => h?.close());

  it('two partnerships share an agency and run a joint audit that both see and both receive', async () => {
    // The platform admin sets up a neighbouring partnership.
    const platform = await (await h.context()).newPage();
    await h.signIn(platform, PLATFORM_ADMIN);
    await createPartnership(platform, {
      name: 'Westvale Safeguarding Children Partnership',
      shortName: 'westvale',
      contactEmail: 'section11@westvale.example',
      locality: 'Westvale',
      adminName: 'Ruth Lee',
      adminEmail: WESTVALE_ADMIN,
    });

    // Its admin finds the police force of the demo partnership and asks to share it.
    const westvale = await (await h.context()).newPage();
    await h.signIn(westvale, WESTVALE_ADMIN);
    await westvale.goto('/');
    await westvale.getByRole('link', { name: 'Agencies', exact: true }).click();
    const westvaleAgencies = westvale.url();
    await westvale.getByRole('button', { name: 'Add an agency' }).click();
    await westvale.getByRole('link', { name: /already in a neighbouring partnership/ }).click();
    await expectAxeClean(westvale, 'find an agency');
    await westvale.getByLabel('Agency name or code').fill('constabulary');
    await westvale.getByRole('button', { name: 'Search' }).click();
    await expectAxeClean(westvale, 'search results');
    await westvale.getByRole('link', { name: new RegExp(`Ask to share ${POLICE}`) }).click();
    await expectAxeClean(westvale, 'ask to share');
    await westvale.getByRole('button', { name: 'Send request' }).click();
    await expectAxeClean(westvale, 'ask to share, with errors');
    await westvale.getByLabel('Westvale').check();
    await westvale.locator('input[name="leadContactEmail"]').fill('police.liaison@westvale.example');
    await westvale.getByRole('button', { name: 'Send request' }).click();
    await westvale.waitForURL(/agency-shares\/[0-9a-f-]+\?done=requested/);
    await expectAxeClean(westvale, 'the request sent');

    // The demo partnership's admin sees the request and accepts it.
    const admin = await (await h.context()).newPage();
    await h.signIn(admin, ADMIN);
    await admin.goto(`/partnerships/${h.t.ids.partnershipId}/agencies`);
    await admin.getByRole('link', { name: /Agencies shared with other partnerships \(1 waiting/ }).click();
    await expectAxeClean(admin, 'shared agencies');
    await admin.getByRole('link', { name: POLICE }).click();
    await expectAxeClean(admin, 'a request to answer');
    await admin.getByRole('button', { name: 'Accept request' }).click();
    await admin.waitForURL(/\?done=accepted/);
    await expectAxeClean(admin, 'the request accepted');

    await westvale.goto(westvaleAgencies);
    assert.match(await westvale.locator('main').innerText(), new RegExp(POLICE));

    // Westvale sets up an audit run jointly with the demo partnership.
    await westvale.goto('/');
    await westvale.getByRole('link', { name: /^Set up a new audit/ }).click();
    await fillNewAudit(westvale, JOINT_AUDIT);
    await westvale.getByLabel('Northshire and Riverside Safeguarding Children Partnership').check();
    await expectAxeClean(westvale, 'new joint audit form');
    await westvale.getByRole('button', { name: 'Set up audit' }).click();
    await westvale.waitForURL(/\/cycles\/[0-9a-f-]+\?done=created/);
    await expectAxeClean(westvale, 'the joint audit, as its lead sees it');
    const monitoring = westvale.url().split('?')[0]!;
    assert.match(await westvale.locator('main').innerText(), /Run jointly with Northshire and Riverside/);
    assert.equal(await monitoringStatus(westvale, POLICE), 'Not started');

    // The demo partnership sees it on its home page, with the police force's return.
    await admin.goto('/');
    await admin.getByRole('link', { name: JOINT_AUDIT }).click();
    await expectAxeClean(admin, 'the joint audit, as the partner sees it');
    assert.equal(admin.url().split('?')[0], monitoring);
    assert.equal(await monitoringStatus(admin, POLICE), 'Not started');

    // The police force completes one return, which both partnerships receive.
    const lead = await (await h.context()).newPage();
    await h.signIn(lead, POLICE_LEAD);
    await lead.goto('/returns');
    await lead.getByRole('link', { name: new RegExp(JOINT_AUDIT) }).click();
    await expectAxeClean(lead, 'the joint return’s task list');
    assert.match(await lead.locator('main').innerText(), /This is a joint audit/);
    const taskList = lead.url();
    await giveReturnDetails(lead, {
      name: 'Sarah Collins',
      role: 'Detective Chief Inspector',
      email: POLICE_LEAD,
    });
    await completeRemainingThemes(lead, taskList);
    await signOffAndSubmit(lead, { name: 'Chief Constable Amir Patel', day: '23' });

    for (const [page, who] of [
      [westvale, 'the lead'],
      [admin, 'the partner'],
    ] as const) {
      await page.goto(monitoring);
      assert.equal(await monitoringStatus(page, POLICE), 'Submitted', who);
    }
    await admin.locator('tbody tr').filter({ hasText: POLICE }).getByRole('link').first().click();
    await admin.waitForURL(/\/returns\/[0-9a-f-]+/);
    await expectAxeClean(admin, 'the joint return, as the partner reads it');
  });

  it('a voluntary organisation approved late is added to the open audit and sees its return', async () => {
    const contact = 'coordinator@riverside-sports.example';
    const visitor = await (await h.context()).newPage();
    await visitor.goto(`/join/${h.t.ids.partnershipId}`);
    await visitor.getByLabel('Organisation’s name').fill('Riverside Sports Club');
    await visitor.getByLabel('Voluntary, community or faith organisation').check();
    await visitor.getByLabel('Riverside').check();
    await visitor.getByLabel('Your full name').fill('Sam Rivers');
    await visitor.getByLabel('Your email address').fill(contact);
    await visitor.getByLabel('Why does your organisation want to take part?').fill('We coach 300 children.');
    await visitor.getByRole('button', { name: 'Send request' }).click();
    await visitor.waitForURL(/\/sent$/);

    const admin = await (await h.context()).newPage();
    await h.signIn(admin, ADMIN);
    await admin.goto(`/partnerships/${h.t.ids.partnershipId}/join-requests`);
    await admin.getByRole('link', { name: 'Riverside Sports Club' }).click();
    await admin.getByRole('button', { name: 'Approve request' }).click();
    await admin.waitForURL(/done=approved/);

    // The demo audit is open: the admin adds the new agency with a deadline of its own.
    await admin.goto(`/cycles/${h.t.ids.cycleId}`);
    await admin.getByRole('link', { name: 'Add agencies to this audit' }).click();
    await expectAxeClean(admin, 'add agencies to an audit');
    await admin.getByRole('button', { name: 'Add agencies' }).click();
    await expectAxeClean(admin, 'add agencies, with errors');
    await admin.getByLabel('Riverside Sports Club').check();
    await admin.getByLabel('A later deadline of their own').check();
    await admin.locator('input[name="deadline-day"]').fill('26');
    await admin.locator('input[name="deadline-month"]').fill('2');
    await admin.locator('input[name="deadline-year"]').fill('2027');
    await expectAxeClean(admin, 'add agencies, filled in');
    await admin.getByRole('button', { name: 'Add agencies' }).click();
    await admin.waitForURL(/done=added/);
    await expectAxeClean(admin, 'the audit with its late joiner');
    assert.match(await admin.locator('main').innerText(), /1 agency added to the audit and invited/);
    assert.equal(await monitoringStatus(admin, 'Riverside Sports Club'), 'Not started');

    const lead = await (await h.context()).newPage();
    await h.signIn(lead, contact);
    await lead.goto('/returns');
    await expectAxeClean(lead, 'the late joiner’s returns');
    await lead.locator('main a[href^="/returns/"]').first().click();
    await lead.waitForURL(/\/returns\/[0-9a-f-]+$/);
    await expectAxeClean(lead, 'the late joiner’s return');
    assert.match(await lead.locator('main').innerText(), /26 February 2027/);
  });
});
