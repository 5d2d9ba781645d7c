import type { AddressInfo } from 'node:net';
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

const results: Record<string, unknown> = { node: process.version, date: new Date().toISOString() };

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

const bare = Fastify();
bare.get('/', async () => 'ok');
await bare.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(
  `${JSON.stringify({
    ...results,
    base,
    bare: `http://127.0.0.1:${(bare.server.address() as AddressInfo).port}/`,
    themePath,
    taskListPath: `/returns/${ids.returnIds.council}`,
    cookie,
    csrf: client.csrf,
  })}\n`,
);
const stop = async () => {
  await bare.close();
  await app.close();
  await database.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
