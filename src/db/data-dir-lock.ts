/**
 * One process per embedded data folder. PGlite is PostgreSQL in single-user mode: two processes
 * opening one folder each believe they own it, and one's writes silently overwrite the other's.
 * The first process writes a lock file holding its pid; another is refused with a message naming
 * it. A lock left by a process that has died (killed, crashed, power lost) is taken over.
 *
 * Taking over is itself done under a short-lived second file created exclusively, so two processes
 * finding the same stale lock cannot both take it.
 */
import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE = 'section11.lock';
/** A takeover file older than this was left by a process that died while taking over. */
const TAKEOVER_STALE_MS = 10_000;

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The data folder ${dataDir} is in use by another process (pid ${holder.pid}${
        holder.host && holder.host !== hostname() ? ` on ${holder.host}` : ''
      }, since ${holder.since ?? 'an unknown time'}). Only one process may use it at a time: stop that one first, or give this one its own DATA_DIR. If you are sure no such process runs, delete ${join(dataDir, LOCK_FILE)}.`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface LockHolder {
  pid: number;
  host?: string;
  since?: string;
}

export interface DataDirLock {
  readonly path: string;
  /** Removes the lock file (only if it is still ours). */
  release(): void;
}

function readHolder(path: string): LockHolder | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockHolder>;
    if (typeof parsed.pid === 'number') return parsed as LockHolder;
  } catch {
    // A file cut short by a crash while it was written: its process is gone.
  }
  return { pid: 0 };
}

/** Whether the process that wrote the lock is still running (on this machine). */
function holderAlive(holder: LockHolder): boolean {
  if (holder.host && holder.host !== hostname()) return true; // cannot tell: assume it is
  // Our own pid in a lock we have not taken: a previous run in a container (always pid 1).
  if (holder.pid <= 0 || holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Creates the file only if it does not exist; false if it does. */
function createExclusive(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Takes the folder's lock, or throws `DataDirLockedError` naming the process that holds it. */
export function lockDataDir(dataDir: string): DataDirLock {
  const path = join(dataDir, LOCK_FILE);
  const takeover = `${path}.takeover`;
  const content = JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() });
  const lock: DataDirLock = {
    path,
    release() {
      const holder = readHolder(path);
      if (holder?.pid === process.pid && (!holder.host || holder.host === hostname()))
        rmSync(path, { force: true });
    },
  };
  for (let attempt = 0; attempt < 50; attempt++) {
    if (createExclusive(path, content)) return lock;
    const holder = readHolder(path);
    if (!holder) continue; // released meanwhile: try again
    if (holderAlive(holder)) throw new DataDirLockedError(dataDir, holder);
    // A stale lock: take it over, one process at a time.
    if (!createExclusive(takeover, content)) {
      try {
        if (Date.now() - statSync(takeover).mtimeMs > TAKEOVER_STALE_MS) rmSync(takeover, { force: true });
      } catch {
        // gone meanwhile
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
      continue;
    }
    try {
      // Still the same stale holder (not a fresh lock taken meanwhile)? Then it is ours to remove.
      const again = readHolder(path);
      if (again && again.pid === holder.pid && again.since === holder.since) rmSync(path, { force: true });
      if (createExclusive(path, content)) return lock;
    } finally {
      rmSync(takeover, { force: true });
    }
  }
  const holder = readHolder(path) ?? { pid: 0 };
  throw new DataDirLockedError(dataDir, holder);
}
