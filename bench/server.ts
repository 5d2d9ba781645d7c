import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { openDatabase } from '../src/db/client.ts';
import { seedDemo } from '../src/features/demo/demo-seed.ts';
import { loadReturnStructure } from '../src/features/returns/return-structure.repository.ts';
import { stateFromSaved } from '../src/features/returns/theme/theme.form.ts';
import { ThemePage } from '../src/features/returns/theme/theme.view.tsx';
import type { ThemeDefinition } from '../src/features/templates/template-definition.ts';
import { systemClock } from '../src/lib/clock.ts';
import { TestClient } from '../test/helpers/test-app.ts';
import { appUnderTest, bareServer, listenLocally, stopOnSignal } from './app-under-test.ts';

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
const app = await appUnderTest(database);
const base = await listenLocally(app);

// 1. Rendering the largest theme page as TSX, without the database.
const structure = await loadReturnStructure(database.db, ids.partnershipId, ids.templateVersionId);
const theme = structure.themes.find((t) => t.key === benchTheme.key)!;
const render = () =>
  ThemePage({
    chrome: { userName: 'Bench', navigation: [] },
    csrfToken: 'x'.repeat(43),
    shown: '',
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

// The page as an agency sees it part-way through: every question answered, with evidence and
// comments; every third Partly met with an area for development, every fifth N/A with its reason.
for (const [i, q] of theme.questions.entries()) {
  const response = i % 5 === 4 ? 'na' : i % 3 === 1 ? 'partly_met' : 'fully_met';
  await database.executeSql(
    `insert into answers (partnership_id, return_id, question_id, response, na_reason, evidence_document,
       evidence_location, comment, impact)
     values ($1, $2, $3, $4, $5, 'Safeguarding policy 2026, section 4', 'Policies folder on the intranet',
       'Reviewed by the board in March; the next review is due in a year.', 'Staff know who to call.')`,
    [
      ids.partnershipId,
      ids.returnIds.council,
      q.id,
      response,
      response === 'na' ? 'Our parent body holds this duty; its policy covers us.' : '',
    ],
  );
  if (response === 'partly_met')
    await database.executeSql(
      `insert into actions (partnership_id, return_id, theme_id, question_id, description, target_date)
       values ($1, $2, $3, $4, 'Refresh the policy and brief every manager', '2027-03-31')`,
      [ids.partnershipId, ids.returnIds.council, theme.id, q.id],
    );
}

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

// BENCH_PROFILE=dir: a CPU profile of the server under load only (not its start-up), written at exit.
const profileDir = process.env.BENCH_PROFILE;
const inspector = profileDir ? new Session() : null;
if (inspector) {
  inspector.connect();
  await inspector.post('Profiler.enable');
  await inspector.post('Profiler.start');
}

const { bare, base: bareBase } = await bareServer();
process.stdout.write(
  `${JSON.stringify({
    ...results,
    base,
    bare: `${bareBase}/`,
    themePath,
    taskListPath: `/returns/${ids.returnIds.council}`,
    cookie,
    saveForm: new URLSearchParams({
      _csrf: client.csrf,
      ...Object.fromEntries(
        theme.questions.flatMap((_q, i) => {
          const n = i + 1;
          const response = i % 5 === 4 ? 'na' : i % 3 === 1 ? 'partly_met' : 'fully_met';
          return [
            [`q${n}-response`, response],
            [
              `q${n}-na-reason`,
              response === 'na' ? 'Our parent body holds this duty; its policy covers us.' : '',
            ],
            [`q${n}-evidence-document`, 'Safeguarding policy 2026, section 4'],
            [`q${n}-evidence-location`, 'Policies folder on the intranet'],
            [`q${n}-comment`, 'Saved by the benchmark'],
            [`q${n}-impact`, 'Staff know who to call.'],
            [`q${n}-action`, response === 'partly_met' ? 'Refresh the policy and brief every manager' : ''],
            [`q${n}-target-date-day`, response === 'partly_met' ? '31' : ''],
            [`q${n}-target-date-month`, response === 'partly_met' ? '3' : ''],
            [`q${n}-target-date-year`, response === 'partly_met' ? '2027' : ''],
          ];
        }),
      ),
      rating: 'green',
      justification: 'In place across the organisation.',
      intent: 'continue',
      completed: 'no',
    }).toString(),
  })}\n`,
);
stopOnSignal(
  async () => {
    if (!inspector || !profileDir) return;
    const { profile } = await inspector.post('Profiler.stop');
    mkdirSync(profileDir, { recursive: true });
    writeFileSync(join(profileDir, `server-${process.pid}.cpuprofile`), JSON.stringify(profile));
  },
  () => bare.close(),
  () => app.close(),
  () => database.close(),
);
