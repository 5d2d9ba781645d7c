/**
 * `readQuery`: a query written with Drizzle's `sql` read as a prepared statement, on the database
 * the suite runs on: each form of its text is one statement (planned once a connection), its values
 * bound each time, the same rows inside a transaction as outside.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.ts';
import { readQuery } from '../../src/db/prepared.ts';
import { sessions } from '../../src/db/schema.ts';
import { openTestDatabase } from '../helpers/test-database.ts';

describe('a Drizzle query as a prepared read', () => {
  let database: Database;
  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => database.close());

  const doubled = (n: number, label: boolean) =>
    sql`select ${n}::int * 2 as twice${label ? sql`, 'labelled' as label` : sql``}`;

  it('binds new values to the same statement, and makes another of another form of the text', async () => {
    for (const n of [1, 2, 3, 4, 5, 6, 7])
      assert.deepEqual(await readQuery(database.db, 'test_doubled', doubled(n, false)), [{ twice: 2 * n }]);
    assert.deepEqual(await readQuery(database.db, 'test_doubled', doubled(21, true)), [
      { twice: 42, label: 'labelled' },
    ]);
    assert.deepEqual(await readQuery(database.db, 'test_doubled', doubled(8, false)), [{ twice: 16 }]);
    // The embedded database is one connection: its prepared statements are those two. (A server's
    // pool spreads them over its connections.)
    if (!process.env.TEST_DATABASE_URL) {
      const made = await readQuery<{ name: string }>(
        database.db,
        'test_statements',
        sql`select name from pg_prepared_statements where name like 'test_doubled_%' order by name`,
      );
      assert.equal(made.length, 2, JSON.stringify(made));
    }
  });

  it('reads the same inside a transaction, where it sees the transaction’s own work', async () => {
    const inside = await database.db.transaction(async (tx) => {
      await tx.execute(sql`create temporary table seen (v int) on commit drop`);
      await tx.execute(sql`insert into seen values (5)`);
      return readQuery<{ v: number }>(tx, 'test_seen', sql`select v from seen where v = ${5}`);
    });
    assert.deepEqual(inside, [{ v: 5 }]);
    assert.deepEqual(await readQuery(database.db, 'test_doubled', doubled(9, false)), [{ twice: 18 }]);
  });

  it('fails the transaction when a prepared read in it fails, which then leaves nothing, and goes on after', async () => {
    // A row the transaction writes (a session: a table the app's role writes in the system's context).
    const idHash = `prepared-probe-${Date.now()}`;
    await assert.rejects(
      database.db.transaction(async (tx) => {
        await tx.insert(sessions).values({ idHash, csrfToken: 'x' });
        await readQuery(tx, 'test_bad_cast', sql`select ${'not a number'}::int as v`);
      }),
      /invalid input syntax/,
    );
    const left = await readQuery<{ n: number }>(
      database.db,
      'test_probe_count',
      sql`select count(*)::int as n from sessions where id_hash = ${idHash}`,
    );
    assert.deepEqual(left, [{ n: 0 }]);
    const after = await database.db.transaction((tx) =>
      readQuery<{ v: number }>(tx, 'test_bad_cast', sql`select ${'7'}::int as v`),
    );
    assert.deepEqual(after, [{ v: 7 }]);
  });
});
