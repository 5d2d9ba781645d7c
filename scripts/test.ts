/**
 * Runs the test suite with node's test runner. Builds the stylesheet and the migrated test database
 * (a PGlite dump, or with TEST_DATABASE_URL a template database on that PostgreSQL server) unless
 * the last run left them up to date, then gives each test file its own copy of the database.
 * Browser tests skip themselves when Chromium is absent.
 *
 *   npm test                                   everything, on PGlite
 *   TEST_DATABASE_URL=postgres://… npm test    everything, on a PostgreSQL server
 *   npm test -- --no-browser                   leave out browser/
 *   npm test -- path/to/file.test.ts           chosen files
 *   npm test -- --fresh …                      build the stylesheet and the database again
 *
 * The migrated database is kept between runs under the hash of its inputs (the migrations, the code
 * applying them, the Drizzle and PGlite versions): `tmp/test-db-<hash>.tar`, or the template
 * database `s11_tpl_<hash>` on the server. A changed migration gives a new hash, so a stale database
 * is never used; a clean clone has none and builds it.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import pg from 'pg';
import type { Database, OpenOptions } from '../src/db/client.ts';
import {
  ensureLoginRole,
  PG_APP_LOGIN,
  PG_TEMPLATE_ENV,
  PGLITE_DUMP_ENV,
  waitUntilUnused,
  withDatabaseName,
} from '../test/helpers/test-database.ts';
import { buildAppCss } from './build-css.ts';
import { DATABASE_INPUTS, hashInputs } from './input-hash.ts';

const root = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const noBrowser = args.includes('--no-browser');
const fresh = args.includes('--fresh');
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

if (!(await buildAppCss({ force: fresh }))) process.exit(1);

const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test' };
const serverUrl = process.env.TEST_DATABASE_URL;
const key = hashInputs(root, DATABASE_INPUTS);
// The database code takes a while to load: only when there is a database to build.
const openDatabase = async (options: OpenOptions): Promise<Database> =>
  (await import('../src/db/client.ts')).openDatabase(options);

if (serverUrl) {
  const template = `s11_tpl_${key}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const exists = async () =>
    (await admin.query('select 1 from pg_database where datname = $1', [template])).rowCount === 1;
  if (fresh && (await exists())) await admin.query(`drop database ${template} with (force)`);
  if (await exists()) {
    console.info(`Test database: template ${template} on the PostgreSQL server (kept from an earlier run)`);
  } else {
    // Migrated under a name of its own, and given the template's name only when complete, so that a
    // run stopped half-way or another run building it at the same time never leaves a half-made one.
    const building = `${template}_${randomBytes(4).toString('hex')}`;
    await admin.query(`create database ${building}`);
    try {
      const database = await openDatabase({ databaseUrl: withDatabaseName(serverUrl, building) });
      await database.migrate();
      await database.close();
      await waitUntilUnused(admin, building);
      await admin.query(`alter database ${building} rename to ${template}`);
    } catch (error) {
      await admin.query(`drop database if exists ${building} with (force)`);
      // Another run finished the same template first: use it.
      if (!(await exists())) throw error;
    }
    console.info(`Test database: template ${template} on the PostgreSQL server (migrated now)`);
  }
  // The app's own login, as production should have it (DATABASE_APP_URL): in the app's role, owning
  // nothing. Roles belong to the server, not a database: made once, by whichever run comes first.
  await ensureLoginRole(admin, PG_APP_LOGIN);
  await admin.query(`grant s11_app to ${PG_APP_LOGIN}`);
  await admin.end();
  env[PG_TEMPLATE_ENV] = template;
} else {
  const dir = join(root, 'tmp');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `test-db-${key}.tar`);
  if (!fresh && statSync(file, { throwIfNoEntry: false })?.isFile()) {
    console.info(`Test database: PGlite dump ${relative(root, file)} (kept from an earlier run)`);
  } else {
    const database = await openDatabase({});
    await database.migrate();
    const partial = `${file}.${process.pid}`;
    const { dumpPglite } = await import('../src/db/client.ts');
    writeFileSync(partial, Buffer.from(await (await dumpPglite(database)).arrayBuffer()));
    await database.close();
    renameSync(partial, file);
    // Dumps of other migrations, once no run can still be reading them (an hour is longer than a run).
    for (const old of readdirSync(dir).filter((f) => /^test-db-.*\.tar$/.test(f))) {
      const path = join(dir, old);
      if (path !== file && Date.now() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { force: true });
    }
    console.info(`Test database: PGlite dump ${relative(root, file)} (migrated now)`);
  }
  env[PGLITE_DUMP_ENV] = file;
}

const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { cwd: root, env, stdio: 'inherit' },
);
const code: number = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
process.exit(code);
