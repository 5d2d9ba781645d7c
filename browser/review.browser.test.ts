import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { completeThemeFields, giveDetailsAndSignOff, themesFor } from '../test/helpers/return-fixtures.ts';
import { type BrowserHarness, expectAxeClean, skipBrowser, startBrowserHarness } from './helpers/browser.ts';

const SCRUTINEER = 'scrutineer@nrscp.example';
const YJS_LEAD = 'manager@riverside-yjs.example';
const YJS = 'Riverside Youth Justice Service';

describe('in a browser: the partnership reviews a return and the agency answers', {
  skip: skipBrowser,
}, () => {
  let h: BrowserHarness;
  let returnId: string;
  before(async () => {
    h = await startBrowserHarness();
    // The youth justice service has completed and submitted its return (over HTTP, to be quick).
    const { t } = h;
    returnId = t.ids.returnIds.yjs!;
    const lead = await t.signIn(YJS_LEAD);
    for (const theme of await themesFor(t, 'yjs')) {
      await lead.get(`/returns/${returnId}/themes/${theme.id}`);
      const saved = await lead.post(`/returns/${returnId}/themes/${theme.id}`, completeThemeFields(theme));
      assert.equal(saved.status, 303);
    }
    await giveDetailsAndSignOff(lead, returnId, YJS_LEAD);
    await lead.get(`/returns/${returnId}/check`);
    assert.equal((await lead.post(`/returns/${returnId}/submit`)).status, 303);
  });
  after(async () => h?.close());

  it('a reviewer challenges, moderates and returns the return for changes; the agency answers', async () => {
    const reviewer = await (await h.context({ javaScript: true })).newPage();
    await h.signIn(reviewer, SCRUTINEER);
    await reviewer.goto(`/cycles/${h.t.ids.cycleId}`);
    await reviewer
      .locator('tbody tr')
      .filter({ hasText: YJS })
      .getByRole('link', { name: /^Review/ })
      .click();
    await reviewer.waitForURL(/\/review$/);
    await expectAxeClean(reviewer, 'the review page');

    // A challenge: refused when empty, then sent.
    await reviewer.getByRole('button', { name: 'Raise a challenge' }).click();
    await expectAxeClean(reviewer, 'the challenge form');
    await reviewer.getByRole('button', { name: 'Send challenge' }).click();
    assert.match(await reviewer.locator('.govuk-error-summary').innerText(), /Enter your challenge/);
    await expectAxeClean(reviewer, 'the challenge form with an error');
    await reviewer
      .getByLabel('Your challenge question or comment')
      .fill('How are staff supervised on night shifts?');
    await reviewer.getByRole('button', { name: 'Send challenge' }).click();
    await reviewer.waitForURL(/\/challenges\/[0-9a-f-]+\?done=challenge-raised/);
    await expectAxeClean(reviewer, 'the new challenge’s thread');

    // A moderated grade beside the agency's own rating.
    await reviewer.goto(`/returns/${returnId}/review`);
    await reviewer.locator('#grades-table a', { hasText: 'Record' }).first().click();
    await expectAxeClean(reviewer, 'the moderated grade form');
    await reviewer.locator('input[name="rating"][value="amber"]').check();
    await reviewer.getByLabel('Reason for the moderated grade').fill('Supervision records are incomplete.');
    await reviewer.getByRole('button', { name: 'Save moderated grade' }).click();
    await reviewer.waitForURL(/done=graded/);
    assert.match(await reviewer.locator('#grades-table').innerText(), /Supervision records are incomplete/);
    await expectAxeClean(reviewer, 'the review page with a moderated grade');

    // An evidence request.
    await reviewer.getByRole('button', { name: 'Request evidence' }).click();
    await expectAxeClean(reviewer, 'the evidence request form');
    await reviewer.getByLabel('Evidence you need').fill('Night shift supervision log');
    await reviewer.locator('input[name="dueDate-day"]').fill('15');
    await reviewer.locator('input[name="dueDate-month"]').fill('12');
    await reviewer.locator('input[name="dueDate-year"]').fill('2026');
    await reviewer.getByRole('button', { name: 'Send request' }).click();
    await reviewer.waitForURL(/\/evidence\/[0-9a-f-]+\?done=evidence-requested/);
    await expectAxeClean(reviewer, 'the evidence request, as the partnership sees it');

    // The outcome: returned for changes to the first theme.
    await reviewer.goto(`/returns/${returnId}/review`);
    await reviewer.getByRole('button', { name: 'Record the outcome' }).click();
    await expectAxeClean(reviewer, 'the outcome form');
    await reviewer.locator('input[name="decision"][value="returned"]').check();
    await reviewer.getByRole('button', { name: 'Record the outcome' }).click();
    assert.match(await reviewer.locator('.govuk-error-summary').innerText(), /Select the themes/);
    await expectAxeClean(reviewer, 'the outcome form with errors');
    await reviewer.locator('input[name="themeIds"]').first().check();
    await reviewer.getByLabel('Reasons').fill('Add the supervision arrangements for night shifts.');
    await reviewer.getByRole('button', { name: 'Record the outcome' }).click();
    await reviewer.waitForURL(/done=returned/);
    await expectAxeClean(reviewer, 'the review page after returning it');

    // The agency answers.
    const lead = await (await h.context({ javaScript: true })).newPage();
    await h.signIn(lead, YJS_LEAD);
    await lead.goto(`/returns/${returnId}`);
    assert.match(
      await lead.locator('.govuk-notification-banner').innerText(),
      /Add the supervision arrangements/,
    );
    assert.match(await lead.locator('#moderated-grades').innerText(), /Amber/);
    await expectAxeClean(lead, 'the returned return’s task list');
    // Themes not reopened are locked: no link, and the reason.
    const locked = lead.locator('.govuk-task-list__item', { hasText: 'Locked' });
    assert.ok((await locked.count()) > 0);
    assert.equal(await locked.first().locator('a').count(), 0);
    assert.match(await locked.first().innerText(), /Only the themes it reopened can be changed/);
    await lead.getByRole('link', { name: 'Challenges from the partnership' }).click();
    await expectAxeClean(lead, 'the agency’s challenges page');
    await lead.locator('#challenge-table a').first().click();
    await expectAxeClean(lead, 'a challenge, as the agency sees it');
    await lead
      .getByLabel('Your answer')
      .fill('A senior practitioner is on call and signs the log each night.');
    await lead.getByRole('button', { name: 'Send answer' }).click();
    await lead.waitForURL(/done=answered/);
    assert.match(await lead.locator('#thread').innerText(), /signs the log each night/);
    await expectAxeClean(lead, 'the challenge after answering');

    await lead.goto(`/returns/${returnId}/evidence`);
    await expectAxeClean(lead, 'the agency’s evidence requests');
    await lead.locator('#evidence-table a').first().click();
    await lead.getByLabel('Where the evidence is kept').fill('Supervision log, YJS shared drive');
    await expectAxeClean(lead, 'the evidence request, as the agency answers it');
    await lead.getByRole('button', { name: 'Send answer' }).click();
    await lead.waitForURL(/done=evidence-answered/);
    await expectAxeClean(lead, 'the evidence request after answering');

    // The partnership's cycle-wide pages.
    await reviewer.goto(`/cycles/${h.t.ids.cycleId}/evidence-requests`);
    await expectAxeClean(reviewer, 'overdue evidence requests');
    await reviewer.goto(`/cycles/${h.t.ids.cycleId}/challenge-events`);
    await expectAxeClean(reviewer, 'challenge events');
    await reviewer.getByRole('button', { name: 'Schedule a challenge event' }).click();
    await reviewer.getByLabel('Name of the event').fill('Youth justice challenge panel');
    await reviewer.getByLabel(YJS).check();
    await reviewer.locator('input[name="date-day"]').fill('10');
    await reviewer.locator('input[name="date-month"]').fill('12');
    await reviewer.locator('input[name="date-year"]').fill('2026');
    await reviewer.getByLabel('Start time').fill('10am');
    await reviewer.getByLabel('Where it is held, or the link to join').fill('Room 2, Riverside House');
    await reviewer.getByLabel('Chair').fill('Independent scrutineer');
    await expectAxeClean(reviewer, 'the challenge event form');
    await reviewer.getByRole('button', { name: 'Schedule the event' }).click();
    await reviewer.waitForURL(/done=scheduled/);
    await expectAxeClean(reviewer, 'the challenge event');
  });
});
