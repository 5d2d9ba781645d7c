/**
 * Prepared reads for the hot path (every signed-in request reads the session, the user and the
 * return). PostgreSQL spends most of a small query's time planning it; a named prepared statement
 * is planned once per connection. On PostgreSQL servers node-postgres does this for named queries.
 * PGlite's own `query` always uses an unnamed statement (parse, describe, bind, describe, execute,
 * sync: six trips into the engine), so for PGlite we prepare each statement once and then send
 * bind, execute and sync in a single trip. Measured here on a five-table join: 3.0 ms unprepared,
 * 0.9 ms prepared.
 *
 * Reads inside a transaction run on the transaction's own connection (see `readRows`), so they see
 * its writes; they are prepared there too.
 */
import { type PGlite, protocol } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { sha256 } from '../lib/tokens.ts';
import type { DbOrTx } from './handles.ts';
import { arrayLiteral } from './sql-array.ts';

export interface Statement {
  /** Unique per statement text: it names the prepared statement on each connection. */
  name: string;
  /** PostgreSQL text with $1, $2… parameters. */
  text: string;
}

export function statement(name: string, text: string): Statement {
  return { name, text: text.replace(/\s+/g, ' ').trim() };
}

export type RowReader = <T>(statement: Statement, params: unknown[]) => Promise<T[]>;

const readers = new WeakMap<object, RowReader>();

/** Registers the fast reader of a root database handle (done by `openDatabase`). */
export function registerReader(db: object, reader: RowReader): void {
  readers.set(db, reader);
}

/** The fast reader registered for a root database handle (the wall's tests watch what it reads). */
export function readerOf(db: object): RowReader | undefined {
  return readers.get(db);
}

/**
 * The statement as Drizzle SQL, for use inside a transaction. A list is sent as one parameter, as
 * PostgreSQL's array text (Drizzle would make a list of parameters of it): the statement casts it
 * to its array type, as `$4::uuid[]`.
 */
function asSql(st: Statement, params: unknown[]): SQL {
  const parts = st.text.split(/(\$\d+)/);
  return sql.join(
    parts.map((part) => {
      if (!/^\$\d+$/.test(part)) return sql.raw(part);
      const param = params[Number(part.slice(1)) - 1];
      return Array.isArray(param) ? sql`${arrayLiteral(param.map(String))}` : sql`${param}`;
    }),
  );
}

/**
 * Rows of a prepared read, as objects keyed by column name with PostgreSQL types parsed. Inside a
 * transaction, prepared on the transaction's connection as outside one (a statement's planning is
 * most of its time: a theme page's saved values, read by its save, planned 0.8 ms and run 0.3 ms on
 * a PostgreSQL server); through a transaction that has no way of its own, sent as it stands.
 */
export async function readRows<T>(db: DbOrTx, st: Statement, params: unknown[]): Promise<T[]> {
  const reader = readers.get(db) ?? transactionReader(db);
  if (reader) return reader<T>(st, params);
  const result = (await db.execute(asSql(st, params))) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * The prepared reads of a Drizzle transaction's own connection: a PostgreSQL server's client, or
 * the embedded database's transaction (`RemotePglite.transaction`'s `read`); null for any other.
 */
function transactionReader(db: DbOrTx): RowReader | null {
  const client = (db as { session?: { client?: unknown } }).session?.client;
  if (client instanceof pg.Client)
    return async <T>(st: Statement, params: unknown[]) =>
      (await client.query({ name: st.name, text: st.text, values: params })).rows as T[];
  const read = (client as { read?: unknown } | undefined)?.read;
  return typeof read === 'function' ? (read as RowReader) : null;
}

const dialect = new PgDialect();
/** The prepared statements made of Drizzle queries, by their text. */
const madeOfQueries = new Map<string, Statement>();

/**
 * `readRows` of a query written with Drizzle's `sql`: prepared under `name` and a digest of its text
 * (one statement a form of the text), so a query built in a few forms is planned once a connection
 * as the other prepared reads are, not at every request (the task list's review summary: 0.5 ms of
 * the database's 1.5 ms a page, parsed and planned each time for an execution of 0.01 ms). Only for
 * a query whose text takes a handful of forms: one made with a list of values as many parameters
 * would prepare a statement for each length.
 */
export function readQuery<T>(db: DbOrTx, name: string, query: SQL): Promise<T[]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  let st = madeOfQueries.get(text);
  if (!st) {
    st = { name: `${name}_${sha256(text).slice(0, 12)}`, text };
    madeOfQueries.set(text, st);
  }
  return readRows<T>(db, st, params);
}

export function nodePostgresReader(pool: {
  query(config: pg.QueryConfig): Promise<pg.QueryResult>;
}): RowReader {
  return async <T>(st: Statement, params: unknown[]) => {
    const result = await pool.query({ name: st.name, text: st.text, values: params });
    return result.rows as T[];
  };
}

interface PreparedShape {
  paramTypes: number[];
  fields: Array<{ name: string; dataTypeID: number }>;
}

type PGliteInternals = PGlite & {
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>;
  _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T>;
};

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/**
 * The embedded database's prepared reads: `read` outside a transaction (it waits for the database),
 * `readInTransaction` for a statement of the transaction under way.
 */
export function pgliteReaders(client: PGlite): { read: RowReader; readInTransaction: RowReader } {
  const { serialize } = protocol;
  const shapes = new Map<string, PreparedShape>();
  const internals = client as PGliteInternals;

  async function prepare(st: Statement): Promise<PreparedShape> {
    const messages = await client.execProtocolStream(
      concat([
        serialize.parse({ name: st.name, text: st.text, types: [] }),
        serialize.describe({ type: 'S', name: st.name }),
        serialize.sync(),
      ]),
      { syncToFs: false },
    );
    const params = messages.find((m) => m.name === 'parameterDescription') as
      | { dataTypeIDs: number[] }
      | undefined;
    const rows = messages.find((m) => m.name === 'rowDescription') as
      | { fields: Array<{ name: string; dataTypeID: number }> }
      | undefined;
    const shape = {
      paramTypes: params?.dataTypeIDs ?? [],
      fields: (rows?.fields ?? []).map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
    };
    shapes.set(st.name, shape);
    return shape;
  }

  async function run<T>(st: Statement, params: unknown[]): Promise<T[]> {
    const shape = shapes.get(st.name) ?? (await prepare(st));
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = client.serializers[shape.paramTypes[i] ?? 0];
      return serializer ? serializer(value) : String(value);
    });
    const messages = await client.execProtocolStream(
      concat([serialize.bind({ statement: st.name, values }), serialize.execute({}), serialize.sync()]),
      { syncToFs: false },
    );
    const out: T[] = [];
    for (const m of messages) {
      if (m.name !== 'dataRow') continue;
      const cells = (m as unknown as { fields: Array<string | null> }).fields;
      const row: Record<string, unknown> = {};
      shape.fields.forEach((f, i) => {
        const raw = cells[i] ?? null;
        const parser = client.parsers[f.dataTypeID];
        row[f.name] = raw === null ? null : parser ? parser(raw, f.dataTypeID) : raw;
      });
      out.push(row as T);
    }
    return out;
  }

  return {
    read: (st, params) =>
      internals._runExclusiveTransaction(() => internals._runExclusiveQuery(() => run(st, params))),
    // The transaction's holder has the database already: a statement of it takes only its turn, as
    // the transaction's own queries do.
    readInTransaction: (st, params) => internals._runExclusiveQuery(() => run(st, params)),
  };
}
