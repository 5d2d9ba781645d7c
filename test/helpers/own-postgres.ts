/**
 * A PostgreSQL server of a test's own, in a temporary folder on a free port, for tests that restart
 * or stop the database (never the shared server on 5432). Needs PostgreSQL's binaries
 * (`/usr/lib/postgresql/<version>/bin`); run as root, they run as the `postgres` user.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './spawned-server.ts';

const BIN_ROOT = '/usr/lib/postgresql';

/** The binaries' folder, or null when PostgreSQL is not installed (the test then skips). */
export function postgresBinaries(): string | null {
  if (!existsSync(BIN_ROOT)) return null;
  const versions = readdirSync(BIN_ROOT)
    .filter((v) => existsSync(join(BIN_ROOT, v, 'bin/initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(BIN_ROOT, versions[0], 'bin') : null;
}

export interface OwnPostgres {
  port: number;
  /** The address of a database on it (`postgres` by default). */
  url(database?: string): string;
  /** `pg_ctl restart -m fast`, without blocking the test's own requests meanwhile. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  remove(): Promise<void>;
}

function postgresUid(): { uid: number; gid: number } | null {
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return null;
  }
}

export async function startOwnPostgres(bin: string): Promise<OwnPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 's11-own-pg-'));
  const data = join(dir, 'data');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? postgresUid() : null;
  if (asRoot && !owner) throw new Error('running as root needs a postgres user to run PostgreSQL');
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const run = async (tool: string, args: string[]) => {
    const command = join(bin, tool);
    if (asRoot) await promisify(execFile)('runuser', ['-u', 'postgres', '--', command, ...args]);
    else await promisify(execFile)(command, args);
  };
  await run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`;
  const log = join(dir, 'log');
  let running = false;
  const start = async () => {
    await run('pg_ctl', ['-D', data, '-o', options, '-l', log, '-w', 'start']);
    running = true;
  };
  const stop = async () => {
    if (!running) return;
    await run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    running = false;
  };
  await start();
  return {
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    restart: () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'restart', '-o', options, '-l', log]),
    start,
    stop,
    async remove() {
      try {
        await stop();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
