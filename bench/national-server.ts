/**
 * The app over the national data (`npm run seed:scale`), for bench/national.ts: opens the database
 * (BENCH_DATABASE_URL, or the embedded one in BENCH_DATA_DIR), signs in the people the scenarios act
 * as, measures the largest audit's XLSX and CSV exports (made as the export job makes them, in its
 * bounded worker: time and this process's peak RSS), then listens and prints one JSON line with
 * what the load generator needs. Also serves the ceilings: a bare Fastify route, and the theme page's
 * own bytes as a static response.
 *
 * With BENCH_CPU_PROF=<folder> it profiles its CPU from the moment it listens until it stops (the
 * scenarios only, not the setup) and writes `national-server.cpuprofile` there, to read its top frames.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../src/db/client.ts';
import { createApiToken } from '../src/features/api/api-tokens.repository.ts';
import { runExport } from '../src/features/exports/cycle-export.service.ts';
import { createExport, findExport } from '../src/features/exports/cycle-exports.repository.ts';
import { systemClock } from '../src/lib/clock.ts';
import { formFields } from '../test/helpers/record-conflicts.ts';
import { appUnderTest, bareServer, listenLocally, measured, stopOnSignal } from './app-under-test.ts';
import { signInByMail } from './sign-in.ts';
import { prepareSubmitPool, SUBMITTER } from './submit-pool.ts';

const databaseUrl = process.env.BENCH_DATABASE_URL;
const database = await openDatabase(
  databaseUrl ? { databaseUrl } : { dataDir: process.env.BENCH_DATA_DIR ?? './data' },
);
const db = database.db;
const app = await appUnderTest(database);

const LEAD = 'safeguarding.lead@northshire-council.example';
const [largest] = await queryRows<{ partnership_id: string; cycle_id: string; returns: number }>(
  db,
  sql`select c.partnership_id, c.id as cycle_id, (select count(*)::int from returns r where r.cycle_id = c.id) as returns
    from cycles c join partnerships p on p.id = c.partnership_id
    where p.short_name = 'nrscp' order by c.opens_at desc limit 1`,
);
if (!largest) throw new Error('No national data: run `npm run seed:scale` into this database first.');
// The same partnership's most recent audit that has closed: its results list its overdue actions.
const [closed] = await queryRows<{ cycle_id: string }>(
  db,
  sql`select c.id as cycle_id from cycles c
    where c.partnership_id = ${largest.partnership_id} and c.closes_at < now() order by c.opens_at desc limit 1`,
);
const [lead] = await queryRows<{ return_id: string; user_id: string }>(
  db,
  sql`select r.id as return_id, u.id as user_id from users u join agency_users au on au.user_id = u.id
    join returns r on r.agency_id = au.agency_id where u.email = ${LEAD} and r.cycle_id = ${largest.cycle_id}`,
);
const [admin] = await queryRows<{ id: string }>(
  db,
  sql`select u.id from users u join partnership_roles pr on pr.user_id = u.id
    where pr.partnership_id = ${largest.partnership_id} and pr.role = 'partnership_admin' order by u.email limit 1`,
);

const signIn = (email: string) => signInByMail(app, db, email);

const only = process.env.BENCH_ONLY?.split(',');
const exports: Record<string, unknown> = {};
for (const format of ['xlsx', 'csv'] as const) {
  const name = `${format}Download`;
  if (only && !only.includes(name)) continue;
  const exportId = await createExport(db, {
    partnershipId: largest.partnership_id,
    cycleId: largest.cycle_id,
    requestedBy: admin!.id,
    format,
    returnsTotal: largest.returns,
    now: systemClock.now(),
  });
  const { seconds, rssBeforeMb, peakRssMb } = await measured(() =>
    runExport({ db, clock: systemClock, inWorker: true }, exportId),
  );
  const made = await findExport(db, largest.partnership_id, largest.cycle_id, exportId, systemClock.now());
  exports[name] = {
    status: made?.status,
    rows: made?.rowCount,
    returns: largest.returns,
    seconds,
    rssBeforeMb,
    peakRssMb,
  };
}

const leadClient = await signIn(LEAD);
const adminClient = await signIn('business.manager@nrscp.example');
const platformClient = await signIn('service.desk@section11-hosting.example');
const taskListPath = `/returns/${lead!.return_id}`;
const taskList = await leadClient.get(taskListPath);
// The largest theme of the return (the added local standards have 15 questions).
const themePaths = [...taskList.body.matchAll(/href="(\/returns\/[0-9a-f-]+\/themes\/[0-9a-f-]+)"/g)].map(
  (m) => m[1]!,
);
const themePath = themePaths.at(-1)!;
const themePage = await leadClient.get(themePath);
if (themePage.status !== 200) throw new Error(`theme page: ${themePage.status}`);
const fields = formFields(themePage.body, themePath);
for (const key of Object.keys(fields)) if (/^q\d+-response$/.test(key)) fields[key] = 'fully_met';
for (const name of Object.keys(fields))
  if (/^q\d+-comment$/.test(name)) fields[name] = 'Saved by the benchmark';
const saveForm = new URLSearchParams({
  ...fields,
  ...Object.fromEntries(
    [...themePage.body.matchAll(/name="(q\d+)-response"/g)].map((m) => [`${m[1]}-response`, 'fully_met']),
  ),
  _csrf: leadClient.csrf,
  rating: 'green',
  justification: 'In place across the organisation.',
  intent: 'continue',
  completed: 'no',
}).toString();
// The submit scenario: a pool of ready returns, one a request, submitted by their agencies' lead.
const submitPool =
  !only || only.includes('submit')
    ? await prepareSubmitPool(
        db,
        databaseUrl ?? process.env.BENCH_DATA_DIR ?? './data',
        Number(process.env.BENCH_SUBMIT_POOL ?? 1500),
        systemClock.now(),
      )
    : null;
let submitter: { cookie: string; csrf: string; returnIds: string[] } | null = null;
if (submitPool) {
  const client = await signIn(SUBMITTER);
  const check = await client.get(`/returns/${submitPool.returnIds[0]}/check`);
  if (check.status !== 200 || !/action="[^"]*\/submit"/.test(check.body))
    throw new Error(`the submit pool's check page: ${check.status}`);
  submitter = { cookie: client.cookieHeader(), csrf: client.csrf, returnIds: submitPool.returnIds };
}
const { token } = await createApiToken(db, {
  partnershipId: largest.partnership_id,
  name: 'Benchmark',
  expiresAt: null,
  createdBy: admin!.id,
  now: systemClock.now(),
});

const base = await listenLocally(app);
const themeBytes = Buffer.from(themePage.body);
const { bare, base: bareBase } = await bareServer((bare) =>
  bare.get('/static', (_request, reply) => reply.type('text/html; charset=utf-8').send(themeBytes)),
);

const profileDir = process.env.BENCH_CPU_PROF;
const profiler = profileDir ? new Session() : null;
if (profiler) {
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
}
process.stdout.write(
  `${JSON.stringify({
    database: database.kind,
    largestAuditReturns: largest.returns,
    base,
    bare: `${bareBase}/`,
    staticTheme: `${bareBase}/static`,
    themePath,
    themePageBytes: themeBytes.length,
    taskListPath,
    saveForm,
    cookies: {
      lead: leadClient.cookieHeader(),
      admin: adminClient.cookieHeader(),
      platform: platformClient.cookieHeader(),
    },
    cycleId: largest.cycle_id,
    closedCycleId: closed?.cycle_id ?? null,
    apiToken: token,
    submitter,
    exports,
  })}\n`,
);
stopOnSignal(
  async () => {
    if (!profiler || !profileDir) return;
    const { profile } = await profiler.post('Profiler.stop');
    writeFileSync(join(profileDir, 'national-server.cpuprofile'), JSON.stringify(profile));
  },
  async () => {
    if (submitPool) console.error(`Submit pool put back: ${JSON.stringify(await submitPool.restore())}`);
  },
  () => bare.close(),
  () => app.close(),
  () => database.close(),
);
