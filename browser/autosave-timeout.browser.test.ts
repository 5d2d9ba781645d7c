/**
 * Autosave on a theme page and the warning before the idle sign-out (issue 14, items 3 and 4), in a
 * browser with JavaScript: typing is saved once after a pause (and not again while nothing
 * changes), and the timeout dialog opens before the session ends, keeps focus and extends it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import { answers } from '../src/db/schema.ts';
import type { ThemeInfo } from '../src/features/returns/return-structure.ts';
import { themesFor } from '../test/helpers/return-fixtures.ts';
import { type BrowserHarness, expectAxeClean, skipBrowser, startBrowserHarness } from './helpers/browser.ts';

const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';

/** Counts the requests whose address ends with `suffix`. */
function countRequests(page: Page, suffix: string): { count: number } {
  const seen = { count: 0 };
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.endsWith(suffix)) seen.count++;
  });
  return seen;
}

/** Whether the element has the page's focus. */
const hasFocus = (locator: Locator) =>
  locator.evaluate((el: unknown) => {
    const element = el as { ownerDocument: { activeElement: unknown } };
    return element.ownerDocument.activeElement === el;
  });

describe('autosave on a theme page, in a browser', { skip: skipBrowser }, () => {
  let h: BrowserHarness;
  let theme: ThemeInfo;
  let url: string;

  before(async () => {
    h = await startBrowserHarness();
    theme = (await themesFor(h.t, 'council')).find((x) => x.key === 'safer-recruitment')!;
    url = `/returns/${h.t.ids.returnIds.council}/themes/${theme.id}`;
  });
  after(async () => h?.close());

  it('saves after a pause, says so politely, sends nothing while nothing changes, and saves by hand without a conflict', async () => {
    const page = await (await h.context({ javaScript: true })).newPage();
    await h.signIn(page, COUNCIL_LEAD);
    await page.goto(url);
    const autosaves = countRequests(page, '/autosave');
    const status = page.locator('[data-app-autosave-status]');
    assert.equal(await status.getAttribute('aria-live'), 'polite');

    await page.locator('textarea[name="q1-comment"]').pressSequentially('Saved while typing', { delay: 20 });
    await status.filter({ hasText: /^Saved at \d\d:\d\d$/ }).waitFor();
    assert.equal(autosaves.count, 1, 'one request for one pause in typing');
    const q1 = theme.questions.find((q) => q.number === 1)!;
    const [row] = await h.t.database.db
      .select({ comment: answers.comment })
      .from(answers)
      .where(and(eq(answers.returnId, h.t.ids.returnIds.council!), eq(answers.questionId, q1.id)));
    assert.equal(row?.comment, 'Saved while typing');

    // A second pause, and leaving the field (a change event), with nothing new typed: no request.
    await page.keyboard.press('Tab');
    await page.waitForTimeout(3000);
    assert.equal(autosaves.count, 1, 'no request while nothing changed');
    await expectAxeClean(page, 'the theme page after an autosave');

    // The page's hidden value was updated: the button's save does not conflict with the autosave.
    await page.locator('textarea[name="q1-comment"]').fill('Saved while typing, then by the button');
    await page.getByRole('button', { name: 'Save and continue later' }).click();
    await page.waitForLoadState('load');
    assert.doesNotMatch(await page.title(), /Someone else changed/);
    const [saved] = await h.t.database.db
      .select({ comment: answers.comment })
      .from(answers)
      .where(and(eq(answers.returnId, h.t.ids.returnIds.council!), eq(answers.questionId, q1.id)));
    assert.equal(saved?.comment, 'Saved while typing, then by the button');
  });
});

describe('the warning before the idle sign-out, in a browser', { skip: skipBrowser }, () => {
  let h: BrowserHarness;
  let url: string;

  before(async () => {
    // A one-minute session, warned of 45 seconds before it ends: the dialog opens 15 seconds in.
    h = await startBrowserHarness({ env: { SESSION_IDLE_MINUTES: '1', SESSION_WARNING_SECONDS: '45' } });
    const [theme] = await themesFor(h.t, 'council');
    url = `/returns/${h.t.ids.returnIds.council}/themes/${theme!.id}`;
  });
  after(async () => h?.close());

  it('opens a modal dialog that keeps focus, and stays signed in with Escape or its button', async () => {
    const page = await (await h.context({ javaScript: true })).newPage();
    await h.signIn(page, COUNCIL_LEAD);
    await page.goto(url);
    const extensions = countRequests(page, '/session/extend');
    const comment = page.locator('textarea[name="q1-comment"]');
    await comment.focus();

    const dialog = page.getByRole('dialog', { name: 'You’re about to be signed out' });
    await dialog.waitFor({ timeout: 40_000 });
    const stay = dialog.getByRole('button', { name: 'Stay signed in' });
    const signOut = dialog.getByRole('button', { name: 'Sign out' });
    assert.ok(await hasFocus(stay), 'focus moves into the dialog');
    assert.match(await dialog.innerText(), /we will sign you out in \d+ seconds/);
    await expectAxeClean(page, 'the page with the timeout dialog open');

    // Focus is trapped: Tab and Shift+Tab go round the dialog's two controls.
    await page.keyboard.press('Tab');
    assert.ok(await hasFocus(signOut), 'Tab: Sign out');
    await page.keyboard.press('Tab');
    assert.ok(await hasFocus(stay), 'Tab again: back to the first');
    await page.keyboard.press('Shift+Tab');
    assert.ok(await hasFocus(signOut), 'Shift+Tab: the last');

    // Escape stays signed in: the session is extended, the dialog closes, focus goes back.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(extensions.count, 1);
    assert.ok(await hasFocus(comment), 'focus returns to the field');

    // It comes back when the extended session nears its end; the button stays signed in too.
    await dialog.waitFor({ timeout: 40_000 });
    await stay.click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(extensions.count, 2);
    assert.ok(page.url().endsWith(url), 'still on the page, signed in');
  });
});
