/**
 * Backups and restores (src/db/backup.ts): a row written before a backup is there after restoring
 * into an empty database; restoring over a database that is not empty is refused without `force`
 * and replaces it with; a check restores into a scratch database and counts rows. On PGlite always;
 * on the PostgreSQL server at TEST_DATABASE_URL when it and pg_dump are there.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { BackupError, backup, findPgTool, restore, verifyBackup } from '../../src/db/backup.ts';
import { openDatabase } from '../../src/db/client.ts';
import { DataDirLockedError, LOCK_FILE } from '../../src/db/data-dir-lock.ts';
import { PG_TEMPLATE_ENV, PGLITE_DUMP_ENV, withDatabaseName } from '../helpers/test-database.ts';

const quiet = () => {};

async function names(target: { databaseUrl?: string; dataDir?: string }): Promise<string[]> {
  const database = await openDatabase(target);
  try {
    const r = await database.executeSql('select short_name from partnerships order by short_name', []);
    return r.rows.map((row) => String(row.short_name));
  } finally {
    await database.close();
  }
}

async function addPartnership(
  target: { databaseUrl?: string; dataDir?: string },
  shortName: string,
): Promise<void> {
  const database = await openDatabase(target);
  try {
    await database.executeSql(
      'insert into partnerships (name, short_name, contact_email) values ($1, $2, $3)',
      [`Partnership ${shortName}`, shortName, 'contact@example.org'],
    );
  } finally {
    await database.close();
  }
}

describe('backups of the embedded database (PGlite)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 's11-backup-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips a row, refuses a folder that is not empty without force, and checks a backup', async () => {
    const source = join(dir, 'source');
    const dump = process.env[PGLITE_DUMP_ENV];
    const database = await openDatabase({
      dataDir: source,
      loadDataDir: dump ? new Blob([readFileSync(dump)]) : undefined,
    });
    if (!dump) await database.migrate();
    await database.close();
    await addPartnership({ dataDir: source }, 'before-backup');

    const file = join(dir, 'backup.tgz');
    const lines: string[] = [];
    await backup({ dataDir: source }, file, (l) => lines.push(l));
    assert.ok(
      lines.some((l) => l.startsWith('Backup written')),
      lines.join('\n'),
    );

    const target = join(dir, 'target');
    await restore({ dataDir: target }, file, {}, quiet);
    assert.deepEqual(await names({ dataDir: target }), ['before-backup']);

    await addPartnership({ dataDir: target }, 'after-restore');
    await assert.rejects(
      restore({ dataDir: target }, file, {}, quiet),
      (e: Error) => e instanceof BackupError && /not empty.*--force/s.test(e.message),
    );
    assert.deepEqual(await names({ dataDir: target }), ['after-restore', 'before-backup']);
    // A folder another running process holds is never replaced, even with force.
    const other = spawn('sleep', ['60'], { stdio: 'ignore' });
    const lockFile = join(target, LOCK_FILE);
    writeFileSync(
      lockFile,
      JSON.stringify({ pid: other.pid, host: hostname(), since: new Date().toISOString() }),
    );
    try {
      await assert.rejects(
        restore({ dataDir: target }, file, { force: true }, quiet),
        (e: Error) => e instanceof DataDirLockedError && e.message.includes(`pid ${other.pid}`),
      );
    } finally {
      other.kill();
      rmSync(lockFile, { force: true });
    }
    assert.deepEqual(await names({ dataDir: target }), ['after-restore', 'before-backup']);
    await restore({ dataDir: target }, file, { force: true }, quiet);
    assert.deepEqual(await names({ dataDir: target }), ['before-backup']);
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.includes('restoring')),
      [],
      'no half-restored folder is left behind',
    );

    const report = await verifyBackup({ dataDir: join(dir, 'unused') }, file, quiet);
    assert.equal(report.counts.find((c) => c.table === 'partnerships')?.rows, 1);
    assert.equal(report.counts.find((c) => c.table === 'returns')?.rows, 0);
    assert.equal(report.migrations.current, true);
    assert.equal(report.migrations.applied, report.migrations.expected);
  });

  it('refuses a file that is not a backup, and a server backup without DATABASE_URL', async () => {
    const junk = join(dir, 'junk.bak');
    writeFileSync(junk, 'not a backup');
    await assert.rejects(
      restore({ dataDir: join(dir, 'x') }, junk, {}, quiet),
      /not a backup made by npm run backup/,
    );
    const serverDump = join(dir, 'server.dump');
    writeFileSync(serverDump, Buffer.concat([Buffer.from('PGDMP'), Buffer.alloc(16)]));
    await assert.rejects(
      verifyBackup({ dataDir: join(dir, 'x') }, serverDump, quiet),
      /PostgreSQL server backup.*set DATABASE_URL/,
    );
    await assert.rejects(
      backup({ dataDir: join(dir, 'nothing-here') }, join(dir, 'b.tgz'), quiet),
      /no embedded database/,
    );
  });

  it('names the missing PostgreSQL tool and how to install it', () => {
    assert.throws(
      () => findPgTool('pg_dump', [join(dir, 'no-bin')]),
      (e: Error) => e instanceof BackupError && /pg_dump was not found.*postgresql-client/.test(e.message),
    );
  });
});

function pgSkipReason(): string | false {
  if (!process.env.TEST_DATABASE_URL) return 'TEST_DATABASE_URL is not set';
  try {
    findPgTool('pg_dump');
    findPgTool('pg_restore');
  } catch (error) {
    return (error as Error).message;
  }
  return false;
}

describe('backups of a PostgreSQL server database', { skip: pgSkipReason() }, () => {
  const serverUrl = process.env.TEST_DATABASE_URL ?? '';
  const created: string[] = [];
  let admin: pg.Client;
  let dir: string;

  async function newDatabase(migrated: boolean): Promise<string> {
    const name = `s11_bk_${randomBytes(6).toString('hex')}`;
    const template = process.env[PG_TEMPLATE_ENV];
    await admin.query(
      migrated && template ? `create database ${name} template ${template}` : `create database ${name}`,
    );
    created.push(name);
    const url = withDatabaseName(serverUrl, name);
    if (migrated && !template) {
      const database = await openDatabase({ databaseUrl: url });
      await database.migrate();
      await database.close();
    }
    return url;
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 's11-backup-pg-'));
    admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
  });
  after(async () => {
    for (const name of created) await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips a row, refuses a database that is not empty without force, and checks a backup', async () => {
    const source = await newDatabase(true);
    await addPartnership({ databaseUrl: source }, 'before-backup');
    const file = join(dir, 'backup.dump');
    await backup({ databaseUrl: source, dataDir: 'unused' }, file, quiet);
    assert.equal(readFileSync(file).subarray(0, 5).toString(), 'PGDMP', 'custom format');

    const target = await newDatabase(false);
    await restore({ databaseUrl: target, dataDir: 'unused' }, file, {}, quiet);
    assert.deepEqual(await names({ databaseUrl: target }), ['before-backup']);

    await addPartnership({ databaseUrl: target }, 'after-restore');
    await assert.rejects(
      restore({ databaseUrl: target, dataDir: 'unused' }, file, {}, quiet),
      (e: Error) => e instanceof BackupError && /not empty.*--force/s.test(e.message),
    );
    assert.deepEqual(await names({ databaseUrl: target }), ['after-restore', 'before-backup']);
    await restore({ databaseUrl: target, dataDir: 'unused' }, file, { force: true }, quiet);
    assert.deepEqual(await names({ databaseUrl: target }), ['before-backup']);

    const lines: string[] = [];
    const report = await verifyBackup({ databaseUrl: source, dataDir: 'unused' }, file, (l) => lines.push(l));
    assert.equal(report.counts.find((c) => c.table === 'partnerships')?.rows, 1);
    assert.equal(report.migrations.current, true);
    const scratch = lines.join('\n').match(/s11_verify_[0-9a-f]+/)?.[0];
    assert.ok(scratch, lines.join('\n'));
    const left = await admin.query('select 1 from pg_database where datname = $1', [scratch]);
    assert.equal(left.rowCount, 0, 'the scratch database is dropped');
  });
});
