/**
 * Settings for the planner that every connection of the app starts with, on the embedded database
 * and on a PostgreSQL server alike.
 *
 * `random_page_cost` 1.1 (PostgreSQL's default is 4, a spinning disk's): the app's working set is
 * small enough to sit in memory, or on SSD, where reading a page out of order costs about what
 * reading the next one does. With 4, the planner read the whole answers table (630,000 rows) for
 * each batch of 500 returns of the results page rather than their 37,000 answers through the index:
 * 386 ms a batch against 78 ms (EXPLAIN ANALYZE on a 10,000-return audit). A server's administrator
 * can still choose otherwise: a connection string with its own `options` keeps them.
 */
export const PLANNER_SETTINGS: ReadonlyArray<readonly [name: string, value: string]> = [
  ['random_page_cost', '1.1'],
];

/** The settings as a PostgreSQL start-up `options` string (`-c name=value …`). */
export function plannerOptions(): string {
  return PLANNER_SETTINGS.map(([name, value]) => `-c ${name}=${value}`).join(' ');
}
