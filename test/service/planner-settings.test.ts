/** Every connection of the app starts with the planner's settings (src/db/planner-settings.ts). */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { PLANNER_SETTINGS } from '../../src/db/planner-settings.ts';
import { openTestDatabase } from '../helpers/test-database.ts';

describe('the planner’s settings', () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    await database.close();
  });

  it('are those of every connection, several at once', async () => {
    for (const [name, value] of PLANNER_SETTINGS) {
      // Several at once: on a server each may be a connection of its own.
      const seen = await Promise.all(
        Array.from({ length: 4 }, () =>
          queryRows<{ value: string }>(database.db, sql`select current_setting(${name}) as value`),
        ),
      );
      assert.deepEqual(
        seen.map((rows) => rows[0]!.value),
        [value, value, value, value],
        name,
      );
    }
  });
});
