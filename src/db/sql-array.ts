/**
 * A list of values as one SQL array parameter: a single bind however long the list (a batch of 500
 * returns is one parameter, not 500), each value quoted as an array element so that any text keeps
 * its meaning.
 */
import { type SQL, sql } from 'drizzle-orm';

/** `values` as PostgreSQL's text of an array, each value quoted: one parameter's value. */
export function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

/** `values` as an SQL array of `type`, sent as one parameter. */
export function sqlArray(values: readonly string[], type: 'uuid' | 'text'): SQL {
  return sql`${arrayLiteral(values)}::${sql.raw(type)}[]`;
}
