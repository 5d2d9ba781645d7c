/**
 * National-scale figures (issue 13), printed and written to bench/results-national.json
 * (results-national-postgres.json with BENCH_DATABASE_URL). Not a test: nothing passes or fails.
 *
 * Runs on a database filled by `npm run seed:scale` (the whole size on PostgreSQL, `--small` for the
 * embedded one). The app runs in its own process (bench/national-server.ts); the load comes from this
 * one over loopback. Each scenario gives requests a second (where it runs under load), p50 and p99,
 * beside two ceilings measured in the same run the same way: a bare Fastify route, and the theme
 * page's own bytes served static. The one-load-average of the machine is written beside each figure.
 * The submit scenario submits each of a pool of ready returns once (bench/submit-pool.ts; the server
 * puts them back as they were when it stops; BENCH_SUBMIT_POOL returns, 1,500 by default).
 *
 *   createdb s11_national && DATABASE_URL=postgres://…/s11_national npm run seed:scale
 *   BENCH_DATABASE_URL=postgres://…/s11_national npm run bench:national
 *   DATA_DIR=/tmp/national npm run seed:scale -- --small && BENCH_DATA_DIR=/tmp/national npm run bench:national
 *   BENCH_ONLY=themePageGet,monitoring npm run bench:national     only the named scenarios
 *   BENCH_CPU_PROF=/tmp/prof npm run bench:national               and the server's CPU profile there
 *   BENCH_WARM_UP_SECONDS=0 npm run bench:national                 no warm-up (2 s unmeasured by default)
 *   (`npm run bench` runs it too when BENCH_NATIONAL=1.)
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { runAlone } from './run-alone.ts';

if (process.argv.includes('--if-asked') && !process.env.BENCH_NATIONAL) {
  console.info(
    'National scenarios skipped: set BENCH_NATIONAL=1 (and BENCH_DATABASE_URL or BENCH_DATA_DIR).',
  );
  process.exit(0);
}
const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
/** Each scenario under load first runs this long unmeasured, so its figures are the server's once warm (JIT). */
const WARM_UP = Number(process.env.BENCH_WARM_UP_SECONDS ?? 2);
const ONE_AT_A_TIME = Number(process.env.BENCH_REPEATS ?? 20);
const server = spawn(
  process.execPath,
  ['--import', 'tsx', '--expose-gc', join(import.meta.dirname, 'national-server.ts')],
  { env: process.env, stdio: ['ignore', 'pipe', 'inherit'] },
);
const lines = createInterface({ input: server.stdout! });
const info = await new Promise<Record<string, unknown>>((resolve, reject) => {
  lines.once('line', (line) => resolve(JSON.parse(line) as Record<string, unknown>));
  server.once('exit', (code) => reject(new Error(`the benchmark server stopped (${code})`)));
});
const s = info as {
  database: string;
  largestAuditReturns: number;
  base: string;
  bare: string;
  staticTheme: string;
  themePath: string;
  themePageBytes: number;
  taskListPath: string;
  saveForm: string;
  cookies: { lead: string; admin: string; platform: string };
  cycleId: string;
  closedCycleId: string | null;
  apiToken: string;
  submitter: { cookie: string; csrf: string; returnIds: string[] } | null;
  exports: Record<string, { seconds: number; peakRssMb: number; rows?: number; status?: string }>;
};
const load1 = () => Math.round(loadavg()[0]! * 100) / 100;
const results: Record<string, unknown> = {
  node: process.version,
  date: new Date().toISOString(),
  database: s.database,
  largestAuditReturns: s.largestAuditReturns,
  themePageBytes: s.themePageBytes,
  secondsEach: DURATION,
  ...s.exports,
};
for (const [name, e] of Object.entries(s.exports))
  console.info(`${name}: ${e.seconds} s, peak RSS ${e.peakRssMb} MB, ${e.rows} rows (${e.status})`);

/**
 * The server's CPU time so far (user and system, ms; Linux): per request, a figure that the load of
 * the rest of the machine changes much less than requests a second.
 */
function serverCpuMs(): number | null {
  return server.pid === undefined ? null : processCpuMs(server.pid);
}
/** CPU time (ms) of a process by its /proc/<pid>/stat (user and system), or null once it has gone. */
function processCpuMs(pid: number | string): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}
/**
 * With a PostgreSQL server on this machine, the CPU time so far of its processes that stay (the
 * server's connections from the pool, its writers and vacuum): a database's share of a page, where
 * it runs beside the app. Null for the embedded database (its work is the server's own CPU).
 */
const databaseOnThisMachine = /@(127\.0\.0\.1|localhost)[:/]/.test(process.env.BENCH_DATABASE_URL ?? '');
function databaseCpuMs(): Map<string, number> | null {
  if (!databaseOnThisMachine) return null;
  const cpu = new Map<string, number>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
    } catch {
      continue;
    }
    const ms = processCpuMs(pid);
    if (ms !== null) cpu.set(pid, ms);
  }
  return cpu;
}
/** The CPU its processes spent between two readings (those present in both). */
function databaseCpuSpent(before: Map<string, number> | null, after: Map<string, number> | null) {
  if (!before || !after) return null;
  let spent = 0;
  for (const [pid, ms] of after) spent += ms - (before.get(pid) ?? ms);
  return spent;
}
const only = process.env.BENCH_ONLY?.split(',');
/** Under load (10 connections for BENCH_SECONDS) or one at a time (1 connection, BENCH_REPEATS requests). */
async function scenario(name: string, mode: 'load' | 'one', options: Partial<autocannon.Options>) {
  if (only && !only.includes(name)) return;
  // (Not a scenario of a set number of requests: submitting, each return can be submitted once.)
  if (mode === 'load' && WARM_UP > 0 && options.amount === undefined)
    await autocannon({ url: s.base, connections: 10, duration: WARM_UP, ...options });
  const loadBefore = load1();
  const cpuBefore = serverCpuMs();
  const generatorBefore = process.cpuUsage();
  const databaseBefore = databaseCpuMs();
  const result = await autocannon({
    url: s.base,
    ...(mode === 'load'
      ? { connections: 10, duration: DURATION }
      : { connections: 1, amount: ONE_AT_A_TIME, timeout: 120 }),
    ...options,
  });
  const cpuAfter = serverCpuMs();
  const generator = process.cpuUsage(generatorBefore);
  const databaseSpent = databaseCpuSpent(databaseBefore, databaseCpuMs());
  const figures = {
    mode: mode === 'load' ? '10 connections' : 'one at a time',
    requestsPerSecond: Math.round(result.requests.average * 10) / 10,
    latencyMsP50: result.latency.p50,
    latencyMsP99: result.latency.p99,
    serverCpuMsPerRequest:
      cpuBefore !== null && cpuAfter !== null && result.requests.total
        ? Math.round(((cpuAfter - cpuBefore) / result.requests.total) * 100) / 100
        : null,
    databaseCpuMsPerRequest:
      databaseSpent !== null && result.requests.total
        ? Math.round((databaseSpent / result.requests.total) * 100) / 100
        : null,
    // The load generator's own CPU (autocannon, in this process, on the same cores as the server):
    // reading a 136 KB theme page costs it about half a millisecond on a 2-core VM, so the static
    // bytes' ceiling is where the generator fills a core, not the server.
    loadGeneratorCpuMsPerRequest: result.requests.total
      ? Math.round(((generator.user + generator.system) / 1000 / result.requests.total) * 1000) / 1000
      : null,
    bytesPerResponse: result.requests.total ? Math.round(result.throughput.total / result.requests.total) : 0,
    responses: { '2xx': result['2xx'], '3xx': result['3xx'], '4xx': result['4xx'], '5xx': result['5xx'] },
    errors: result.errors,
    timeouts: result.timeouts,
    loadAverage1m: { before: loadBefore, after: load1() },
  };
  results[name] = figures;
  console.info(
    `${name} (${figures.mode}): ${figures.requestsPerSecond} req/s, p50 ${figures.latencyMsP50} ms, p99 ${figures.latencyMsP99} ms, server CPU ${figures.serverCpuMsPerRequest} ms a request, database CPU ${figures.databaseCpuMsPerRequest} ms, load generator CPU ${figures.loadGeneratorCpuMsPerRequest} ms, ${JSON.stringify(figures.responses)}, load ${loadBefore}`,
  );
}

const lead = { cookie: s.cookies.lead };
const admin = { cookie: s.cookies.admin };
// Ceilings, both ways of measuring.
await scenario('bareFastifyRoute', 'load', { url: s.bare });
await scenario('staticThemeBytes', 'load', { url: s.staticTheme });
await scenario('bareFastifyRouteOne', 'one', { url: s.bare, amount: 200 });
await scenario('staticThemeBytesOne', 'one', { url: s.staticTheme, amount: 200 });
// An agency's pages under load.
await scenario('themePageGet', 'load', { url: `${s.base}${s.themePath}`, headers: lead });
// As a browser asks for it (autocannon asks for no compression): the page compressed (brotli).
await scenario('themePageGetCompressed', 'load', {
  url: `${s.base}${s.themePath}`,
  headers: { ...lead, 'accept-encoding': 'gzip, deflate, br' },
});
await scenario('themePageSave', 'load', {
  url: `${s.base}${s.themePath}`,
  method: 'POST',
  headers: { ...lead, 'content-type': 'application/x-www-form-urlencoded' },
  body: s.saveForm,
});
// Submitting a ready return: each request a different one of the server's pool (a return submits once).
if (s.submitter) {
  const { cookie, csrf, returnIds } = s.submitter;
  let next = 0;
  await scenario('submit', 'load', {
    amount: returnIds.length,
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf }).toString(),
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          path: `/returns/${returnIds[next++ % returnIds.length]}/submit`,
        }),
      },
    ],
  });
}
await scenario('taskList', 'load', { url: `${s.base}${s.taskListPath}`, headers: lead });
// The partnership's pages of the largest audit, one at a time.
await scenario('monitoring', 'one', { url: `${s.base}/cycles/${s.cycleId}`, headers: admin });
await scenario('results', 'one', { url: `${s.base}/cycles/${s.cycleId}/results`, headers: admin });
// The partnership's last closed audit's results: compared with the one before, and its overdue actions.
if (s.closedCycleId)
  await scenario('resultsClosedAudit', 'one', {
    url: `${s.base}/cycles/${s.closedCycleId}/results`,
    headers: admin,
  });
await scenario('findingsReportPdf', 'one', {
  url: `${s.base}/cycles/${s.cycleId}/report.pdf`,
  headers: admin,
  amount: Math.min(ONE_AT_A_TIME, 5),
});
await scenario('apiAnswersPage', 'load', {
  url: `${s.base}/api/v1/cycles/${s.cycleId}/answers?pageSize=100`,
  headers: { authorization: `Bearer ${s.apiToken}` },
});
await scenario('platformPartnerships', 'load', {
  url: `${s.base}/platform/partnerships`,
  headers: { cookie: s.cookies.platform },
});

const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
server.kill('SIGTERM');
// A request still running in the server (a timed-out one) may hold its close: not for long.
const stopped = new Promise((resolve) => {
  server.once('exit', resolve);
  setTimeout(() => server.kill('SIGKILL'), 10_000).unref();
});

const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
results.serverMemory = { rssMb: Math.round(kb('VmRSS') / 1024), peakRssMb: Math.round(kb('VmHWM') / 1024) };
console.info(`Server memory: ${JSON.stringify(results.serverMemory)}`);
await stopped;
// The XLSX export again as `npm start` makes it: the compiled build in a process of its own, the
// figure the export's own memory target is about (the export above shares the server's process).
if (process.env.BENCH_DATABASE_URL && (!only || only.includes('xlsxCompiled'))) {
  const made = runAlone(['--expose-gc'], 'export-compiled.mjs');
  results.xlsxCompiled = made;
  console.info(
    `xlsxCompiled: ${made.seconds} s, RSS ${made.rssBeforeMb} → ${made.peakRssMb} MB, ${made.rows} rows`,
  );
}
// On the embedded database: the server as `npm start` runs it, its memory through its start, pages,
// exports and load (the figure the embedded memory target is about: the server above runs under tsx
// and makes the exports in its own process at its start).
if (!process.env.BENCH_DATABASE_URL && (!only || only.includes('compiledServer'))) {
  const figures = runAlone(['--import', 'tsx'], 'embedded-compiled.ts');
  results.compiledServer = figures;
  console.info(`compiledServer: ${JSON.stringify(figures)}`);
}
const file = join(
  import.meta.dirname,
  process.env.BENCH_DATABASE_URL ? 'results-national-postgres.json' : 'results-national.json',
);
// BENCH_ONLY measures some scenarios: the figures of the others stay as they were.
const written =
  only && existsSync(file)
    ? {
        ...(JSON.parse(readFileSync(file, 'utf8')) as object),
        ...Object.fromEntries(
          Object.entries(results).filter(([k, v]) => only.includes(k) || typeof v !== 'object'),
        ),
      }
    : results;
writeFileSync(file, `${JSON.stringify(written, null, 2)}\n`);
console.info(`Written to ${file}`);
