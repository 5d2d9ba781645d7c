/**
 * Issue 20.1: one process per embedded data folder. A second process is refused with a message
 * naming the one holding the folder; a lock left by a process that died is taken over.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { DataDirLockedError, LOCK_FILE, lockDataDir } from '../../src/db/data-dir-lock.ts';
import { type SpawnedServer, spawnServer } from '../helpers/spawned-server.ts';

const folders: string[] = [];
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 's11-lock-'));
  folders.push(dir);
  return dir;
}

/** A process that is running (until killed), and the pid of one that has ended. */
function sleeper() {
  return spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
}
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((r) => child.on('exit', r));
  return child.pid!;
}

describe('the embedded data folder’s lock', () => {
  after(() => {
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });

  test('is taken with the owner’s pid and released', () => {
    const dir = folder();
    const lock = lockDataDir(dir);
    const held = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'));
    assert.equal(held.pid, process.pid);
    lock.release();
    assert.ok(!existsSync(join(dir, LOCK_FILE)));
  });

  test('refuses while another running process holds it, naming that process', () => {
    const dir = folder();
    const other = sleeper();
    try {
      writeFileSync(
        join(dir, LOCK_FILE),
        JSON.stringify({ pid: other.pid, host: hostname(), since: '2026-12-04T10:00:00.000Z' }),
      );
      assert.throws(
        () => lockDataDir(dir),
        (e: unknown) =>
          e instanceof DataDirLockedError &&
          e.message.includes(`in use by another process (pid ${other.pid}`) &&
          e.message.includes(dir),
      );
      // Still the other process's lock.
      assert.equal(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid, other.pid);
    } finally {
      other.kill('SIGKILL');
    }
  });

  test('takes over a lock left by a process that has died, or one cut short', async () => {
    const dir = folder();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: await deadPid(), host: hostname() }));
    const lock = lockDataDir(dir);
    assert.equal(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid, process.pid);
    lock.release();
    writeFileSync(join(dir, LOCK_FILE), '{"pid":');
    lockDataDir(dir).release();
  });

  test('a second server on the same folder is refused with a clear message, and the first keeps running', async () => {
    const dir = folder();
    let first: SpawnedServer | undefined;
    try {
      // No demo: the lock is what is tested, and seeding would only slow the first start.
      first = await spawnServer({ env: { DATA_DIR: dir, DEMO: 'false' } });
      const second = await spawnServer({ env: { DATA_DIR: dir, DEMO: 'false' }, noWait: true });
      const { code } = await second.exited;
      assert.equal(code, 1);
      assert.match(second.output(), new RegExp(`in use by another process \\(pid ${first.process.pid}`));
      assert.equal((await fetch(`${first.baseUrl}/healthz`)).status, 200);
      assert.equal(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid, first.process.pid);
    } finally {
      first?.process.kill('SIGKILL');
      await first?.exited;
    }
  });
});
