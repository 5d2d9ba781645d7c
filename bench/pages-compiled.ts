/**
 * The pages that show a whole audit as `npm start` serves them (issue 21's target: every page and
 * API page under 1 s with the server under 400 MB): the compiled build in a process of its own
 * (scripts/start.mjs) on the PostgreSQL database BENCH_DATABASE_URL, asked over HTTP by this process.
 * The partnership admin's home page, and for the audit with the most returns: the monitoring page
 * (whole and filtered), the results page,
 * results.xlsx, the findings report PDF, and the read API's first answers and actions pages; each
 * with its time, bytes, and the server's resident memory after it and its peak since it started
 * (VmHWM, which includes its start-up jobs: working out grades not yet kept, the statistics).
 * Prints one line of JSON. Run by bench/scale-bench.ts after it has made its audits; by hand:
 *
 *   BENCH_DATABASE_URL=postgres://… npx tsx bench/pages-compiled.ts
 */
import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { asOwner } from '../src/db/acting-partnership.ts';
import { openDatabase, queryRows } from '../src/db/client.ts';
import { createApiToken } from '../src/features/api/api-tokens.repository.ts';
import { systemClock } from '../src/lib/clock.ts';
import { spawnServer } from '../test/helpers/spawned-server.ts';
import { treeMemoryMb } from './process-memory.ts';

const databaseUrl = process.env.BENCH_DATABASE_URL;
if (!databaseUrl) throw new Error('BENCH_DATABASE_URL: the PostgreSQL database to read');
const ADMIN = process.env.BENCH_ADMIN ?? 'business.manager@nrscp.example';

const database = await openDatabase({ databaseUrl });
const db = database.db;
const [cycle] = await queryRows<{ id: string; partnership_id: string; returns: number }>(
  db,
  sql`select c.id, c.partnership_id, count(*)::int as returns from cycles c join returns r on r.cycle_id = c.id
      group by c.id order by count(*) desc limit 1`,
);
const [admin] = await queryRows<{ id: string }>(db, sql`select id from users where email = ${ADMIN}`);
if (!cycle || !admin) throw new Error(`No audit, or no user ${ADMIN}: run bench/scale-bench.ts first.`);
const { token } = await createApiToken(db, {
  partnershipId: cycle.partnership_id,
  name: 'Bench (compiled server)',
  expiresAt: null,
  createdBy: admin.id,
  now: systemClock.now(),
});

/** Until the start-up jobs (statistics, grades not yet kept) have finished: they count in the peak. */
async function startUpJobsDone(): Promise<number> {
  const began = performance.now();
  for (;;) {
    // pg-boss's tables are the owner's: the app's role cannot read them.
    const [left] = await asOwner(() =>
      queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from pgboss.job
          where name in ('return-grades', 'database-statistics') and state in ('created', 'retry', 'active')
            and start_after <= now()`,
      ),
    );
    if (left?.n === 0) return Math.round(performance.now() - began);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const server = await spawnServer({ env: { DATABASE_URL: databaseUrl }, compiled: true });
const pid = server.process.pid!;
try {
  const startUpJobsMs = await startUpJobsDone();
  const afterStart = treeMemoryMb(pid);
  const client = server.client();
  await client.signIn(ADMIN);
  const signedIn = treeMemoryMb(pid);
  const load1 = () => Math.round(loadavg()[0]! * 100) / 100;

  async function measure(path: string, headers?: Record<string, string>) {
    const load = load1();
    const start = performance.now();
    // The API with its token alone, from a client with no session.
    const res = headers ? await server.client().download(path, headers) : await client.download(path);
    const ms = Math.round(performance.now() - start);
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    return { ms, bytes: res.bytes, ...treeMemoryMb(pid), loadAverage1m: load };
  }

  const c = cycle.id;
  const bearer = { authorization: `Bearer ${token}` };
  const round = async () => ({
    home: await measure('/'),
    monitoring: await measure(`/cycles/${c}`),
    monitoringFiltered: await measure(`/cycles/${c}?sector=la-other&sort=status&direction=desc`),
    results: await measure(`/cycles/${c}/results`),
    resultsXlsx: await measure(`/cycles/${c}/results.xlsx`),
    findingsReportPdf: await measure(`/cycles/${c}/report.pdf`),
    apiAnswers: await measure(`/api/v1/cycles/${c}/answers?pageSize=100`, bearer),
    apiActions: await measure(`/api/v1/cycles/${c}/actions?pageSize=100`, bearer),
  });
  // The first of each in a new process pays for its first run (compiling, the PDF's fonts, the
  // template read): asked a second time, what every later request costs.
  const pages = await round();
  const again = await round();
  const figures = {
    command: 'node scripts/start.mjs',
    returns: cycle.returns,
    startUpJobsMs,
    afterStart,
    signedIn,
    pages,
    again,
    slowestMs: Math.max(...Object.values(pages).map((p) => p.ms)),
    slowestAgainMs: Math.max(...Object.values(again).map((p) => p.ms)),
    serverPeakRssMb: treeMemoryMb(pid).peakRssMb,
  };
  console.info(JSON.stringify(figures));
} finally {
  server.process.kill('SIGTERM');
  await server.exited;
  await database.close();
}
