/**
 * Test databases. `scripts/test.ts` builds one migrated database per run: a PGlite dump file, or a
 * template database on the PostgreSQL server at TEST_DATABASE_URL. Each test file gets its own copy.
 * Run alone (no prepared database), a file migrates a fresh in-memory PGlite itself.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/db/client.ts';

export const PGLITE_DUMP_ENV = 'S11_TEST_PGLITE_DUMP';
export const PG_TEMPLATE_ENV = 'S11_TEST_PG_TEMPLATE';

export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function openTestDatabase(): Promise<Database> {
  const template = process.env[PG_TEMPLATE_ENV];
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (template && serverUrl) {
    const name = `s11_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name} template ${template}`);
    await admin.end();
    const database = await openDatabase({ databaseUrl: withDatabaseName(serverUrl, name) });
    return {
      ...database,
      close: async () => {
        await database.close();
        const dropper = new pg.Client({ connectionString: serverUrl });
        await dropper.connect();
        // pool.end() resolves before its connections have finished closing; dropping the database
        // under them would terminate them and raise an uncaught error in the test, so wait (briefly).
        for (let i = 0; i < 100; i++) {
          const open = await dropper.query<{ n: number }>(
            'select count(*)::int as n from pg_stat_activity where datname = $1',
            [name],
          );
          if (open.rows[0]?.n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
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
