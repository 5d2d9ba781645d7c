/**
 * What the database's wall costs (issue 11): the theme page's time through app.inject, and the cost
 * of switching a connection's scope (the statement `scoped-pool.ts` and the PGlite worker run when a
 * query's partnership differs from the connection's last one; a page of a return switches twice:
 * to its partnership after loading the return, and back for the next request's session).
 * Small on purpose, for a shared machine: `tsx bench/wall-cost.ts` (BENCH_DATABASE_URL for a server).
 */
import { sql } from 'drizzle-orm';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { actingFor, inSystemContext } from '../src/db/acting-partnership.ts';
import { openDatabase } from '../src/db/client.ts';
import { seedDemo } from '../src/features/demo/demo-seed.ts';
import { systemClock } from '../src/lib/clock.ts';
import { createMailer } from '../src/mail/mailer.ts';
import { TestClient } from '../test/helpers/test-app.ts';

const database = await openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL });
await database.migrate();
const ids = await seedDemo(database.db, systemClock);
const config = loadConfig({ NODE_ENV: 'test', BASE_URL: 'http://127.0.0.1', DEMO: 'true' });
const app = await createApp({
  config,
  database,
  mailer: createMailer(database.db, systemClock, null),
  clock: systemClock,
});
const client = new TestClient(app);
const LEAD = 'safeguarding.lead@northshire-council.example';
await client.get('/sign-in');
await client.post('/sign-in', { email: LEAD });
const mail = await database.executeSql(
  `select body_text from outgoing_mail where "to" = $1 order by seq desc limit 1`,
  [LEAD],
);
const token = /\/sign-in\/link\/([A-Za-z0-9_-]+)/.exec(String(mail.rows[0]?.body_text))?.[1];
await client.get(`/sign-in/link/${token}`);
await client.post('/sign-in/link', { token: token! });
const [theme] = (
  await database.executeSql(
    `select t.id from template_themes t join returns r on r.id = $1 join cycles c on c.id = r.cycle_id
     where t.template_version_id = c.template_version_id order by t.position limit 1`,
    [ids.returnIds.council],
  )
).rows;
const themePath = `/returns/${ids.returnIds.council}/themes/${theme!.id}`;

async function msPer(n: number, work: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 20; i++) await work(i);
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await work(i);
  return Number(process.hrtime.bigint() - start) / 1e6 / n;
}

const page = await msPer(200, async () => {
  const r = await client.get(themePath);
  if (r.status !== 200) throw new Error(`theme page: ${r.status}`);
});
const x = ids.partnershipId;
const select1 = () => database.db.execute(sql`select 1`);
const sameScope = await msPer(500, () => actingFor(x, select1));
const switching = await msPer(500, (i) => (i % 2 === 0 ? actingFor(x, select1) : inSystemContext(select1)));
console.info(
  JSON.stringify({
    database: database.kind,
    themePageMs: Number(page.toFixed(2)),
    select1SameScopeMs: Number(sameScope.toFixed(3)),
    select1SwitchingScopeMs: Number(switching.toFixed(3)),
    perSwitchMs: Number((switching - sameScope).toFixed(3)),
  }),
);
await app.close();
await database.close();
