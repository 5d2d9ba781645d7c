/**
 * `npm run seed:scale`: a national deployment's data for benchmarks (issue 13), into DATABASE_URL
 * (PostgreSQL) or the embedded database in DATA_DIR (default ./data). The database must be empty:
 * the demo partnership is seeded first (its template grown to about 100 questions) and grown to the
 * largest partnership, then the others beside it (bench/national-data.ts).
 *
 *   DATABASE_URL=postgres://… npm run seed:scale            150 partnerships, 9,000 agencies
 *   DATA_DIR=/tmp/scale npm run seed:scale -- --small        a tenth of it, for the embedded database
 *
 * Progress goes to stderr (a bar on a terminal); the counts, as JSON, to stdout.
 */

import { progressBar } from '../scripts/cli-progress.ts';
import { loadDatabaseConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { databaseIsEmpty, neglectTheme, seedDemo } from '../src/features/demo/demo-seed.ts';
import { section11Template } from '../src/features/templates/builtin/section-11.ts';
import type { ThemeDefinition } from '../src/features/templates/template-definition.ts';
import { FixedClock } from '../src/lib/clock.ts';
import {
  NATIONAL_SIZES,
  type NationalCounts,
  type NationalSize,
  nationalSteps,
  seedNational,
} from './national-data.ts';

/** The day the data is dated from, so that every run writes the same dates. */
export const NATIONAL_NOW = new Date('2026-11-23T10:00:00Z');
/** Questions the largest partnership's template has at least (the demo's themes, then added ones). */
const LARGEST_TEMPLATE_QUESTIONS = 100;

/** Themes of 15 graded questions added to the demo's template to bring it to `questions`. */
export function extraThemesFor(questions: number): ThemeDefinition[] {
  const demo = [...section11Template.themes, neglectTheme].reduce((n, t) => n + t.questions.length, 0);
  return Array.from({ length: Math.max(0, Math.ceil((questions - demo) / 15)) }, (_, i) => ({
    key: `local-standard-${i + 1}`,
    title: `Local standard ${i + 1}`,
    description: 'A standard the partnership added to the Section 11 statements.',
    guidance: 'Answer each statement.',
    questions: Array.from({ length: 15 }, (_q, j) => ({
      key: `local-${i + 1}-q${j + 1}`,
      text: `Statement ${j + 1}: the organisation has arrangements in place for this part of safeguarding.`,
      guidance: 'What a good answer looks like, and the evidence that would show it.',
      scale: 'graded' as const,
      evidencePrompt: 'Policy, minutes, audit report',
    })),
  }));
}

/** Seeds an empty database: the demo, then the national data of `size`. */
export async function seedScale(
  target: { databaseUrl?: string | undefined; dataDir?: string | undefined },
  size: NationalSize,
  tty = process.stderr.isTTY === true,
): Promise<NationalCounts> {
  const database = await openDatabase(
    target.databaseUrl ? { databaseUrl: target.databaseUrl } : { dataDir: target.dataDir },
  );
  const bar = progressBar('Seeding', 1 + nationalSteps(size), process.stderr, tty);
  try {
    await database.migrate();
    if (!(await databaseIsEmpty(database.db)))
      throw new Error('The database is not empty: seed:scale fills a new database only.');
    const clock = new FixedClock(NATIONAL_NOW);
    const ids = await seedDemo(database.db, clock, {
      extraThemes: extraThemesFor(LARGEST_TEMPLATE_QUESTIONS),
    });
    bar.update(1, 'demo partnership');
    return await seedNational(database.db, ids, size, NATIONAL_NOW, (done, _total, note) =>
      bar.update(done + 1, note),
    );
  } finally {
    bar.stop();
    await database.close();
  }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const small = process.argv.includes('--small');
  const target = loadDatabaseConfig();
  const started = performance.now();
  try {
    const counts = await seedScale(target, small ? NATIONAL_SIZES.small : NATIONAL_SIZES.full);
    process.stdout.write(
      `${JSON.stringify({ ...counts, seconds: Math.round((performance.now() - started) / 100) / 10 }, null, 2)}\n`,
    );
  } catch (error) {
    process.stderr.write(`seed:scale failed: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
