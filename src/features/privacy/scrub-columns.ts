/**
 * Rewrites text columns of the rows a condition selects with `scrubText`, inside an anonymising
 * transaction. Returns how many values changed. Table and column names come from this code only.
 */
import { type SQL, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../../db/client.ts';
import { type ScrubTerms, scrubText } from './anonymising.ts';

export async function scrubColumns(
  tx: Tx,
  table: string,
  columns: string[],
  where: SQL,
  terms: ScrubTerms,
): Promise<number> {
  const cols = sql.join(
    columns.map((c) => sql.identifier(c)),
    sql`, `,
  );
  const rows = await queryRows<Record<string, string | null>>(
    tx,
    sql`select id::text as id, ${cols} from ${sql.identifier(table)} where ${where}`,
  );
  let changed = 0;
  for (const row of rows) {
    const sets: SQL[] = [];
    for (const c of columns) {
      const before = row[c];
      if (before == null) continue;
      const after = scrubText(before, terms);
      if (after !== before) sets.push(sql`${sql.identifier(c)} = ${after}`);
    }
    if (sets.length === 0) continue;
    changed += sets.length;
    await tx.execute(
      sql`update ${sql.identifier(table)} set ${sql.join(sets, sql`, `)} where id = ${row.id}::uuid`,
    );
  }
  return changed;
}

/** Runs an UPDATE (without RETURNING) and gives how many rows it changed. */
export async function countChanged(tx: Tx, update: SQL): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    tx,
    sql`with changed as (${update} returning 1) select count(*)::int as n from changed`,
  );
  return rows[0]?.n ?? 0;
}
