import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { isDatabaseUnavailable } from './availability.ts';
import { RemotePglite } from './pglite-remote.ts';
import { statement } from './prepared.ts';

describe('the embedded database in its own thread', () => {
  let db: RemotePglite;
  before(async () => {
    db = await RemotePglite.open({});
    await db.exec(
      `create table items (id int primary key, name text not null, seen timestamptz, data jsonb, bytes bytea);
       insert into items values (1, 'one', '2026-12-01T10:00:00Z', '{"a":[1,2]}', '\\x0102ff')`,
    );
  });
  after(() => db.close());

  test('gives rows as PGlite does: dates, JSON and bytes parsed; text kept for types asked raw', async () => {
    const { rows } = await db.query('select * from items where id = $1', [1]);
    const row = rows[0] as Record<string, unknown>;
    assert.ok(row.seen instanceof Date);
    assert.equal((row.seen as Date).toISOString(), '2026-12-01T10:00:00.000Z');
    assert.deepEqual(row.data, { a: [1, 2] });
    assert.deepEqual([...(row.bytes as Uint8Array)], [1, 2, 255]);
    // Drizzle asks for timestamptz (1184) as text, with rows as arrays.
    const raw = await db.query('select seen, name from items', [], {
      rowMode: 'array',
      parsers: { 1184: (v: string) => v },
    });
    assert.equal(typeof (raw.rows[0] as unknown[])[0], 'string');
    assert.equal((raw.rows[0] as unknown[])[1], 'one');
  });

  test('keeps PostgreSQL’s error fields, so a unique violation is still recognised by its code', async () => {
    await assert.rejects(
      db.query('insert into items (id, name) values (1, $1)', ['again']),
      (error: unknown) => {
        const e = error as Error & { code?: string; constraint?: string };
        assert.equal(e.code, '23505');
        assert.equal(e.constraint, 'items_pkey');
        assert.match(e.message, /duplicate key/);
        return true;
      },
    );
  });

  test('commits a transaction that resolves and rolls back one that throws', async () => {
    const value = await db.transaction(async (tx) => {
      await tx.query('insert into items (id, name) values (2, $1)', ['two']);
      return (await tx.query('select count(*)::int as n from items')).rows[0];
    });
    assert.deepEqual(value, { n: 2 });
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.query('insert into items (id, name) values (3, $1)', ['three']);
        throw new Error('changed my mind');
      }),
      /changed my mind/,
    );
    const { rows } = await db.query('select id from items order by id');
    assert.deepEqual(rows, [{ id: 1 }, { id: 2 }]);
  });

  test('makes other queries wait until an open transaction ends, as PGlite does', async () => {
    const order: string[] = [];
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const transaction = db.transaction(async (tx) => {
      await tx.query(`update items set name = 'inside' where id = 1`);
      order.push('transaction wrote');
      await held;
      order.push('transaction ends');
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const outside = db.query('select name from items where id = 1').then((r) => {
      order.push('outside read');
      return r.rows[0];
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await transaction;
    assert.deepEqual(await outside, { name: 'inside' });
    assert.deepEqual(order, ['transaction wrote', 'transaction ends', 'outside read']);
  });

  test('runs prepared reads, and a copy loaded from its dump holds the same rows', async () => {
    const st = statement('item_by_id', 'select name from items where id = $1');
    assert.deepEqual(await db.read(st, [2]), [{ name: 'two' }]);
    const dump = await db.dumpDataDir();
    const copy = await RemotePglite.open({ loadDataDir: await dump.arrayBuffer() });
    try {
      assert.deepEqual((await copy.query('select id from items order by id')).rows, [{ id: 1 }, { id: 2 }]);
    } finally {
      await copy.close();
    }
  });
});

describe('the embedded database’s thread failing', () => {
  test('is restarted on the same folder: what was committed is there, a transaction cut short fails as unavailable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 's11-worker-'));
    const restarts: Error[] = [];
    const db = await RemotePglite.open({ dataDir: dir }, { onRestart: (e) => restarts.push(e) });
    try {
      await db.exec('create table kept (id int primary key)');
      await db.query('insert into kept values (1)');
      const cutShort = db.transaction(async (tx) => {
        await tx.query('insert into kept values (2)');
        await db.crashWorkerForTest();
        await tx.query('insert into kept values (3)');
      });
      await assert.rejects(cutShort, (e: unknown) => isDatabaseUnavailable(e));
      assert.equal(restarts.length, 1);
      const { rows } = await db.query('select id from kept order by id');
      assert.deepEqual(rows, [{ id: 1 }]);
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
