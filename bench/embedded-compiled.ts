/**
 * The server as `npm start` runs it on the embedded database (issue 13's target: 400 MB at its peak):
 * the compiled build in a process of its own (scripts/start.mjs) on the national data of DATA_DIR
 * (`npm run seed:scale -- --small`), asked over HTTP by this process. Its resident memory and its peak
 * since it started (VmHWM, its PGlite thread and the export's worker included) after its start-up
 * jobs, after the agency lead's pages and the partnership's pages of the largest audit, after that
 * audit's XLSX and CSV exports (made by its own export job), and after 10 connections on the theme
 * page and then on the results page for BENCH_SECONDS each. Prints one line of JSON. Run by
 * bench/national.ts on the embedded database, once its own server has stopped (a data folder has
 * one process at a time); by hand:
 *
 *   BENCH_DATA_DIR=/tmp/national npx tsx bench/embedded-compiled.ts
 */
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../src/db/client.ts';
import { COUNCIL_LEAD, type HttpClient, spawnServer } from '../test/helpers/spawned-server.ts';
import { treeMemoryMb } from './process-memory.ts';

const dataDir = process.env.BENCH_DATA_DIR;
if (!dataDir) throw new Error('BENCH_DATA_DIR: the embedded database of the national data');
const ADMIN = 'business.manager@nrscp.example';
const METRICS_TOKEN = 'bench-embedded-compiled';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);

// The largest audit, read before the server opens the folder.
const database = await openDatabase({ dataDir });
const [largest] = await queryRows<{ id: string; returns: number }>(
  database.db,
  sql`select c.id, (select count(*)::int from returns r where r.cycle_id = c.id) as returns
    from cycles c join partnerships p on p.id = c.partnership_id
    where p.short_name = 'nrscp' order by c.opens_at desc limit 1`,
);
await database.close();
if (!largest)
  throw new Error('No national data: run `npm run seed:scale -- --small` into this folder first.');

const server = await spawnServer({
  env: { DATA_DIR: dataDir, DEMO: 'false', METRICS_TOKEN },
  compiled: true,
  timeoutMs: 120_000,
});
const pid = server.process.pid!;
const memory = () => {
  const { rssMb, peakRssMb } = treeMemoryMb(pid);
  return { rssMb, peakRssMb, loadAverage1m: Math.round(loadavg()[0]! * 100) / 100 };
};

/** Asks `ready` every 200 ms until it is true; fails after `seconds`, rather than waiting for ever. */
async function waitUntil(what: string, seconds: number, ready: () => Promise<boolean>): Promise<number> {
  const began = performance.now();
  while (!(await ready())) {
    if (performance.now() - began > seconds * 1000) throw new Error(`${what}: not within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return Math.round(performance.now() - began);
}

/** Until no start-up job (grades not yet kept, the statistics) waits or runs, as its metrics say. */
function startUpJobsDone(): Promise<number> {
  return waitUntil('the start-up jobs', 300, async () => {
    const res = await fetch(`${server.baseUrl}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    const text = await res.text();
    const waiting = [...text.matchAll(/^s11_jobs\{([^}]*)\} (\d+)/gm)].filter(
      ([, labels, n]) =>
        /queue="(return-grades|database-statistics)"/.test(labels!) &&
        /state="(created|retry|active)"/.test(labels!) &&
        Number(n) > 0,
    );
    if (res.status !== 200) throw new Error(`/metrics: ${res.status}`);
    return waiting.length === 0;
  });
}

async function ok(client: HttpClient, path: string): Promise<void> {
  const res = await client.download(path);
  if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
}

/** An export made by the server's job, waited for and downloaded. */
async function exported(client: HttpClient, format: 'xlsx' | 'csv'): Promise<number> {
  const began = performance.now();
  await client.get(`/cycles/${largest!.id}/exports`);
  const made = await client.post(`/cycles/${largest!.id}/exports`, { format });
  if (made.status !== 303 || !made.location) throw new Error(`${format} export: ${made.status}`);
  await waitUntil(`the ${format} export`, 600, async () => {
    const { status } = JSON.parse((await client.get(`${made.location}/status.json`)).body) as {
      status: string;
    };
    if (status === 'failed') throw new Error(`${format} export failed`);
    return status === 'done';
  });
  await ok(client, `${made.location}/download`);
  return Math.round((performance.now() - began) / 100) / 10;
}

async function load(client: HttpClient, path: string) {
  const result = await autocannon({
    url: `${server.baseUrl}${path}`,
    connections: 10,
    duration: SECONDS,
    headers: { cookie: client.cookieHeader() },
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${path}: ${result.non2xx} not 2xx`);
  return { requestsPerSecond: result.requests.average, latencyMsP99: result.latency.p99 };
}

try {
  const startUpJobsMs = await startUpJobsDone();
  const afterStart = memory();
  const lead = server.client();
  await lead.signIn(COUNCIL_LEAD);
  const admin = server.client();
  await admin.signIn(ADMIN);
  const returns = await lead.get('/returns');
  const returnPath = /href="(\/returns\/[0-9a-f-]{36})"/.exec(returns.body)?.[1];
  if (!returnPath) throw new Error("the lead's returns list links to no return");
  const taskList = await lead.get(returnPath);
  const themePaths = [...taskList.body.matchAll(/href="(\/returns\/[0-9a-f-]+\/themes\/[0-9a-f-]+)"/g)].map(
    (m) => m[1]!,
  );
  for (const path of themePaths) await ok(lead, path);
  const agencyPages = memory();
  for (const path of ['', '/results', '/results.xlsx', '/report.pdf'])
    await ok(admin, `/cycles/${largest.id}${path}`);
  const partnershipPages = memory();
  const xlsxSeconds = await exported(admin, 'xlsx');
  const afterXlsx = memory();
  const csvSeconds = await exported(admin, 'csv');
  const afterCsv = memory();
  const themePage = await load(lead, themePaths.at(-1)!);
  const afterThemeLoad = memory();
  const resultsPage = await load(admin, `/cycles/${largest.id}/results`);
  const afterResultsLoad = memory();
  console.info(
    JSON.stringify({
      command: 'node scripts/start.mjs',
      returns: largest.returns,
      startUpJobsMs,
      afterStart,
      agencyPages,
      partnershipPages,
      xlsx: { seconds: xlsxSeconds, ...afterXlsx },
      csv: { seconds: csvSeconds, ...afterCsv },
      themePage: { ...themePage, ...afterThemeLoad },
      resultsPage: { ...resultsPage, ...afterResultsLoad },
      peakRssMb: memory().peakRssMb,
    }),
  );
} finally {
  server.process.kill('SIGTERM');
  await server.exited;
}
