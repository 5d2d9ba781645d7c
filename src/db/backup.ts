/**
 * Backups of the whole database, and restores from them (`npm run backup`, `npm run restore`).
 *
 * - Embedded database (PGlite, no DATABASE_URL): the data folder as a gzipped tarball, made with
 *   PGlite's `dumpDataDir` and restored with `loadDataDir` into a fresh folder. The app must be
 *   stopped while either runs: two PostgreSQL instances must never open one data folder.
 * - PostgreSQL server (DATABASE_URL): `pg_dump --format=custom`, restored with `pg_restore` in a
 *   single transaction. The app may keep running during a backup (pg_dump reads a consistent
 *   snapshot); stop it for a restore.
 *
 * A restore refuses a database that is not empty unless `force` is given. `verifyBackup` restores
 * into a scratch database (in memory, or a temporary database on the server) and reports row counts
 * of the main tables and whether the migrations are current.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import pg from 'pg';
import { type Database, dumpPglite, migrationsFolder, openDatabase } from './client.ts';
import { lockDataDir } from './data-dir-lock.ts';

export interface BackupTarget {
  /** A PostgreSQL server's address; without one, the PGlite data folder. */
  databaseUrl?: string | undefined;
  dataDir: string;
}

export type Progress = (line: string) => void;

/** A failure with a message meant for the person running the command. */
export class BackupError extends Error {}

/** The tables counted when checking a backup (the ones that hold partnerships' work). */
export const MAIN_TABLES = [
  'partnerships',
  'agencies',
  'users',
  'templates',
  'cycles',
  'returns',
  'answers',
  'theme_ratings',
  'actions',
  'return_history',
  'evidence_files',
] as const;

const PGDMP = Buffer.from('PGDMP');

function kindOfFile(bytes: Buffer): 'pglite' | 'postgres' | 'unknown' {
  if (bytes.subarray(0, 5).equals(PGDMP)) return 'postgres';
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'pglite';
  return 'unknown';
}

function readBackup(file: string, expected: 'pglite' | 'postgres'): Buffer {
  if (!existsSync(file)) throw new BackupError(`No backup file at ${file}.`);
  const bytes = readFileSync(file);
  const kind = kindOfFile(bytes);
  if (kind === 'unknown') throw new BackupError(`${file} is not a backup made by npm run backup.`);
  if (kind !== expected) {
    throw new BackupError(
      kind === 'postgres'
        ? `${file} is a PostgreSQL server backup (pg_dump); set DATABASE_URL to restore it to a server.`
        : `${file} is an embedded database (PGlite) backup; unset DATABASE_URL to restore it to a data folder.`,
    );
  }
  return bytes;
}

// --- PostgreSQL tools ------------------------------------------------------------------------

/**
 * Finds `pg_dump` or `pg_restore`: the newest in /usr/lib/postgresql/<version>/bin (a dump needs a
 * pg_dump at least as new as the server), then on PATH.
 */
export function findPgTool(name: 'pg_dump' | 'pg_restore', dirs: string[] = defaultToolDirs()): string {
  for (const dir of dirs) {
    const path = join(dir, name);
    if (existsSync(path)) return path;
  }
  throw new BackupError(
    `${name} was not found (looked in ${dirs.join(', ') || 'nowhere'}). Install the PostgreSQL ` +
      'client tools of your server’s version or newer (Debian: apt-get install postgresql-client).',
  );
}

function defaultToolDirs(): string[] {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const path = (process.env.PATH ?? '').split(':').filter(Boolean);
  return [...versions.map((v) => join(root, v, 'bin')), ...path];
}

/** Connection settings for libpq tools, keeping the password out of the process list. */
function libpqEnv(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: password ? { PGPASSWORD: password } : {} };
}

async function run(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(tool, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await new Promise<number>((done, fail) => {
    child.on('error', fail);
    child.on('close', (c) => done(c ?? 1));
  });
  if (code !== 0) {
    throw new BackupError(`${basename(tool)} failed (exit ${code}): ${stderr.trim().slice(-2000)}`);
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new BackupError(`Cannot connect to the PostgreSQL server: ${(error as Error).message}`);
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function serverTableCount(url: string): Promise<number> {
  return withClient(url, async (client) => {
    const r = await client.query<{ n: number }>(
      `select count(*)::int as n from pg_tables
       where schemaname not in ('pg_catalog', 'information_schema')`,
    );
    return r.rows[0]?.n ?? 0;
  });
}

async function pgRestore(url: string, file: string, clean: boolean): Promise<void> {
  const { dbname, env } = libpqEnv(url);
  await run(
    findPgTool('pg_restore'),
    [
      '--single-transaction',
      '--no-owner',
      ...(clean ? ['--clean', '--if-exists'] : []),
      `--dbname=${dbname}`,
      file,
    ],
    env,
  );
}

// --- Commands --------------------------------------------------------------------------------

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

export async function backup(target: BackupTarget, file: string, progress: Progress): Promise<void> {
  const out = resolve(file);
  if (!existsSync(dirname(out))) throw new BackupError(`The folder ${dirname(out)} does not exist.`);
  const started = Date.now();
  if (target.databaseUrl) {
    const { dbname, env } = libpqEnv(target.databaseUrl);
    const tool = findPgTool('pg_dump');
    progress(`Dumping the PostgreSQL database with ${tool} (custom format)…`);
    const partial = `${out}.partial-${randomBytes(4).toString('hex')}`;
    try {
      await run(tool, ['--format=custom', `--file=${partial}`, `--dbname=${dbname}`], env);
      renameSync(partial, out);
    } finally {
      rmSync(partial, { force: true });
    }
  } else {
    if (!isNonEmptyFolder(target.dataDir)) {
      throw new BackupError(`There is no embedded database in ${target.dataDir} (DATA_DIR).`);
    }
    progress(`Opening the embedded database in ${target.dataDir}…`);
    const database = await openDatabase({ dataDir: target.dataDir });
    try {
      progress('Dumping the data folder…');
      const tar = Buffer.from(await (await dumpPglite(database)).arrayBuffer());
      progress(`Compressing ${(tar.length / 1e6).toFixed(1)} MB…`);
      writeFileSync(out, gzipSync(tar, { level: 1 }));
    } finally {
      await database.close();
    }
  }
  progress(`Backup written to ${out} in ${seconds(started)}.`);
}

export interface RestoreOptions {
  /** Overwrite a database that is not empty. */
  force?: boolean;
}

export async function restore(
  target: BackupTarget,
  file: string,
  options: RestoreOptions,
  progress: Progress,
): Promise<void> {
  const started = Date.now();
  if (target.databaseUrl) {
    readBackup(file, 'postgres');
    const tables = await serverTableCount(target.databaseUrl);
    if (tables > 0 && !options.force) {
      throw new BackupError(
        `The database is not empty (${tables} tables). Restoring would replace everything in it; ` +
          'run again with --force to do so.',
      );
    }
    progress(`Restoring into the PostgreSQL database in one transaction${tables ? ' (replacing it)' : ''}…`);
    await pgRestore(target.databaseUrl, resolve(file), tables > 0);
  } else {
    const bytes = readBackup(file, 'pglite');
    const dir = resolve(target.dataDir);
    const occupied = isNonEmptyFolder(dir);
    if (occupied && !options.force) {
      throw new BackupError(
        `The data folder ${dir} (DATA_DIR) is not empty. Restoring would replace the database in ` +
          'it; stop the app and run again with --force to do so.',
      );
    }
    // A running app holds the folder's lock: never replace a folder in use (this throws, naming it).
    const inUse = occupied ? lockDataDir(dir) : null;
    // Restore beside the folder first, so a failure leaves the old one untouched.
    const fresh = `${dir}.restoring-${randomBytes(4).toString('hex')}`;
    try {
      progress('Unpacking the backup into a new data folder…');
      const database = await openDatabase({
        dataDir: fresh,
        loadDataDir: new Blob([gunzipSync(bytes)]),
      });
      await database.executeSql('select 1');
      await database.close();
      if (occupied) progress(`Replacing ${dir}…`);
      inUse?.release();
      rmSync(dir, { recursive: true, force: true });
      renameSync(fresh, dir);
    } finally {
      inUse?.release();
      rmSync(fresh, { recursive: true, force: true });
    }
  }
  progress(`Restored from ${resolve(file)} in ${seconds(started)}.`);
}

export interface BackupReport {
  counts: { table: string; rows: number }[];
  migrations: { applied: number; expected: number; current: boolean };
}

export async function verifyBackup(
  target: BackupTarget,
  file: string,
  progress: Progress,
): Promise<BackupReport> {
  if (target.databaseUrl) {
    const url = target.databaseUrl;
    readBackup(file, 'postgres');
    const scratch = `s11_verify_${randomBytes(6).toString('hex')}`;
    progress(`Restoring into a temporary database ${scratch} on the server…`);
    await withClient(url, (c) => c.query(`create database ${scratch}`));
    try {
      await pgRestore(withDatabase(url, scratch), resolve(file), false);
      const database = await openDatabase({ databaseUrl: withDatabase(url, scratch) });
      try {
        return await inspect(database, progress);
      } finally {
        await database.close();
      }
    } finally {
      await withClient(url, (c) => c.query(`drop database if exists ${scratch} with (force)`));
      progress(`Dropped ${scratch}.`);
    }
  }
  const bytes = readBackup(file, 'pglite');
  progress('Restoring into a scratch embedded database in memory…');
  const database = await openDatabase({ loadDataDir: new Blob([gunzipSync(bytes)]) });
  try {
    return await inspect(database, progress);
  } finally {
    await database.close();
  }
}

async function inspect(database: Database, progress: Progress): Promise<BackupReport> {
  progress('Counting rows…');
  const counts: BackupReport['counts'] = [];
  for (const table of MAIN_TABLES) {
    const r = await database.executeSql(`select count(*)::int as n from "${table}"`, []);
    counts.push({ table, rows: Number(r.rows[0]?.n ?? 0) });
  }
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
    entries: { when: number }[];
  };
  const r = await database.executeSql(
    'select count(*)::int as n, max(created_at) as last from drizzle.__drizzle_migrations',
    [],
  );
  const applied = Number(r.rows[0]?.n ?? 0);
  const last = Number(r.rows[0]?.last ?? 0);
  const expected = journal.entries.length;
  const current = applied === expected && last === journal.entries.at(-1)?.when;
  return { counts, migrations: { applied, expected, current } };
}

function isNonEmptyFolder(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).length > 0;
}
