/**
 * Speed and memory figures, printed and written to bench/results.json. Not a test: nothing here
 * passes or fails. Runs the real app on an in-memory PGlite with the demo partnership.
 *
 *   npm run bench
 */
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { seedDemo } from '../src/features/demo/demo-seed.ts';
import { loadReturnStructure } from '../src/features/returns/return-structure.repository.ts';
import { ThemePage } from '../src/features/returns/theme.view.tsx';
import { stateFromSaved } from '../src/features/returns/theme-form.ts';
import type { ThemeDefinition } from '../src/features/templates/template-definition.ts';
import { systemClock } from '../src/lib/clock.ts';
import { createMailer } from '../src/mail/mailer.ts';
import { TestClient } from '../test/helpers/test-app.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const results: Record<string, unknown> = { node: process.version, date: new Date().toISOString() };
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

// BENCH_DATABASE_URL: measure against a PostgreSQL server instead (an empty database; it is seeded).
const databaseUrl = process.env.BENCH_DATABASE_URL;
const database = await openDatabase({ databaseUrl });
await database.migrate();
results.database = database.kind;
// A theme of 15 graded questions, the size the performance target names.
const benchTheme: ThemeDefinition = {
  key: 'bench-fifteen',
  title: 'Benchmark theme of fifteen questions',
  description: 'Fifteen graded statements.',
  guidance: 'Answer each statement.',
  questions: Array.from({ length: 15 }, (_, i) => ({
    key: `bench-q${i + 1}`,
    text: `Statement ${i + 1}: the organisation has arrangements in place for this part of safeguarding.`,
    guidance: 'What a good answer looks like, and the evidence that would show it.',
    scale: 'graded' as const,
    evidencePrompt: 'Policy, minutes, audit report',
  })),
};
const ids = await seedDemo(database.db, systemClock, { extraThemes: [benchTheme] });
const config = loadConfig({ NODE_ENV: 'test', BASE_URL: 'http://127.0.0.1', DEMO: 'true' });
const app = await createApp({
  config,
  database,
  mailer: createMailer(database.db, systemClock, null),
  clock: systemClock,
});
await app.listen({ host: '127.0.0.1', port: 0 });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

// 1. Rendering the largest theme page as TSX, without the database.
const structure = await loadReturnStructure(database.db, ids.partnershipId, ids.templateVersionId);
const theme = structure.themes.find((t) => t.key === benchTheme.key)!;
const render = () =>
  ThemePage({
    chrome: { userName: 'Bench', navigation: [] },
    csrfToken: 'x'.repeat(43),
    returnId: ids.returnIds.council!,
    agencyName: 'Agency',
    cycleName: 'Cycle',
    theme,
    themeCount: structure.themes.length,
    state: stateFromSaved(theme, new Map(), undefined),
  });
for (let i = 0; i < 200; i++) await render();
const N = 2000;
const start = process.hrtime.bigint();
for (let i = 0; i < N; i++) await render();
const perRender = Number(process.hrtime.bigint() - start) / 1e6 / N;
results.themePageRender = { questions: theme.questions.length, msPerRender: Number(perRender.toFixed(3)) };
console.info(`Theme page render (${theme.questions.length} questions, TSX): ${perRender.toFixed(3)} ms`);

// 2. HTTP: signed-in requests through the whole stack (session, access check, queries, render).
const client = new TestClient(app);
await client.get('/sign-in');
await client.post('/sign-in', { email: 'safeguarding.lead@northshire-council.example' });
const mail = await database.executeSql(
  `select body_text from outgoing_mail where "to" = $1 order by seq desc limit 1`,
  ['safeguarding.lead@northshire-council.example'],
);
const token = /\/sign-in\/link\/([A-Za-z0-9_-]+)/.exec(String(mail.rows[0]?.body_text))?.[1];
await client.get(`/sign-in/link/${token}`);
await client.post('/sign-in/link', { token: token! });
const themePath = `/returns/${ids.returnIds.council}/themes/${theme.id}`;
await client.get(themePath);
const cookie = client.cookieHeader();

async function load(name: string, options: Partial<autocannon.Options>) {
  const result = await autocannon({ url: base, connections: 10, duration: DURATION, ...options });
  const figures = {
    requestsPerSecond: Math.round(result.requests.average),
    latencyMsP50: result.latency.p50,
    latencyMsP99: result.latency.p99,
    responses: { '2xx': result['2xx'], '3xx': result['3xx'], '4xx': result['4xx'], '5xx': result['5xx'] },
    errors: result.errors,
  };
  results[name] = figures;
  console.info(
    `${name}: ${figures.requestsPerSecond} req/s, p50 ${figures.latencyMsP50} ms, p99 ${figures.latencyMsP99} ms, responses ${JSON.stringify(figures.responses)}`,
  );
}

const bare = Fastify();
bare.get('/', async () => 'ok');
await bare.listen({ host: '127.0.0.1', port: 0 });
await load('bareFastifyRoute', { url: `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}/` });
await bare.close();
await load('themePageGet', { url: `${base}${themePath}`, headers: { cookie } });
const form = new URLSearchParams({
  _csrf: client.csrf,
  'q1-comment': 'Saved by the benchmark',
  intent: 'continue',
  completed: 'no',
});
await load('themePageSave', {
  url: `${base}${themePath}`,
  method: 'POST',
  headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
  body: form.toString(),
});
await load('taskList', { url: `${base}/returns/${ids.returnIds.council}`, headers: { cookie } });

const memory = process.memoryUsage();
results.memory = { rssMb: mb(memory.rss), heapUsedMb: mb(memory.heapUsed) };
console.info(`Memory after load: RSS ${mb(memory.rss)} MB, heap ${mb(memory.heapUsed)} MB`);

await app.close();
await database.close();
const file = join(import.meta.dirname, databaseUrl ? 'results-postgres.json' : 'results.json');
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
console.info(`Written to bench/${databaseUrl ? 'results-postgres.json' : 'results.json'}`);
