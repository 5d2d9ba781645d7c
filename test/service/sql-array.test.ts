/**
 * `sqlArray`: a list sent as one array parameter reads back as the same values in order, on the
 * database the suite runs on, whatever characters they hold; an empty list is an empty array.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '../../src/db/client.ts';
import { readRows, statement } from '../../src/db/prepared.ts';
import { sqlArray } from '../../src/db/sql-array.ts';
import { openTestDatabase } from '../helpers/test-database.ts';

describe('a list as one SQL array parameter', () => {
  let database: Database;
  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => database.close());

  const read = async (values: string[], type: 'uuid' | 'text') =>
    (
      await queryRows<{ v: string | null }>(
        database.db,
        sql`select v::text from unnest(${sqlArray(values, type)}) with ordinality as u(v, n) order by n`,
      )
    ).map((r) => r.v);

  it('keeps texts with quotes, backslashes, commas, braces, spaces and the word NULL as they are', async () => {
    const texts = [
      'plain',
      'a "quoted" word',
      'back\\slash',
      'a,b',
      '{braces}',
      '  spaced  ',
      'NULL',
      '',
      '’ £',
    ];
    assert.deepEqual(await read(texts, 'text'), texts);
  });

  it('reads ids as uuids, in order, and an empty list as no rows', async () => {
    const ids = ['22222222-2222-4222-8222-222222222222', '11111111-1111-4111-8111-111111111111'];
    assert.deepEqual(await read(ids, 'uuid'), ids);
    assert.deepEqual(await read([], 'uuid'), []);
  });

  it('refuses a value that is not a uuid where uuids are asked for, with the database’s error', async () => {
    await assert.rejects(read(['not-a-uuid'], 'uuid'), /uuid/);
  });

  it('sends a list given to a prepared read as one array parameter, inside a transaction and outside', async () => {
    const texts = ['a "quoted" word', 'back\\slash', 'a,b', '{braces}', 'NULL'];
    const listed = statement(
      'test_listed',
      'select v from unnest($1::text[]) with ordinality as u(v, n) order by n',
    );
    const outside = await readRows<{ v: string }>(database.db, listed, [texts]);
    const inside = await database.db.transaction((tx) => readRows<{ v: string }>(tx, listed, [texts]));
    assert.deepEqual(
      outside.map((r) => r.v),
      texts,
    );
    assert.deepEqual(
      inside.map((r) => r.v),
      texts,
    );
  });
});
