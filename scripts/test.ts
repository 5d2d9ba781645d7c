/**
 * Runs the whole test suite with node's test runner. Builds the migrated test database once
 * (a PGlite dump, or with TEST_DATABASE_URL a template database on that PostgreSQL server), then
 * gives each test file its own copy. Browser tests skip themselves when Chromium is absent.
 *
 *   npm test                                   everything, on PGlite
 *   TEST_DATABASE_URL=postgres://… npm test    everything, on a PostgreSQL server
 *   npm test -- --no-browser                   leave out browser/
 *   npm test -- path/to/file.test.ts           chosen files
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import pg from 'pg';
import { dumpPglite, openDatabase } from '../src/db/client.ts';
import { PG_TEMPLATE_ENV, PGLITE_DUMP_ENV, withDatabaseName } from '../test/helpers/test-database.ts';

const root = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const noBrowser = args.includes('--no-browser');
const chosen = args.filter((a) => !a.startsWith('--'));

function findTests(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.test\.tsx?$/.test(f))
    .map((f) => join(dir, f))
    .sort();
}

// A chosen folder stands for the test files in it (npm run test:browser names browser/).
const files = chosen.length
  ? chosen.flatMap((c) =>
      statSync(join(root, c), { throwIfNoEntry: false })?.isDirectory() ? findTests(c) : [c],
    )
  : [...findTests('src'), ...findTests('test'), ...(noBrowser ? [] : findTests('browser'))];
const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test' };
const serverUrl = process.env.TEST_DATABASE_URL;
let cleanup = async () => {};

if (serverUrl) {
  const template = `s11_template_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${template}`);
  const database = await openDatabase({ databaseUrl: withDatabaseName(serverUrl, template) });
  await database.migrate();
  await database.close();
  env[PG_TEMPLATE_ENV] = template;
  cleanup = async () => {
    await admin.query(`drop database if exists ${template} with (force)`);
    await admin.end();
  };
  console.info(`Test database: template ${template} on the PostgreSQL server`);
} else {
  const dir = join(root, 'tmp');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `test-db-${process.pid}.tar`);
  const database = await openDatabase({});
  await database.migrate();
  writeFileSync(file, Buffer.from(await (await dumpPglite(database)).arrayBuffer()));
  await database.close();
  env[PGLITE_DUMP_ENV] = file;
  cleanup = async () => rmSync(file, { force: true });
  console.info(`Test database: PGlite dump ${relative(root, file)}`);
}

const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { cwd: root, env, stdio: 'inherit' },
);
const code: number = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
await cleanup();
process.exit(code);
