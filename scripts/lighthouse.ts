/**
 * `npm run lighthouse`: Lighthouse (the npm package, pinned) in Debian's Chromium on the demo app
 * (issue 14, item 8). Starts the app on loopback with the demo data (`scripts/demo-app.ts`, as
 * `npm run scan` does), signs in as each demo role through the development mailbox, and runs
 * Lighthouse on each role's main page and on a theme page of a return (as the agency lead). Writes
 * each report to `tmp/lighthouse/<role>-<page>.json`, the scores to `tmp/lighthouse/scores.json`,
 * and prints a table. Exits 1 unless every page scores 100 for accessibility and at least 95 for
 * best practices (or the app cannot start, or a role cannot sign in).
 *
 *   npm run lighthouse                        every role
 *   npm run lighthouse -- --roles reviewer    some roles (anonymous, contributor, agency-lead,
 *                                             reviewer, partnership-admin, platform-admin)
 *   npm run lighthouse -- --performance       performance too (slow, and noisy on a busy machine)
 *
 * Not part of CI: it takes some minutes. Chromium is /usr/bin/chromium unless CHROMIUM_PATH says.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { type Client, DEMO_ROLES, DemoAppError, signIn, startDemoApp } from './demo-app.ts';

const root = join(import.meta.dirname, '..');
const reportDir = join(root, 'tmp', 'lighthouse');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROME_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu'];
/** What every page must score (out of 100). */
const REQUIRED = { accessibility: 100, 'best-practices': 95 } as const;

const started = performance.now();
function log(message: string): void {
  const s = Math.round((performance.now() - started) / 1000);
  console.info(
    `[lighthouse ${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}] ${message}`,
  );
}

const { values: args } = parseArgs({
  options: {
    roles: { type: 'string' },
    performance: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
});
if (args.help) {
  console.info(
    `npm run lighthouse -- [--roles a,b] [--performance]\nroles: ${DEMO_ROLES.map((r) => r.role).join(', ')}`,
  );
  process.exit(0);
}
const chosen = args.roles?.split(',').map((r) => r.trim());
const unknown = chosen?.filter((r) => !DEMO_ROLES.some((d) => d.role === r)) ?? [];
if (unknown.length) {
  console.error(`Unknown role: ${unknown.join(', ')}`);
  process.exit(2);
}
const roles = DEMO_ROLES.filter((r) => !chosen || chosen.includes(r.role));
const categories = [...(args.performance ? ['performance'] : []), 'accessibility', 'best-practices', 'seo'];

interface Scores {
  role: string;
  page: string;
  url: string;
  scores: Record<string, number | null>;
  /** The audits that lost points in the required categories. */
  failing: string[];
}

/** The pages looked at for a role: its main page, and for the agency lead a theme page too. */
async function pagesFor(role: string, client: Client | null): Promise<Array<{ page: string; path: string }>> {
  if (!client) return [{ page: 'sign-in', path: '/sign-in' }];
  const pages = [{ page: 'home', path: '/' }];
  if (role === 'agency-lead') {
    const returns = await client.request('/returns');
    const ret = /href="(\/returns\/[0-9a-f-]{36})"/.exec(returns.body)?.[1];
    const tasks = ret ? await client.request(ret) : null;
    const theme = tasks && /href="(\/returns\/[0-9a-f-]{36}\/themes\/[0-9a-f-]{36})"/.exec(tasks.body)?.[1];
    if (!theme) throw new DemoAppError('no theme page found on the agency lead’s return');
    pages.push({ page: 'theme', path: theme });
  }
  return pages;
}

async function audit(
  port: number,
  url: string,
  cookie: string,
): Promise<{ scores: Record<string, number | null>; failing: string[]; report: string }> {
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: categories,
    ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
  });
  if (!result) throw new DemoAppError(`Lighthouse gave no result for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError)
    throw new DemoAppError(`Lighthouse could not load ${url}: ${lhr.runtimeError.message}`);
  const scores = Object.fromEntries(
    Object.entries(lhr.categories).map(([id, c]) => [
      id,
      c.score === null ? null : Math.round(c.score * 100),
    ]),
  );
  const failing = Object.keys(REQUIRED).flatMap((id) =>
    (lhr.categories[id]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0)
      .map((ref) => lhr.audits[ref.id]!)
      .filter((a) => a.score !== null && a.score < 1)
      .map((a) => `${id}: ${a.id} (${a.title})`),
  );
  return { scores, failing, report: Array.isArray(result.report) ? result.report[0]! : result.report };
}

function table(rows: Scores[]): string {
  const head = ['role', 'page', ...categories];
  const body = rows.map((r) => [r.role, r.page, ...categories.map((c) => String(r.scores[c] ?? '–'))]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

async function main(): Promise<number> {
  await mkdir(reportDir, { recursive: true });
  let stopping = false;
  process.once('SIGINT', () => {
    stopping = true;
  });
  const demo = await startDemoApp({
    logFile: join(reportDir, 'app.log'),
    log,
    interrupted: () => stopping,
  });
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: CHROME_FLAGS,
    logLevel: 'error',
  });
  const rows: Scores[] = [];
  try {
    for (const { role, email } of roles) {
      if (stopping) throw new DemoAppError('interrupted');
      const client = email ? await signIn(demo.base, email) : null;
      if (email) log(`${role}: signed in as ${email}`);
      for (const { page, path } of await pagesFor(role, client)) {
        const url = `${demo.base}${path}`;
        log(`${role}: ${page} (${path})`);
        const { scores, failing, report } = await audit(chrome.port, url, client?.cookieHeader() ?? '');
        await writeFile(join(reportDir, `${role}-${page}.json`), report);
        rows.push({ role, page, url: path, scores, failing });
      }
    }
  } finally {
    chrome.kill();
    await demo.stop();
  }
  await writeFile(
    join(reportDir, 'scores.json'),
    `${JSON.stringify({ at: new Date().toISOString(), required: REQUIRED, pages: rows }, null, 2)}\n`,
  );
  console.info(`\n${table(rows)}\n`);
  const short = rows.filter((r) => Object.entries(REQUIRED).some(([id, min]) => (r.scores[id] ?? 0) < min));
  for (const r of short) console.info(`${r.role} ${r.page}: ${r.failing.join('; ') || 'below the bar'}`);
  console.info(
    short.length === 0
      ? `Every page: accessibility ${REQUIRED.accessibility}, best practices ≥ ${REQUIRED['best-practices']}. Reports in ${reportDir}.`
      : `${short.length} page(s) below accessibility ${REQUIRED.accessibility} or best practices ${REQUIRED['best-practices']}. Reports in ${reportDir}.`,
  );
  return short.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[lighthouse] failed: ${error instanceof DemoAppError ? error.message : String(error)}`);
    process.exit(1);
  },
);
