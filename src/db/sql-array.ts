/**
 * A list of values as one SQL array parameter: a single bind however long the list (a batch of 500
 * returns is one parameter, not 500), each value quoted as an array element so that any text keeps
 * its meaning.
 */
import { type SQL, sql } from 'drizzle-orm';

/** `values` as an SQL array of `type`, sent as one parameter. */
export function sqlArray(values: readonly string[], type: 'uuid' | 'text'): SQL {
  const literal = `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
  return sql`${literal}::${sql.raw(type)}[]`;
}
