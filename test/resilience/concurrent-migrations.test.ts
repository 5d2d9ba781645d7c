/**
 * Issue 20.2: instances starting together on an empty database migrate one at a time (under a
 * PostgreSQL advisory lock), and create the job queue's tables the same way, so none fails with
 * `duplicate key value violates unique constraint "pg_type_typname_nsp_index"`.
 * Uses a fresh database on the PostgreSQL server (TEST_DATABASE_URL, or the local one), dropped after.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { openDatabase } from '../../src/db/client.ts';
import { createJobQueue, startJobQueue } from '../../src/jobs/job-queue.ts';
import { JOB_QUEUES } from '../../src/jobs/workers.ts';
import { withDatabaseName } from '../helpers/test-database.ts';

const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function reachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

const skip = (await reachable()) ? false : `no PostgreSQL server at ${serverUrl}`;

describe('three instances starting at once on an empty database', { skip }, () => {
  const name = `s11_migrate_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });

  before(async () => {
    await admin.connect();
    await admin.query(`create database ${name}`);
  });
  after(async () => {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  test('all three migrate and start the job queue; the schema is applied once', async () => {
    const url = withDatabaseName(serverUrl, name);
    const instances = await Promise.all([1, 2, 3].map(() => openDatabase({ databaseUrl: url })));
    try {
      const results = await Promise.allSettled(
        instances.map(async (database) => {
          await database.migrate();
          const queue = createJobQueue(database, { schedule: false, supervise: false });
          queue.on('error', () => {});
          try {
            await database.exclusive(() => startJobQueue(queue, JOB_QUEUES));
          } finally {
            await queue.stop({ graceful: false, wait: true, timeout: 2_000 });
          }
        }),
      );
      const failures = results.flatMap((r) =>
        r.status === 'rejected' ? [String(r.reason?.cause ?? r.reason)] : [],
      );
      assert.deepEqual(failures, [], 'no instance fails');
      for (const database of instances) assert.equal(await database.migrationsApplied(), true);
      const { rows } = await instances[0]!.executeSql(
        'select count(*)::int as n, count(distinct hash)::int as distinct_n from drizzle.__drizzle_migrations',
      );
      assert.equal(rows[0]!.n, rows[0]!.distinct_n, 'each migration recorded once');
    } finally {
      await Promise.all(instances.map((d) => d.close()));
    }
  });
});
