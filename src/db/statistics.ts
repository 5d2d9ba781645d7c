/**
 * The planner's statistics, kept fresh. The embedded database has no autovacuum (PGlite runs one
 * backend and no background workers), so without this its statistics would stay as the first start
 * left them: a partnership's tables grow from a few rows to tens of thousands, and the planner,
 * still thinking them nearly empty, picks plans that read every agency per agency (measured on a
 * 10,000-return audit: the API's answers page took 1,008 ms before an ANALYZE and 92 ms after). A
 * PostgreSQL server's autovacuum does the same when it is on; where it is off, this does it.
 *
 * Each table is analysed in a statement of its own, so on the embedded database's single connection
 * requests wait for one table's sample at most (ANALYZE reads a sample, not the whole table).
 */
import { sql } from 'drizzle-orm';
import { asOwner } from './acting-partnership.ts';
import { queryRows } from './client.ts';
import type { DbOrTx } from './handles.ts';

/** Analyses every table of the app and of the job queue, one at a time; the tables analysed. */
export function refreshStatistics(db: DbOrTx): Promise<string[]> {
  // As the tables' owner: ANALYZE skips (with a warning) a table the app's role does not own.
  return asOwner(async () => {
    const tables = await queryRows<{ schema: string; name: string }>(
      db,
      sql`select schemaname as schema, relname as name from pg_stat_user_tables order by schemaname, relname`,
    );
    for (const t of tables)
      await db.execute(sql`analyze ${sql.identifier(t.schema)}.${sql.identifier(t.name)}`);
    return tables.map((t) => `${t.schema}.${t.name}`);
  });
}
