/**
 * Figures at scale (issue 21), printed and written under `scale` in bench/results.json
 * (results-postgres.json with BENCH_DATABASE_URL). Not a test: nothing here passes or fails.
 *
 * For each size of generated audit (bench/scale.ts; BENCH_SCALE, default 1000,10000 submitted
 * returns), in this process: the API's answers and actions, the first page and one far into the list
 * (followed from a cursor), 100 rows each; and an XLSX export of the whole audit made by the export
 * job's own path (a batch of returns at a time, in the bounded worker), with the process's peak
 * resident memory while it ran, here (under tsx, whose loader runs in each thread) and, on
 * PostgreSQL, as `npm start` runs it (bench/export-compiled.mjs, in a process of its own running the
 * compiled build, which is brought up to date first); and, signed in as the partnership's admin, the pages and downloads
 * that show the whole audit (their home page, the monitoring page, the results page at its first view
 * (grades not kept: it answers at once and queues the job that keeps them, timed too) and again,
 * results.xlsx, findings report PDF),
 * each with its time, bytes sent and the process's peak resident memory. The load average is
 * written beside each figure: the machine may be shared.
 *
 *   npx tsx bench/scale-bench.ts
 *   BENCH_SCALE=1000 npx tsx bench/scale-bench.ts
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../src/db/client.ts';
import { createApiToken } from '../src/features/api/api-tokens.repository.ts';
import { seedDemo } from '../src/features/demo/demo-seed.ts';
import { runExport } from '../src/features/exports/cycle-export.service.ts';
import { createExport, findExport } from '../src/features/exports/cycle-exports.repository.ts';
import { createJobQueue, runQueuedJobs, startJobQueue } from '../src/jobs/job-queue.ts';
import { JOB_QUEUES, jobHandlers, RETURN_GRADES_QUEUE } from '../src/jobs/workers.ts';
import { systemClock } from '../src/lib/clock.ts';
import { createMailer } from '../src/mail/mailer.ts';
import { appUnderTest, measured } from './app-under-test.ts';
import { runAlone } from './run-alone.ts';
import { seedScaleCycle } from './scale.ts';
import { signInByMail } from './sign-in.ts';

const sizes = (process.env.BENCH_SCALE ?? '1000,10000').split(',').map(Number);
const root = join(import.meta.dirname, '..');

/** On a PostgreSQL server: the compiled figures are measured too (the build is made for them). */
const onServer = Boolean(process.env.BENCH_DATABASE_URL);
if (onServer) {
  const build = spawnSync(process.execPath, [join(root, 'scripts/start.mjs'), '--build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('The build failed: see above.');
}
const database = await openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL });
await database.migrate();
const db = database.db;
const ids = await seedDemo(db, systemClock);
// The queue without workers: the benchmark runs the job the results page queues, and times it.
const queue = createJobQueue(database, { schedule: false, supervise: false });
await startJobQueue(queue, JOB_QUEUES);
const keepGrades = jobHandlers({
  db,
  clock: systemClock,
  mailer: createMailer(db, systemClock, null),
  transport: null,
  baseUrl: 'http://127.0.0.1',
})[RETURN_GRADES_QUEUE]!;
const app = await appUnderTest(database, queue);
const userId = Object.values(ids.userIds)[0]!;
const { token } = await createApiToken(db, {
  partnershipId: ids.partnershipId,
  name: 'Bench',
  expiresAt: null,
  createdBy: userId,
  now: systemClock.now(),
});

const signIn = (email: string) => signInByMail(app, db, email);

const admin = await signIn('business.manager@nrscp.example');

/** A signed-in page or download: status, bytes, time and memory. */
async function page(url: string, status = 200) {
  const m = await measured(() => admin.download(url));
  if (m.value.status !== status) throw new Error(`${url}: ${m.value.status}`);
  const { value, seconds: _, ...rest } = m;
  return { url: url.replace(/[0-9a-f-]{36}/, ':cycleId'), bytes: value.bytes.length, ...rest };
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await run();
  return { ms: Math.round(performance.now() - start), value };
}

async function apiPage(url: string) {
  return timed(async () => {
    const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    return JSON.parse(res.body) as { links: { next: string | null }; meta: { totalItems: number } };
  });
}

/**
 * The first page, the first time (the audit's template not yet read: the first request about an
 * audit reads it once for the process) and the median of five more (what any later first page
 * costs), and the page after following `hops` cursors (its own time only).
 */
async function firstAndFar(list: string, cycleId: string, hops: number) {
  const url = `/api/v1/cycles/${cycleId}/${list}?pageSize=100`;
  const first = await apiPage(url);
  const again: number[] = [];
  for (let i = 0; i < 5; i++) again.push((await apiPage(url)).ms);
  again.sort((a, b) => a - b);
  let page = first;
  for (let i = 0; i < hops && page.value.links.next; i++) page = await apiPage(page.value.links.next);
  return {
    totalItems: first.value.meta.totalItems,
    firstPageMs: first.ms,
    firstPageAgainMs: again[2],
    pageAfterHopsMs: page.ms,
    hops,
  };
}

const scale: Record<string, unknown> = {};
for (const count of sizes) {
  const seeded = await timed(() => seedScaleCycle(db, ids, { count }));
  const cycleId = seeded.value;
  const before = {
    home: await page('/'),
    monitoring: await page(`/cycles/${cycleId}`),
    monitoringFiltered: await page(`/cycles/${cycleId}?sector=la-other&sort=status&direction=desc`),
    // The returns were written without their grades kept (as by an import): the first view works
    // out up to GRADES_INLINE_RETURNS of them itself; more, and it answers 202 at once and queues
    // the job that keeps them (its time below), and later views read the kept grades.
    resultsFirstView: await page(
      `/cycles/${cycleId}/results`,
      count > app.deps.config.gradesInlineReturns ? 202 : 200,
    ),
  };
  const job = await measured(() => runQueuedJobs(queue, RETURN_GRADES_QUEUE, keepGrades));
  const gradesJob = { ...job.value, ms: job.ms, peakRssMb: job.peakRssMb, loadAverage1m: job.loadAverage1m };
  console.info(`${count} returns, the return-grades job: ${JSON.stringify(gradesJob)}`);
  const pages = {
    ...before,
    results: await page(`/cycles/${cycleId}/results`),
    resultsXlsx: await page(`/cycles/${cycleId}/results.xlsx`),
    findingsReportPdf: await page(`/cycles/${cycleId}/report.pdf`),
  };
  for (const [name, p] of Object.entries(pages))
    console.info(
      `${count} returns, ${name}: ${p.ms} ms, ${p.bytes} bytes, peak RSS ${p.peakRssMb} MB (load ${p.loadAverage1m.before})`,
    );
  const answers = await firstAndFar('answers', cycleId, 20);
  const actions = await firstAndFar('actions', cycleId, 20);
  const exportId = await createExport(db, {
    partnershipId: ids.partnershipId,
    cycleId,
    requestedBy: userId,
    format: 'xlsx',
    returnsTotal: count,
    now: systemClock.now(),
  });
  const made = await measured(() => runExport({ db, clock: systemClock, inWorker: true }, exportId));
  const summary = await findExport(db, ids.partnershipId, cycleId, exportId, systemClock.now());
  const figures = {
    returns: count,
    seedSeconds: Math.round(seeded.ms / 100) / 10,
    pages,
    gradesJob,
    apiAnswers: answers,
    apiActions: actions,
    xlsx: {
      status: summary?.status,
      rows: summary?.rowCount,
      seconds: made.seconds,
      rssBeforeMb: made.rssBeforeMb,
      peakRssMb: made.peakRssMb,
    },
    // The export of the largest audit as the compiled build makes it.
    // (Both on PostgreSQL only: they open the database beside the server's.)
    xlsxCompiled: onServer ? runAlone(['--expose-gc'], 'export-compiled.mjs') : null,
    // Its pages as the compiled server serves them, the server's memory read from outside.
    pagesCompiled: onServer ? runAlone(['--import', 'tsx'], 'pages-compiled.ts') : null,
  };
  scale[`returns${count}`] = figures;
  console.info(JSON.stringify(figures));
}
await app.close();
await queue.stop({ graceful: false, wait: true });
await database.close();

const file = join(
  import.meta.dirname,
  process.env.BENCH_DATABASE_URL ? 'results-postgres.json' : 'results.json',
);
const written = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
written.scale = { node: process.version, date: new Date().toISOString(), ...scale };
writeFileSync(file, `${JSON.stringify(written, null, 2)}\n`);
console.info(`Written to ${file}`);
