/**
 * `npm run scan`: a third-party check of the running app. Starts the app (`scripts/start.mjs`, as
 * `npm start` does) on loopback with an empty data folder in a temporary directory, so it seeds the
 * demo partnership and its year; signs in as each demo role through the development mailbox, as a
 * person would; and runs Debian's `wapiti` and `sqlmap` against it with each role's session
 * cookie, each for a bounded time. Reports go to `tmp/scan/` (one folder per tool and role, and
 * `summary.md`). The temporary data folder, and everything the scanners changed in it, is deleted
 * at the end.
 *
 *   npm run scan                                   every role, default time bounds
 *   npm run scan -- --roles reviewer,contributor   some roles (anonymous, contributor, agency-lead,
 *                                                  reviewer, partnership-admin, platform-admin)
 *   npm run scan -- --wapiti-seconds 300 --sqlmap-seconds 120 --tools wapiti
 *
 * The scanners are pointed only at the loopback address of the app this script started, and
 * their modules that call out to endpoints of their own (wapiti's ssrf, xxe, nikto, wapp) are not
 * used. The scanners are installed with `apt-get install -y wapiti sqlmap` when missing. Exits 1
 * if a tool cannot be installed, the app cannot start or no role can sign in; 0 otherwise, whatever
 * the scanners found (read the summary). Not part of CI: it takes many minutes.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_ROLES, type DemoApp, DemoAppError, signIn, startDemoApp } from './demo-app.ts';

const root = join(import.meta.dirname, '..');
const reportDir = join(root, 'tmp', 'scan');
const started = performance.now();

function elapsed(): string {
  const s = Math.round((performance.now() - started) / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}
function log(message: string): void {
  console.info(`[scan ${elapsed()}] ${message}`);
}
class ScanError extends DemoAppError {}
const ROLES = DEMO_ROLES;
const TOOLS = ['wapiti', 'sqlmap'] as const;
type Tool = (typeof TOOLS)[number];

// Default modules less ssrf (it calls an endpoint of wapiti's own), with csrf, crlf and methods.
const WAPITI_MODULES = [
  'blindsql',
  'cookieflags',
  'crlf',
  'csp',
  'csrf',
  'exec',
  'file',
  'http_headers',
  'methods',
  'permanentxss',
  'redirect',
  'sql',
  'xss',
].join(',');

const { values: args } = parseArgs({
  options: {
    roles: { type: 'string' },
    tools: { type: 'string' },
    'wapiti-seconds': { type: 'string', default: '180' },
    'sqlmap-seconds': { type: 'string', default: '150' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (args.help) {
  console.info(
    'npm run scan -- [--roles a,b] [--tools wapiti,sqlmap] [--wapiti-seconds N] [--sqlmap-seconds N]\n' +
      `roles: ${ROLES.map((r) => r.role).join(', ')}`,
  );
  process.exit(0);
}
function list<T extends string>(value: string | undefined, all: readonly T[], what: string): T[] {
  if (!value) return [...all];
  const chosen = value.split(',').map((v) => v.trim());
  const unknown = chosen.filter((v) => !all.includes(v as T));
  if (unknown.length) {
    console.error(`Unknown ${what}: ${unknown.join(', ')} (choose from ${all.join(', ')})`);
    process.exit(2);
  }
  return chosen as T[];
}
const roles = list(
  args.roles,
  ROLES.map((r) => r.role),
  'role',
).map((role) => ROLES.find((r) => r.role === role)!);
const tools = list(args.tools, TOOLS, 'tool');
const seconds = (name: 'wapiti-seconds' | 'sqlmap-seconds') => {
  const n = Number(args[name]);
  if (!Number.isFinite(n) || n < 10 || n > 3600) {
    console.error(`--${name} must be a number of seconds from 10 to 3600`);
    process.exit(2);
  }
  return n;
};
const bounds: Record<Tool, number> = { wapiti: seconds('wapiti-seconds'), sqlmap: seconds('sqlmap-seconds') };

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function ensureTools(): void {
  const missing = tools.filter((t) => !onPath(t));
  if (missing.length === 0) return;
  log(`installing ${missing.join(' and ')} with apt-get…`);
  const install = () =>
    spawnSync('apt-get', ['install', '-y', ...missing], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0;
  if (!install()) {
    log('apt-get install failed: updating the package lists and trying again');
    spawnSync('apt-get', ['update'], { stdio: 'inherit' });
    if (!install()) throw new ScanError(`could not install ${missing.join(' and ')} with apt-get`);
  }
  const still = missing.filter((t) => !onPath(t));
  if (still.length) throw new ScanError(`${still.join(' and ')} still not found after installing`);
}

/** Runs a command with its output to a log file, ended (TERM, then KILL) after `limitSeconds`. */
async function run(command: string, argv: string[], logFile: string, limitSeconds: number): Promise<string> {
  const fd = openSync(logFile, 'w');
  const child = spawn(command, argv, { cwd: reportDir, stdio: ['ignore', fd, fd], detached: true });
  closeSync(fd);
  running.add(child);
  let timedOut = false;
  const term = setTimeout(() => {
    timedOut = true;
    stopGroup(child, 'SIGTERM');
  }, limitSeconds * 1000);
  const kill = setTimeout(() => stopGroup(child, 'SIGKILL'), (limitSeconds + 20) * 1000);
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  clearTimeout(term);
  clearTimeout(kill);
  running.delete(child);
  return timedOut ? `stopped at its ${limitSeconds} s bound` : `exit ${code}`;
}

const running = new Set<ChildProcess>();
function stopGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Runs Debian's wapiti 3.0.4 with two mends. Its exclusion patterns are compiled with the global
 * flags at the end (`\\Z(?ms)`), which Python 3.11 refuses, so any `-x` stopped it at start. And it
 * loads every module, some of which (wapp, nikto) fetch their databases from the web when they
 * start: every request it makes to anywhere but the loopback app is refused before it is sent.
 */
const WAPITI_LAUNCHER = `
import re, sys
from urllib.parse import urlsplit
import requests
import wapitiCore.net.crawler as crawler
allowed = urlsplit(sys.argv[1]).netloc
sys.argv = ["wapiti"] + sys.argv[2:]
def wildcard_translate(pattern):
    return re.compile("(?ms)" + ".*".join(re.escape(part) for part in pattern.split("*")) + r"\\Z")
crawler.wildcard_translate = wildcard_translate
send = requests.Session.send
def loopback_only(self, request, **kwargs):
    if urlsplit(request.url).netloc != allowed:
        raise requests.exceptions.ConnectionError("scan: only the loopback app may be asked")
    return send(self, request, **kwargs)
requests.Session.send = loopback_only
from wapitiCore.main.wapiti import wapiti_main
sys.exit(wapiti_main())
`;

/** The Python that Debian's wapiti runs on (its first line), which has wapiti's modules. */
function wapitiPython(): string {
  const path = spawnSync('sh', ['-c', 'command -v wapiti'], { encoding: 'utf8' }).stdout.trim();
  const first = path ? readFileSync(path, 'utf8').split('\n', 1)[0]! : '';
  return first.startsWith('#!') ? first.slice(2).trim().split(/\s+/)[0]! : '/usr/bin/python3';
}

/** wapiti's arguments; the session's cookies go in a cookie file in `store` (its own format). */
/**
 * Where wapiti starts: it does not follow redirects while crawling, and `/` redirects (to sign in,
 * or to a person's returns), so it is given the pages the navigation links to as well.
 */
function startPages(cookie: string): string[] {
  const everyone = ['/accessibility', '/privacy', '/api'];
  return cookie
    ? ['/returns', '/guidance', '/enquiries', '/platform/partnerships', ...everyone]
    : ['/sign-in', '/sign-in/organisation', '/platform/sign-in', '/join', ...everyone];
}

async function wapitiArgs(
  base: string,
  cookie: string,
  out: string,
  store: string,
  limit: number,
): Promise<string[]> {
  const argv = [
    '-u',
    `${base}/`,
    '--scope',
    'folder',
    '-m',
    WAPITI_MODULES,
    '--max-scan-time',
    String(Math.round(limit * 0.3)),
    // Its scan time bounds only the crawl, and each attack module has its own bound: together
    // they end the run near the limit, with its report written, rather than stopped without one.
    '--max-attack-time',
    String(Math.max(5, Math.floor((limit * 0.7) / WAPITI_MODULES.split(',').length))),
    '-d',
    '4',
    '--max-links-per-page',
    '40',
    '--max-files-per-dir',
    '60',
    ...startPages(cookie).flatMap((path) => ['-s', `${base}${path}`]),
    // Signed in, the scan must not sign out, nor sign in as someone else from the mailbox.
    ...(cookie ? ['-x', `${base}/sign-out`, '-x', `${base}/sign-in*`, '-x', `${base}/dev/mail*`] : []),
    '--store-session',
    store,
    '--store-config',
    store,
    '--flush-session',
    '--no-bugreport',
    '-f',
    'json',
    '-o',
    out,
    '-v',
    '1',
    // It asks for Brotli but cannot read it while crawling (it would find no link or form).
    '-H',
    'Accept-Encoding: gzip, deflate',
  ];
  if (cookie) {
    const jar: Record<
      string,
      { value: string; version: number; secure: boolean; expires: null; port: null }
    > = {};
    for (const pair of cookie.split('; ')) {
      const at = pair.indexOf('=');
      jar[pair.slice(0, at)] = {
        value: pair.slice(at + 1),
        version: 0,
        secure: false,
        expires: null,
        port: null,
      };
    }
    await mkdir(store, { recursive: true });
    const file = join(store, 'cookies.json');
    await writeFile(file, JSON.stringify({ [new URL(base).hostname]: { '/': jar } }));
    argv.push('-c', file);
  }
  return argv;
}

function sqlmapArgs(base: string, cookie: string, out: string): string[] {
  const escaped = base.replace(/[.]/g, '\\.');
  const argv = [
    '-u',
    `${base}/`,
    '--batch',
    '--crawl=3',
    '--forms',
    '--smart',
    '--level=1',
    '--risk=1',
    '--csrf-token=_csrf',
    // Only this app and, signed in, never the sign-out or sign-in forms (the session must last).
    ...(cookie
      ? ['--crawl-exclude=sign-out|sign-in|dev/mail', `--scope=^${escaped}/(?!sign-out|sign-in|dev/mail)`]
      : [`--scope=^${escaped}/`]),
    `--output-dir=${out}`,
    '--flush-session',
  ];
  if (cookie) argv.push(`--cookie=${cookie}`);
  return argv;
}

interface WapitiReport {
  vulnerabilities?: Record<
    string,
    Array<{ level?: number; path?: string; method?: string; info?: string; parameter?: string }>
  >;
  anomalies?: Record<string, Array<{ level?: number; path?: string; method?: string; info?: string }>>;
  additionals?: Record<string, Array<{ level?: number; path?: string; info?: string }>>;
}

/** wapiti's report as lines of the summary. */
async function summariseWapiti(file: string, logFile: string): Promise<string[]> {
  if (!existsSync(file)) {
    // Stopped at its bound before writing its report: what it found so far is in its log, each
    // finding between two lines of '---' (its message, then the request that showed it).
    const log = existsSync(logFile) ? await readFile(logFile, 'utf8') : '';
    const found = [
      ...[...log.matchAll(/^---\n(.+)\n\s+(GET|POST) (\S+)/gm)].map(
        (m) => `  - ${m[1]!.trim()}: ${m[2]} ${m[3]}`,
      ),
      // The header and cookie checks, which print no request.
      ...(log.match(/^.* is not set.*$/gm) ?? []).map((l) => `  - ${l.trim()}`),
    ];
    return [
      '- no report (stopped at its bound before writing it); found in its log so far:',
      ...(found.length ? found : ['  - nothing']),
    ];
  }
  const report = JSON.parse(await readFile(file, 'utf8')) as WapitiReport;
  const lines: string[] = [];
  for (const kind of ['vulnerabilities', 'anomalies', 'additionals'] as const) {
    for (const [category, found] of Object.entries(report[kind] ?? {})) {
      if (found.length === 0) continue;
      lines.push(`- ${kind} / ${category}: ${found.length}`);
      for (const f of found.slice(0, 10))
        lines.push(
          `  - level ${f.level ?? '?'} ${'method' in f ? (f.method ?? '') : ''} ${f.path ?? ''}: ${(f.info ?? '').replace(/\s+/g, ' ').slice(0, 200)}`,
        );
    }
  }
  return lines.length ? lines : ['- nothing found'];
}

/** sqlmap's findings: the injectable parameters in its log and its results files. */
async function summariseSqlmap(logFile: string, out: string): Promise<string[]> {
  const text = existsSync(logFile) ? await readFile(logFile, 'utf8') : '';
  const injectable = text
    .split('\n')
    .filter((l) =>
      /is vulnerable|appears to be .*injectable|might be injectable|identified the following injection/i.test(
        l,
      ),
    );
  const csv: string[] = [];
  if (existsSync(out))
    for (const f of await readdir(out))
      if (f.startsWith('results-') && f.endsWith('.csv'))
        csv.push(...(await readFile(join(out, f), 'utf8')).split('\n').slice(1).filter(Boolean));
  const found = /found a total of (\d+) targets/.exec(text)?.[1] ?? '0';
  const tested = (text.match(/^\[\d+\/\d+\] (Form|URL):/gm) ?? []).length;
  const lines = [`- targets found by crawling (URLs and forms): ${found}; reached in the time: ${tested}`];
  if (injectable.length === 0 && csv.length === 0) lines.push('- no injectable parameter found');
  for (const l of injectable.slice(0, 20)) lines.push(`  - ${l.trim()}`);
  for (const l of csv.slice(0, 20)) lines.push(`  - result: ${l.trim()}`);
  return lines;
}

async function main(): Promise<number> {
  ensureTools();
  await mkdir(reportDir, { recursive: true });
  // The scanners' own stores (the app's data folder is its own, deleted when it stops).
  const dataDir = await mkdtemp(join(tmpdir(), 's11-scan-'));
  let demo: DemoApp | null = null;
  const cleanUp = async () => {
    for (const child of running) stopGroup(child, 'SIGKILL');
    await demo?.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  // Ctrl-C: the scanners are stopped, and the app and data folder cleaned up as at the end.
  let stopping = false;
  const interrupted = () => {
    stopping = true;
    log('interrupted: stopping');
    for (const child of running) stopGroup(child, 'SIGTERM');
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  try {
    const appLog = join(reportDir, 'app.log');
    demo = await startDemoApp({ logFile: appLog, log, interrupted: () => stopping });
    const { base, process: app } = demo;

    const summary: string[] = [
      '# Scan summary',
      '',
      `wapiti ${bounds.wapiti} s and sqlmap ${bounds.sqlmap} s at most per role; app at ${base}; ${new Date().toISOString()}`,
      '',
    ];
    let signedIn = 0;
    for (const { role, email } of roles) {
      if (stopping) throw new ScanError('interrupted');
      let cookie = '';
      if (email) {
        try {
          cookie = (await signIn(base, email)).cookieHeader();
          signedIn++;
          log(`${role}: signed in as ${email}`);
        } catch (e) {
          log(`${role}: could not sign in (${(e as Error).message}): skipped`);
          summary.push(`## ${role}`, '', `- could not sign in: ${(e as Error).message}`, '');
          continue;
        }
      }
      const store = join(dataDir, `wapiti-${role}`);
      const wapitiOut = join(reportDir, `wapiti-${role}.json`);
      const sqlmapOut = join(reportDir, `sqlmap-${role}`);
      await rm(wapitiOut, { force: true });
      await rm(sqlmapOut, { recursive: true, force: true });
      // The two tools of one role run side by side, each within its own bound.
      const runs = tools.map(async (tool) => {
        log(`${tool} as ${role}: started (at most ${bounds[tool]} s)`);
        const outcome =
          tool === 'wapiti'
            ? await run(
                wapitiPython(),
                [
                  '-c',
                  WAPITI_LAUNCHER,
                  base,
                  ...(await wapitiArgs(base, cookie, wapitiOut, store, bounds.wapiti)),
                ],
                join(reportDir, `wapiti-${role}.log`),
                bounds.wapiti + 120,
              )
            : await run(
                'sqlmap',
                sqlmapArgs(base, cookie, sqlmapOut),
                join(reportDir, `sqlmap-${role}.log`),
                bounds.sqlmap,
              );
        log(`${tool} as ${role}: ${outcome}`);
        return { tool, outcome };
      });
      const outcomes = await Promise.all(runs);
      summary.push(`## ${role}${email ? ` (${email})` : ''}`, '');
      for (const { tool, outcome } of outcomes) {
        summary.push(`### ${tool} (${outcome})`, '');
        summary.push(
          ...(tool === 'wapiti'
            ? await summariseWapiti(wapitiOut, join(reportDir, `wapiti-${role}.log`))
            : await summariseSqlmap(join(reportDir, `sqlmap-${role}.log`), sqlmapOut)),
          '',
        );
      }
      if (app.exitCode !== null) throw new ScanError(`the app exited during the scan: see ${appLog}`);
    }
    if (roles.some((r) => r.email) && signedIn === 0) throw new ScanError('no role could sign in');
    await writeFile(join(reportDir, 'summary.md'), `${summary.join('\n')}\n`);
    log(`reports in ${reportDir}: summary.md, wapiti-<role>.json, sqlmap-<role>/ and the logs`);
    return 0;
  } finally {
    await cleanUp();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      `[scan ${elapsed()}] failed: ${error instanceof DemoAppError ? error.message : String(error)}`,
    );
    process.exit(1);
  },
);
