/**
 * Display settings in a browser (issue 14, item 6): chosen without JavaScript from the footer's link,
 * high contrast passes axe-core and meets WCAG AAA (7:1) for body text and links as the browser
 * computes them (and axe-core's enhanced contrast rule on whole pages), and larger text does not
 * make a page scroll sideways at 320 px.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type BrowserHarness, expectAxeClean, skipBrowser, startBrowserHarness } from './helpers/browser.ts';

const LEAD = 'safeguarding.lead@northshire-council.example';
const ADMIN = 'business.manager@nrscp.example';

/**
 * The contrast ratio of an element's text with the background behind it (the first ancestor with
 * an opaque one), from the colours the browser computed.
 */
async function contrastOf(page: Page, selector: string): Promise<number> {
  // A string, not a function: the test's compiler would add helpers the page does not have.
  return page.evaluate<number>(`(() => {
    const rgb = (value) => (value.match(/[\\d.]+/g) ?? []).map(Number);
    const channel = (c) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
    const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    const element = document.querySelector(${JSON.stringify(selector)});
    let node = element;
    let background = 'rgb(255, 255, 255)';
    while (node) {
      const parts = rgb(getComputedStyle(node).backgroundColor);
      if (parts.length === 3 || (parts.length === 4 && parts[3] === 1)) {
        background = getComputedStyle(node).backgroundColor;
        break;
      }
      node = node.parentElement;
    }
    const a = luminance(rgb(getComputedStyle(element).color));
    const b = luminance(rgb(background));
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  })()`);
}

/** axe-core's AAA contrast rule (7:1, 4.5:1 for large text) alone: the nodes that fail it. */
async function enhancedContrastFailures(page: Page): Promise<string[]> {
  // expectAxeClean has put axe-core on the page.
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(
            ctx: unknown,
            opts: unknown,
          ): Promise<{ violations: Array<{ nodes: Array<{ html: string; failureSummary?: string }> }> }>;
        };
      }
    ).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: 'rule', values: ['color-contrast-enhanced'] },
    });
    return result.violations.flatMap((v) =>
      v.nodes.map((n) => `${n.html.slice(0, 120)}: ${(n.failureSummary ?? '').split('\n').slice(-1)[0]}`),
    );
  });
}

async function htmlClasses(page: Page): Promise<string> {
  return (await page.locator('html').getAttribute('class')) ?? '';
}

async function chooseSettings(page: Page, contrast: string, textSize: string): Promise<void> {
  await page.locator('footer').getByRole('link', { name: 'Display settings' }).click();
  await page.getByLabel(contrast).check();
  await page.getByLabel(textSize).check();
  await page.getByRole('button', { name: 'Save display settings' }).click();
  await page.waitForLoadState('load');
}

describe('in a browser: display settings', { skip: skipBrowser }, () => {
  let h: BrowserHarness;
  before(async () => {
    h = await startBrowserHarness();
  });
  after(async () => h?.close());

  it('a visitor without JavaScript chooses high contrast and larger text, and comes back to the page', async () => {
    const context = await h.context({ javaScript: false });
    const page = await context.newPage();
    await page.goto('/privacy');
    await chooseSettings(page, 'High contrast', 'Larger text');
    assert.equal(new URL(page.url()).pathname, '/privacy', 'back on the page they came from');
    assert.match(await htmlClasses(page), /app-high-contrast/);
    assert.match(await htmlClasses(page), /app-large-text/);
    // axe-core needs JavaScript: the same visitor's cookies in a browser that runs it.
    const withScripts = await h.context({ javaScript: true });
    await withScripts.addCookies(await context.cookies());
    const checked = await withScripts.newPage();
    await checked.goto('/privacy');
    await checkHighContrast(checked);
  });

  async function checkHighContrast(page: Page): Promise<void> {
    assert.match(await htmlClasses(page), /app-high-contrast/);
    await expectAxeClean(page, 'the privacy notice in high contrast');
    const body = await contrastOf(page, 'main p.govuk-body');
    const link = await contrastOf(page, 'main a.govuk-link');
    assert.ok(body >= 7, `body text is ${body.toFixed(2)}:1`);
    assert.ok(link >= 7, `a link is ${link.toFixed(2)}:1`);
    assert.deepEqual(await enhancedContrastFailures(page), [], 'every text meets 7:1');
    // Larger text: the root is a quarter larger than the browser's 16 px.
    const rootSize = await page.evaluate<string>('getComputedStyle(document.documentElement).fontSize');
    assert.equal(rootSize, '20px');
    // On another page too, kept by the cookie.
    await page.goto('/sign-in');
    assert.match(await htmlClasses(page), /app-high-contrast/);
    await expectAxeClean(page, 'the sign-in page in high contrast');
    assert.deepEqual(await enhancedContrastFailures(page), [], 'every text on the sign-in page meets 7:1');
  }

  it('an agency lead’s pages meet 7:1 in high contrast, with tags and buttons', async () => {
    const context = await h.context({ javaScript: true });
    const page = await context.newPage();
    await h.signIn(page, LEAD);
    await chooseSettings(page, 'High contrast', 'Standard text');
    const ret = `/returns/${h.t.ids.returnIds.council}`;
    await page.goto(ret);
    assert.match(await htmlClasses(page), /app-high-contrast/);
    await expectAxeClean(page, 'the task list in high contrast');
    assert.deepEqual(await enhancedContrastFailures(page), [], 'the task list meets 7:1');
    await page.locator('main a[href*="/themes/"]').first().click();
    await page.waitForLoadState('load');
    await expectAxeClean(page, 'a theme page in high contrast');
    assert.deepEqual(await enhancedContrastFailures(page), [], 'the theme page meets 7:1');
    // The focus state stays GOV.UK's: black text on yellow.
    await page.locator('a.govuk-footer__link').first().focus();
    const focused = await page.evaluate<{ background: string; colour: string }>(
      '({ background: getComputedStyle(document.activeElement).backgroundColor, colour: getComputedStyle(document.activeElement).color })',
    );
    assert.equal(focused.background, 'rgb(255, 221, 0)');
    assert.equal(focused.colour, 'rgb(11, 12, 12)');
  });

  it('with larger text nothing scrolls sideways at 320 px', async () => {
    const context = await h.context({ javaScript: true });
    const page = await context.newPage();
    await page.setViewportSize({ width: 320, height: 640 });
    await h.signIn(page, ADMIN);
    await chooseSettings(page, 'High contrast', 'Larger text');
    const cycle = `/cycles/${h.t.ids.cycleId}`;
    const wide: string[] = [];
    for (const path of [
      '/',
      cycle,
      `${cycle}/results`,
      `/partnerships/${h.t.ids.partnershipId}/agencies`,
      `/returns/${h.t.ids.returnIds.council}`,
      '/display-settings',
      '/privacy',
    ]) {
      const response = await page.goto(path);
      assert.ok(response?.ok(), `${path} answered ${response?.status()}`);
      assert.match(await htmlClasses(page), /app-large-text/);
      const over = await page.evaluate<number>(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      if (over > 1) wide.push(`${path}: ${over} px too wide`);
    }
    assert.deepEqual(wide, [], 'pages wider than 320 px with larger text');
  });
});
