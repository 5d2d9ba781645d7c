/**
 * The audit export as `npm start` runs it: the compiled build (dist/, made by `npm run build`), the
 * export's worker its compiled JavaScript, no TypeScript loader in either thread. Makes an XLSX
 * export of the cycle with the most returns in the PostgreSQL database BENCH_DATABASE_URL, through
 * the export job's own path (`runExport`, in the bounded worker), and prints one line of JSON: the
 * time, and the process's resident memory before and at its peak (sampled every 20 ms). Run by
 * bench/scale-bench.ts (with --expose-gc) after it has made its audits; by hand:
 *
 *   npm run build && BENCH_DATABASE_URL=postgres://… node --expose-gc bench/export-compiled.mjs
 */
import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';

const dist = new URL('../dist/', import.meta.url);
const { openDatabase, queryRows } = await import(new URL('db/client.js', dist).href);
const { runExport } = await import(new URL('features/exports/cycle-export.service.js', dist).href);
const { createExport, findExport } = await import(
  new URL('features/exports/cycle-exports.repository.js', dist).href
);
const { systemClock } = await import(new URL('lib/clock.js', dist).href);

if (!process.env.BENCH_DATABASE_URL) throw new Error('BENCH_DATABASE_URL: the PostgreSQL database to read');
const database = await openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL });
const db = database.db;
const [cycle] = await queryRows(
  db,
  sql`select c.id, c.partnership_id, count(*)::int as returns from cycles c join returns r on r.cycle_id = c.id
      group by c.id order by count(*) desc limit 1`,
);
const [user] = await queryRows(db, sql`select id from users order by created_at limit 1`);
const exportId = await createExport(db, {
  partnershipId: cycle.partnership_id,
  cycleId: cycle.id,
  requestedBy: user.id,
  format: 'xlsx',
  returnsTotal: cycle.returns,
  now: systemClock.now(),
});
const mb = (bytes) => Math.round(bytes / 1048576);
globalThis.gc?.();
const loadBefore = Math.round(loadavg()[0] * 100) / 100;
const before = process.memoryUsage().rss;
let peak = before;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 20);
const start = performance.now();
const loopBefore = performance.eventLoopUtilization();
await runExport({ db, clock: systemClock, inWorker: true }, exportId);
const seconds = Math.round((performance.now() - start) / 100) / 10;
// How long the app's own thread (the one that serves requests) was busy: reading the database and
// handing batches over; the worker makes the rows and the file.
const appThreadBusySeconds = Math.round(performance.eventLoopUtilization(loopBefore).active / 100) / 10;
clearInterval(sampler);
const made = await findExport(db, cycle.partnership_id, cycle.id, exportId, systemClock.now());
await database.close();
console.info(
  JSON.stringify({
    returns: cycle.returns,
    status: made?.status,
    rows: made?.rowCount,
    seconds,
    appThreadBusySeconds,
    rssBeforeMb: mb(before),
    peakRssMb: mb(peak),
    loadAverage1m: { before: loadBefore, after: Math.round(loadavg()[0] * 100) / 100 },
  }),
);
