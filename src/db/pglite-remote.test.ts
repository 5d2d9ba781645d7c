import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { isDatabaseUnavailable } from './availability.ts';
import { byteaFromText, byteaText } from './pglite-bytea.ts';
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

  test('stores and gives back bytes byte for byte: every value, none, a view into a larger buffer, a megabyte', async () => {
    await db.exec('create table blobs (id int primary key, data bytea not null)');
    const backing = new Uint8Array(64).fill(7);
    backing.set([9, 8, 0, 255], 20);
    const values = [
      Uint8Array.from({ length: 256 }, (_, i) => i),
      new Uint8Array(0),
      backing.subarray(20, 24),
      randomBytes(1 << 20),
    ];
    for (const [id, value] of values.entries())
      await db.query('insert into blobs values ($1, $2)', [id, value]);
    // What the database holds, by its own length and digest, as well as what comes back.
    const held = await db.query(
      'select id, octet_length(data) as n, md5(data) as md5 from blobs order by id',
    );
    assert.deepEqual(
      held.rows,
      values.map((v, id) => ({ id, n: v.length, md5: createHash('md5').update(v).digest('hex') })),
    );
    const hex = (v: Uint8Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex');
    const back = await db.query('select data from blobs order by id');
    assert.deepEqual(
      back.rows.map((r) => hex((r as { data: Uint8Array }).data)),
      values.map(hex),
    );
    const read = await db.read<{ data: Uint8Array }>(
      statement('blob_by_id', 'select data from blobs where id = $1'),
      [2],
    );
    assert.deepEqual([...read[0]!.data], [9, 8, 0, 255]);
    await assert.rejects(
      db.query('insert into blobs values ($1, $2)', [9, 'not bytes']),
      /Invalid input for bytea type/,
    );
  });

  test('gives each bytea value memory of its own, not a share of a pool copied with it', () => {
    const bytes = byteaFromText('\\x0102ff');
    assert.deepEqual([...bytes], [1, 2, 255]);
    assert.equal(bytes.buffer.byteLength, 3);
    assert.equal(byteaText(new Uint8Array([0, 16, 255]).subarray(1)), '\\x10ff');
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
