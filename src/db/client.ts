/**
 * Opens the database: embedded PGlite in a data folder when there is no DATABASE_URL, otherwise a
 * PostgreSQL server. Both give the same Drizzle API over the same schema and migrations.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import type { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { APP_ROLE, asOwner } from './acting-partnership.ts';
import { type DataDirLock, lockDataDir } from './data-dir-lock.ts';
import type { Db, DbOrTx } from './handles.ts';
import { RemotePglite } from './pglite-remote.ts';
import { plannerOptions } from './planner-settings.ts';
import { nodePostgresReader, registerReader } from './prepared.ts';
import * as schema from './schema.ts';
import { ScopedPool } from './scoped-pool.ts';
import { untar } from './untar.ts';

export type { Db, DbOrTx, Schema, Tx } from './handles.ts';

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The PostgreSQL server's address (none for PGlite): the job queue opens its own connections. */
  url?: string | undefined;
  /**
   * Runs raw SQL with parameters (for the job queue's adapter and maintenance). Without
   * parameters the text may hold several statements; the rows are the last statement's.
   */
  executeSql(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  // (It runs as the tables' owner: the job queue keeps its own schema, which the app's role cannot reach.)
  migrate(): Promise<void>;
  /** Whether every migration of this version of the app has been applied (for `/readyz`). */
  migrationsApplied(): Promise<boolean>;
  /**
   * Runs `fn` while holding the app's PostgreSQL advisory lock, so that instances starting together
   * migrate (and create the job queue's tables) one after another. On PGlite (one process per
   * data folder) it simply runs `fn`.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  /** The pool's connections, for `/metrics` (PostgreSQL server only: PGlite has one, in process). */
  connections?(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

/** The starting dump's name in dist/ (scripts/build-database.ts writes it, src/server.ts reads it). */
export const EMPTY_DATABASE = 'empty-database.tar.gz';

export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), '../../drizzle');

export interface OpenOptions {
  /** The PostgreSQL server, logged in as the tables' owner (who migrates them). */
  databaseUrl?: string | undefined;
  /**
   * The app's own login to the same database (DATABASE_APP_URL): a role in `s11_app` that owns none
   * of the tables, for all but the owner's work (see scoped-pool.ts). Without it the owner's login
   * takes the role `s11_app` for that work (SET ROLE), which a statement could undo.
   */
  appDatabaseUrl?: string | undefined;
  /** PGlite data folder; omitted means in memory. */
  dataDir?: string | undefined;
  /** A PGlite data folder dump to start from (tests). */
  loadDataDir?: Blob | undefined;
  /**
   * A gzipped dump of an empty, migrated database (`npm run build` makes `dist/empty-database.tar.gz`)
   * to fill a data folder that holds no database yet. PGlite making a database from nothing (initdb)
   * peaks at about 750 MB; opening the dump's files written to the folder at about 180 MB. Ignored when the file is missing (under
   * tsx) or the folder already holds a database; migrations made since the dump apply as usual.
   */
  startingDump?: string | undefined;
  /**
   * A connection failed (the server restarted or went away). The pool replaces it by itself; this
   * is for the log. Without it such errors are ignored rather than stopping the process.
   */
  onConnectionError?: ((error: Error) => void) | undefined;
  /** The embedded database's thread failed for good (see `RemoteOptions.onFatal`). */
  onFatal?: ((error: Error) => void) | undefined;
}

/** The advisory lock key the app's instances take to migrate one at a time ("s11migr" in ASCII). */
export const MIGRATION_LOCK_KEY = 0x7331316d696772n;

/** Whether the last migration in drizzle's journal is recorded as applied. */
async function journalApplied(
  query: (text: string) => Promise<{ rows: Record<string, unknown>[] }>,
): Promise<boolean> {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
    entries: Array<{ when: number }>;
  };
  const last = Math.max(...journal.entries.map((e) => e.when));
  try {
    const { rows } = await query('select max(created_at)::text as last from drizzle.__drizzle_migrations');
    return Number(rows[0]?.last ?? 0) >= last;
  } catch (error) {
    // No migrations table yet: nothing applied. Anything else (the server away) is for the caller.
    if ((error as { code?: string }).code === '42P01' || (error as { code?: string }).code === '3F000')
      return false;
    throw error;
  }
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const onConnectionError = options.onConnectionError ?? (() => {});
    const appLogin = options.appDatabaseUrl;
    // With a login of its own for the app, the owner's pool serves only the owner's work. The
    // system's context (sessions, the checks of a person's rights) and the work acting for a
    // partnership have a pool each, so that a connection keeps its setting (see scoped-pool.ts).
    const pool = serverPool(options.databaseUrl, appLogin ? 4 : SYSTEM_CONNECTIONS, onConnectionError);
    const appPool = appLogin ? serverPool(appLogin, SYSTEM_CONNECTIONS, onConnectionError) : undefined;
    const actingPool = serverPool(appLogin ?? options.databaseUrl, ACTING_CONNECTIONS, onConnectionError);
    // The app's queries run as its role, behind the wall of the partnership acted for; migrations and
    // the job queue's adapter as the owner (see scoped-pool.ts).
    const scoped = new ScopedPool({ owner: pool, app: appPool, acting: actingPool });
    const owner = new ScopedPool({ owner: pool }, 'owner');
    const db = drizzlePg(scoped as unknown as pg.Pool, { schema }) as unknown as Db;
    registerReader(db, nodePostgresReader(scoped));
    return {
      db,
      kind: 'postgres',
      url: options.databaseUrl,
      executeSql: async (text, params) => {
        const r = await owner.query(text, params as unknown[]);
        return { rows: r.rows };
      },
      migrate: async () => {
        await exclusive(() =>
          migratePg(drizzlePg(owner as unknown as pg.Pool, { schema }), { migrationsFolder }),
        );
        if (appPool) await checkAppLogin(appPool);
      },
      migrationsApplied: () => journalApplied((text) => owner.query(text)),
      exclusive,
      connections: () => {
        const pools = [pool, actingPool, ...(appPool ? [appPool] : [])];
        const sum = (count: (p: pg.Pool) => number) => pools.reduce((n, p) => n + count(p), 0);
        return {
          total: sum((p) => p.totalCount),
          idle: sum((p) => p.idleCount),
          waiting: sum((p) => p.waitingCount),
        };
      },
      close: async () => {
        await Promise.all([pool.end(), actingPool.end(), appPool?.end()]);
      },
    };
    async function exclusive<T>(fn: () => Promise<T>): Promise<T> {
      // Advisory locks belong to a connection: take it on one kept aside until `fn` is done.
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
        try {
          return await fn();
        } finally {
          await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]);
        }
      } catch (error) {
        broken = error as Error;
        throw error;
      } finally {
        client.release(broken);
      }
    }
  }
  let lock: DataDirLock | null = null;
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    lock = lockDataDir(options.dataDir);
    if (!options.loadDataDir && options.startingDump && newDataDir(options.dataDir, options.startingDump)) {
      // Gunzipped as it is unpacked (see untar.ts): the compressed dump is about 5 MB.
      const gunzip = createGunzip();
      gunzip.end(readFileSync(options.startingDump));
      try {
        await untar(gunzip, options.dataDir);
      } catch (error) {
        lock?.release();
        throw error;
      }
    }
  }
  // PGlite runs in its own thread; `client` speaks to it with the part of PGlite's API we use.
  let remote: RemotePglite;
  try {
    remote = await RemotePglite.open(
      {
        dataDir: options.dataDir,
        loadDataDir: options.loadDataDir ? await options.loadDataDir.arrayBuffer() : undefined,
      },
      {
        scoped: true,
        ...(options.onFatal ? { onFatal: options.onFatal } : {}),
        ...(options.onConnectionError ? { onRestart: options.onConnectionError } : {}),
      },
    );
  } catch (error) {
    lock?.release();
    throw error;
  }
  const client = remote as unknown as PGlite;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  registerReader(db, (st, params) => remote.read(st, params));
  return {
    db,
    kind: 'pglite',
    executeSql: (text, params) =>
      asOwner(async () => {
        if (!params || params.length === 0) {
          // The simple protocol: several statements at once, as the job queue's migrations send.
          const results = await client.exec(text);
          return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
        }
        const r = await client.query<Record<string, unknown>>(text, params as unknown[]);
        return { rows: r.rows };
      }),
    migrate: () => asOwner(() => migratePglite(drizzlePglite(client, { schema }), { migrationsFolder })),
    migrationsApplied: () =>
      asOwner(() =>
        journalApplied((text) => client.query(text) as Promise<{ rows: Record<string, unknown>[] }>),
      ),
    exclusive: (fn) => fn(),
    close: async () => {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

/** Connections for the system's context: each request's session and the checks of a person's rights. */
const SYSTEM_CONNECTIONS = 5;
/** Connections for the work acting for a partnership: most of a page's queries. */
const ACTING_CONNECTIONS = 10;

/** A pool of connections to the PostgreSQL server at `url`. */
function serverPool(url: string, max: number, onConnectionError: (error: Error) => void): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    // The planner's settings (planner-settings.ts), unless the connection string or PGOPTIONS gives its own.
    ...(ownOptions(url) ? {} : { options: plannerOptions() }),
    max,
    // While the server is away, a request fails within seconds (a 503 page) rather than waiting.
    connectionTimeoutMillis: 5_000,
    // Notices a server that vanished without closing its connections (a failover).
    keepAlive: true,
  });
  // An idle connection the server closes (a restart: "terminating connection due to administrator
  // command") is an 'error' event on the pool; a connection in use gets one on itself. Unhandled,
  // either stops the process. Both are handled: the pool drops the connection and opens new ones.
  pool.on('error', onConnectionError);
  pool.on('connect', (client) => client.on('error', onConnectionError));
  return pool;
}

/**
 * Refuses an app login (DATABASE_APP_URL) that would not keep the wall: one not in the role the
 * policies bind, or one that owns the tables or may act as their owner (a superuser may act as anyone).
 */
export async function checkAppLogin(pool: Pick<pg.Pool, 'query'>): Promise<void> {
  const { rows } = await pool.query<{ login: string; in_app_role: boolean; owner_of: string | null }>(
    `select current_user as login, pg_has_role(current_user, $1, 'MEMBER') as in_app_role,
       (select t.tablename::text from pg_tables t where t.schemaname = 'public'
          and pg_has_role(current_user, t.tableowner, 'MEMBER') limit 1) as owner_of`,
    [APP_ROLE],
  );
  const check = rows[0]!;
  if (check.owner_of !== null)
    throw new Error(
      `DATABASE_APP_URL logs in as ${check.login}, who may act as the owner of the table ${check.owner_of}: give the app a login that owns nothing and is not a superuser (see docs/deployment.md)`,
    );
  if (!check.in_app_role)
    throw new Error(
      `DATABASE_APP_URL logs in as ${check.login}, who is not in the role ${APP_ROLE}: grant ${APP_ROLE} to ${check.login} (see docs/deployment.md)`,
    );
}

/** Whether the server's administrator chose start-up options: in the connection string, or PGOPTIONS. */
function ownOptions(databaseUrl: string): boolean {
  if (process.env.PGOPTIONS) return true;
  try {
    return new URL(databaseUrl).searchParams.has('options');
  } catch {
    return false;
  }
}

/** Whether `dataDir` holds no database yet and `dump` exists to start it from. */
function newDataDir(dataDir: string, dump: string): boolean {
  return !existsSync(join(dataDir, 'PG_VERSION')) && existsSync(dump);
}

/** Dumps an open PGlite database (tests build one migrated database and copy it per file). */
export async function dumpPglite(database: Database): Promise<Blob> {
  const client = (database.db as unknown as { $client: RemotePglite }).$client;
  return client.dumpDataDir();
}

/** Runs a raw SQL query through Drizzle and gives its rows (same shape on PGlite and node-postgres). */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
