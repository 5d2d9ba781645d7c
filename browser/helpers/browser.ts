/**
 * Browser tests: the real app listening on a local port, driven by playwright-core in Debian's
 * Chromium, with axe-core checking every page. When Chromium is not installed the tests report
 * themselves skipped and say how to run them.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { acceptedAxeFinding } from '../../src/features/accessibility/known-issues.ts';
import { startTestApp, type TestApp, type TestAppOptions } from '../../test/helpers/test-app.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** `false` to run; otherwise the reason the browser tests are skipped (node:test's `skip` option). */
export const skipBrowser: string | false = existsSync(CHROMIUM_PATH)
  ? false
  : `Chromium not found at ${CHROMIUM_PATH}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH, then run npm run test:browser`;

const axeSource: string = (() => {
  const require = createRequire(import.meta.url);
  return (require('axe-core') as { source: string }).source;
})();

export interface BrowserHarness {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  /** A fresh browser context (cookie jar), with or without JavaScript. */
  context(options?: { javaScript?: boolean }): Promise<BrowserContext>;
  /** Signs `email` in through the sign-in page and the emailed link. */
  signIn(page: Page, email: string): Promise<void>;
  close(): Promise<void>;
}

/** With `listen.port`, the app listens on that port (so its BASE_URL can name it). */
export async function startBrowserHarness(
  options: TestAppOptions = {},
  listen: { port?: number } = {},
): Promise<BrowserHarness> {
  const t = await startTestApp(options);
  await t.app.listen({ host: '127.0.0.1', port: listen.port ?? 0 });
  const { port } = t.app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
  });
  const contexts: BrowserContext[] = [];
  return {
    t,
    baseUrl,
    browser,
    async context(options = {}) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        javaScriptEnabled: options.javaScript ?? true,
        locale: 'en-GB',
        timezoneId: 'Europe/London',
        // axe-core is injected as an inline script, which the app's CSP rightly refuses.
        bypassCSP: true,
      });
      contexts.push(context);
      return context;
    },
    async signIn(page, email) {
      await page.goto('/sign-in');
      await page.getByLabel('Email address').fill(email);
      await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
      await page.waitForURL('**/sign-in/check-email');
      // The link is sent just after the answer (the same for known and unknown addresses).
      await t.app.signInRequests.settled();
      // Through the development mailbox, as a person trying the demo would.
      await page.goto('/dev/mail');
      await page
        .getByRole('row', { name: new RegExp(email.replace(/[.]/g, '\\.')) })
        .first()
        .getByRole('link')
        .click();
      const href = await page
        .locator('.app-mail-body a[href*="/sign-in/link/"]')
        .first()
        .getAttribute('href');
      if (!href) throw new Error(`no sign-in link in the mailbox for ${email}`);
      // Mail links carry the configured BASE_URL; the test server listens on its own port.
      await page.goto(new URL(href).pathname);
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.waitForLoadState('load');
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await t.close();
    },
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; html: string }>;
}

/** Runs axe-core (WCAG 2.2 A and AA rules) on the page; returns a readable list of violations. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })),
    }));
  });
  return (
    violations
      // Only findings a known issue of the accessibility statement explains are accepted.
      .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !acceptedAxeFinding(v.id, n.html)) }))
      .filter((v) => v.nodes.length > 0)
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => `${n.target.join(' ')}: ${n.html.slice(0, 160)}`).join('\n  ')}`,
      )
  );
}

export async function expectAxeClean(page: Page, what: string): Promise<void> {
  // A click that navigates returns before the new page has loaded: check the page, not a blank one.
  await page.waitForLoadState('load');
  const violations = await axeViolations(page);
  assert.deepEqual(
    violations,
    [],
    `${what} (${page.url()}) has accessibility problems:\n${violations.join('\n')}`,
  );
}

/** Answers every question on the theme page as met, rates it Green and marks it complete. */
export async function completeTheme(page: Page): Promise<void> {
  const questions = await page.locator('.app-question').count();
  assert.ok(questions > 0, 'the theme page shows its questions');
  for (let n = 1; n <= questions; n++) {
    await page
      .locator(`input[name="q${n}-response"][value="fully_met"], input[name="q${n}-response"][value="yes"]`)
      .check();
    await page.locator(`textarea[name="q${n}-evidence-document"]`).fill(`Evidence ${n}`);
  }
  await page.locator('input[name="rating"][value="green"]').check();
  await page.locator('textarea[name="justification"]').fill('All in place, with evidence.');
  await page.locator('input[name="completed"][value="yes"]').check();
  await page.getByRole('button', { name: 'Save and continue', exact: true }).click();
  await page.waitForLoadState('load');
}

/** From the task list: the senior officer's sign-off, then check and submit; ends on the confirmation. */
export async function signOffAndSubmit(page: Page, officer: { name: string; day: string }): Promise<void> {
  await page.getByRole('link', { name: 'Sign-off by your senior officer' }).click();
  await page.locator('input[name="signoffName"]').fill(officer.name);
  await page.locator('input[name="signoffJobTitle"]').fill('Director of Children’s Services');
  await page.locator('input[name="signoffDate-day"]').fill(officer.day);
  await page.locator('input[name="signoffDate-month"]').fill('11');
  await page.locator('input[name="signoffDate-year"]').fill('2026');
  await page.locator('input[name="confirm"]').check();
  await page.getByRole('button', { name: /continue|save|confirm/i }).click();
  await page.waitForURL(/\/check$/);
  await page.getByRole('button', { name: 'Submit return' }).click();
  await page.waitForURL(/\/confirmation$/);
}

/** The status tag of an agency's row on an audit's monitoring page (the agency listed once). */
export async function monitoringStatus(page: Page, agency: string): Promise<string> {
  const row = page.locator('tbody tr').filter({ hasText: agency });
  assert.equal(await row.count(), 1, `${agency} is listed once`);
  return row.locator('.govuk-tag').first().innerText();
}

/**
 * As a platform admin: sets up a partnership with one locality and its first admin, through the
 * form (checked by axe-core); ends on the list of partnerships.
 */
export async function createPartnership(
  page: Page,
  p: {
    name: string;
    shortName: string;
    contactEmail: string;
    locality: string;
    adminName: string;
    adminEmail: string;
  },
): Promise<void> {
  await page.goto('/platform/partnerships/new');
  await expectAxeClean(page, 'new partnership');
  await page.locator('input[name="name"]').fill(p.name);
  await page.locator('input[name="shortName"]').fill(p.shortName);
  await page.locator('input[name="contactEmail"]').fill(p.contactEmail);
  await page.locator('textarea[name="localities"]').fill(p.locality);
  await page.locator('input[name="adminName"]').fill(p.adminName);
  await page.locator('input[name="adminEmail"]').fill(p.adminEmail);
  await page.getByRole('button', { name: 'Create partnership' }).click();
  await page.waitForURL(/\/platform\/partnerships\?done=created/);
}

/**
 * On the new audit form: an annual audit called `name` on the first template, open already (the
 * test clock stands at 23 November 2026, 10am; it opened at 9am) and closing on 29 January 2027 at
 * 5pm, in every locality, inviting every agency. The caller adds anything else and sets it up.
 */
export async function fillNewAudit(page: Page, name: string): Promise<void> {
  await page.locator('input[name="name"]').fill(name);
  await page.locator('input[name="templateVersionId"]').first().check();
  await page.locator('input[name="kind"][value="annual"]').check();
  await page.locator('input[name="opens-day"]').fill('23');
  await page.locator('input[name="opens-month"]').fill('11');
  await page.locator('input[name="opens-year"]').fill('2026');
  await page.locator('input[name="opensTime"]').fill('9am');
  await page.locator('input[name="closes-day"]').fill('29');
  await page.locator('input[name="closes-month"]').fill('1');
  await page.locator('input[name="closes-year"]').fill('2027');
  await page.locator('input[name="closesTime"]').fill('5pm');
  for (const box of await page.locator('input[name="localities"]').all()) await box.check();
  await page.locator('input[name="invite"][value="all"]').check();
}

/** From a return's task list: gives the person completing it (checked by axe-core); ends on the first theme. */
export async function giveReturnDetails(
  page: Page,
  completer: { name: string; role: string; email: string },
): Promise<void> {
  await page.getByRole('link', { name: 'Your details' }).click();
  await expectAxeClean(page, 'your details');
  await page.locator('input[name="completerName"]').fill(completer.name);
  await page.locator('input[name="completerRole"]').fill(completer.role);
  await page.locator('input[name="completerEmail"]').fill(completer.email);
  await page.getByRole('button', { name: /continue/i }).click();
  await page.waitForURL(/\/themes\//);
}

/** From a theme page: completes it and every theme after it, ending back on the task list at `taskList`. */
export async function completeRemainingThemes(page: Page, taskList: string): Promise<void> {
  let guard = 0;
  while (/\/themes\//.test(page.url()) && guard++ < 30) await completeTheme(page);
  assert.equal(page.url(), taskList, 'back at the task list after the last theme');
}
