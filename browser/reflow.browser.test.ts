/**
 * WCAG 2.2 reflow (1.4.10): at 320 CSS pixels wide no page scrolls sideways. Wide tables scroll
 * inside their own labelled, keyboard-focusable region instead, and the service navigation folds
 * behind a Menu button. Pages are found by following the links of each role's pages, as a person
 * would, from their home page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type BrowserHarness, skipBrowser, startBrowserHarness } from './helpers/browser.ts';

const ROLES = {
  'partnership admin': 'business.manager@nrscp.example',
  reviewer: 'scrutineer@nrscp.example',
  'agency lead': 'safeguarding.lead@northshire-council.example',
};
/** Pages visited per role: enough to reach every kind of page in the demo. */
const MAX_PAGES = 45;
/** Links not followed: they sign out, download a file or change something on a GET. */
const SKIP = /sign-out|\.(pdf|csv|xlsx|zip|yaml|json|txt)(\?|$)|\/download|\/export|\/dev\/mail|\/api\//;

/** How far the page is wider than the window (0 when it fits). */
async function overflow(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
}

/** The wide elements sticking out, to name in a failure. */
async function culprits(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`
    [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .filter((el) => !el.parentElement.closest('.app-table-scroll'))
      .slice(0, 5)
      .map((el) => el.tagName.toLowerCase() + '.' + [...el.classList].join('.'))`);
}

describe('in a browser: pages reflow at 320 px', { skip: skipBrowser }, () => {
  let h: BrowserHarness;
  before(async () => {
    h = await startBrowserHarness();
  });
  after(async () => h?.close());

  for (const [role, email] of Object.entries(ROLES)) {
    it(`no page of a ${role} scrolls sideways at 320 px`, async () => {
      const context = await h.context({ javaScript: true });
      const page = await context.newPage();
      await page.setViewportSize({ width: 320, height: 640 });
      await h.signIn(page, email);
      // The audit's wide pages first, then whatever the links lead to.
      const cycle = `/cycles/${h.t.ids.cycleId}`;
      const queue = ['/', cycle, `${cycle}/results`, `${cycle}/exports`, `${cycle}/report`];
      const seen = new Set(queue);
      const wide: string[] = [];
      let visited = 0;
      while (queue.length && visited < MAX_PAGES) {
        const path = queue.shift()!;
        // A link that turns out to be a download is not a page.
        const response = await page.goto(path).catch((e: Error) => {
          if (/Download is starting/.test(e.message)) return null;
          throw e;
        });
        visited++;
        if (!response?.ok()) continue;
        const over = await overflow(page);
        if (over > 1) wide.push(`${path}: ${over} px too wide (${(await culprits(page)).join(', ')})`);
        const links = await page.$$eval('main a[href^="/"]', (as) =>
          as.map((a) => a.getAttribute('href')!.split('#')[0]!),
        );
        for (const href of links) {
          // One of each kind of page: ids vary, the shape of the path does not.
          const shape = href.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id').replace(/\?.*$/, '');
          if (SKIP.test(href) || seen.has(shape)) continue;
          seen.add(shape);
          queue.push(href);
        }
      }
      assert.ok(visited > 10, `only ${visited} pages were reached`);
      assert.deepEqual(wide, [], `pages wider than 320 px for a ${role}`);
    });
  }

  it('folds the service navigation behind a Menu button at 320 px, and opens it by keyboard', async () => {
    const page = await (await h.context({ javaScript: true })).newPage();
    await page.setViewportSize({ width: 320, height: 640 });
    await h.signIn(page, ROLES['partnership admin']);
    const menu = page.getByRole('button', { name: 'Menu' });
    await menu.waitFor();
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    const firstLink = page.locator('.govuk-service-navigation__list a').first();
    assert.equal(await firstLink.isVisible(), false);
    await menu.focus();
    await page.keyboard.press('Enter');
    assert.equal(await menu.getAttribute('aria-expanded'), 'true');
    assert.equal(await firstLink.isVisible(), true);
  });

  it('lets a keyboard user reach and scroll a wide table’s region', async () => {
    const page = await (await h.context({ javaScript: true })).newPage();
    await page.setViewportSize({ width: 320, height: 640 });
    await h.signIn(page, ROLES['partnership admin']);
    await page.goto(`/cycles/${h.t.ids.cycleId}`);
    const region = page.locator('.app-table-scroll').first();
    assert.equal(await region.getAttribute('role'), 'region');
    assert.ok(await region.getAttribute('aria-label'));
    assert.equal(await region.getAttribute('tabindex'), '0');
    await region.focus();
    const before = await region.evaluate((el) => el.scrollLeft);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    // Scrolling by key is animated: wait (up to 5 s) for the region to have moved.
    const handle = await region.elementHandle();
    const moved = await page
      .waitForFunction(
        ([el, start]) => (el as { scrollLeft: number }).scrollLeft > (start as number),
        [handle, before],
        {
          timeout: 5000,
        },
      )
      .then(() => true)
      .catch(() => false);
    assert.ok(moved, 'the table scrolls inside its region');
  });
});
