/**
 * Test databases. `scripts/test.ts` provides one migrated database (kept between runs while the
 * migrations are unchanged): a PGlite dump file, or a template database on the PostgreSQL server at
 * TEST_DATABASE_URL. Each test file gets its own copy.
 * Run alone (no prepared database), a file migrates a fresh in-memory PGlite itself.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { Database } from '../../src/db/client.ts';

export const PGLITE_DUMP_ENV = 'S11_TEST_PGLITE_DUMP';
export const PG_TEMPLATE_ENV = 'S11_TEST_PG_TEMPLATE';
/** The app's own login on the test server (made by `scripts/test.ts`): in `s11_app`, owning nothing. */
export const PG_APP_LOGIN = 's11_test_app';

/**
 * Makes login role `name` on the server unless it is there (roles belong to the server, not a
 * database, so runs and files share them; two making it at the same moment is no failure).
 */
export async function ensureLoginRole(client: Pick<pg.Client, 'query'>, name: string): Promise<void> {
  try {
    await client.query(`do $$ begin
        if not exists (select 1 from pg_roles where rolname = '${name}') then
          create role ${name} login; end if; end $$`);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== '23505' && code !== '42710') throw error;
  }
}

/** `url` (the owner's) logged in as the app's own login instead. */
export function asAppLogin(url: string): string {
  const u = new URL(url);
  u.username = PG_APP_LOGIN;
  u.password = '';
  return u.toString();
}

export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Waits (briefly) until no connection to database `name` is left: pool.end() resolves before its
 * connections have finished closing, and a database cannot be dropped, renamed or copied meanwhile.
 */
export async function waitUntilUnused(client: pg.Client, name: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const open = await client.query<{ n: number }>(
      'select count(*)::int as n from pg_stat_activity where datname = $1',
      [name],
    );
    if (open.rows[0]?.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function openTestDatabase(): Promise<Database> {
  // Loaded here, not above, so that `scripts/test.ts` starts without it when its database is ready.
  const { openDatabase } = await import('../../src/db/client.ts');
  const template = process.env[PG_TEMPLATE_ENV];
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (template && serverUrl) {
    const name = `s11_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name} template ${template}`);
    await admin.end();
    const url = withDatabaseName(serverUrl, name);
    const database = await openDatabase({ databaseUrl: url, appDatabaseUrl: asAppLogin(url) });
    return {
      ...database,
      close: async () => {
        await database.close();
        const dropper = new pg.Client({ connectionString: serverUrl });
        await dropper.connect();
        // Dropping the database under connections still closing would terminate them and raise an
        // uncaught error in the test.
        await waitUntilUnused(dropper, name);
        await dropper.query(`drop database if exists ${name} with (force)`);
        await dropper.end();
      },
    };
  }
  const dump = process.env[PGLITE_DUMP_ENV];
  if (dump) return openDatabase({ loadDataDir: new Blob([readFileSync(dump)]) });
  const database = await openDatabase({});
  await database.migrate();
  return database;
}
