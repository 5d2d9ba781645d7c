/**
 * Records every statement the app sends to its database while `run` runs (tests of query plans):
 * its text and parameters, and the partnership whose row-level scope it ran in (the transaction's
 * `app.partnership_id`, see src/db/partnership-scope.ts), or null in the system's context.
 * Works on the driver: pg's Client on PostgreSQL, the embedded database's remote client on PGlite.
 */
import pg from 'pg';
import type { Database } from '../../src/db/client.ts';
import { RemotePglite } from '../../src/db/pglite-remote.ts';

export interface CapturedQuery {
  text: string;
  params: unknown[];
  scope: string | null;
}

const SCOPE = /^\s*select set_config\('role',/i;

export async function captureQueries(database: Database, run: () => Promise<void>): Promise<CapturedQuery[]> {
  const captured: CapturedQuery[] = [];
  const restore: Array<() => void> = [];
  if (database.kind === 'postgres') {
    const scopes = new WeakMap<object, string | null>();
    const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
    const original = proto.query;
    proto.query = function (this: object, ...args: unknown[]) {
      const [first, second] = args;
      const text = typeof first === 'string' ? first : (first as { text?: string })?.text;
      const params = (Array.isArray(second) ? second : (first as { values?: unknown[] })?.values) ?? [];
      if (typeof text === 'string') {
        if (/^\s*(begin|commit|rollback)\b/i.test(text)) scopes.set(this, null);
        else if (SCOPE.test(text)) scopes.set(this, String(params[1]));
        else captured.push({ text, params, scope: scopes.get(this) ?? null });
      }
      return original.apply(this, args);
    };
    restore.push(() => {
      proto.query = original;
    });
  } else {
    const scopes = new Map<number, string>();
    const proto = RemotePglite.prototype as unknown as {
      queryIn: (tx: number | undefined, text: string, params?: unknown[], ...rest: unknown[]) => unknown;
      read: (st: { text: string }, params: unknown[]) => unknown;
      readIn: (tx: number, st: { text: string }, params: unknown[], ...rest: unknown[]) => unknown;
    };
    const queryIn = proto.queryIn;
    const read = proto.read;
    const readIn = proto.readIn;
    proto.queryIn = function (this: unknown, tx, text, params, ...rest) {
      if (SCOPE.test(text) && tx !== undefined) scopes.set(tx, String(params?.[1]));
      else
        captured.push({
          text,
          params: params ?? [],
          scope: tx === undefined ? null : (scopes.get(tx) ?? null),
        });
      return queryIn.call(this, tx, text, params, ...rest);
    };
    proto.read = function (this: unknown, st, params) {
      captured.push({ text: st.text, params, scope: null });
      return read.call(this, st, params);
    };
    proto.readIn = function (this: unknown, tx, st, params, ...rest) {
      captured.push({ text: st.text, params, scope: scopes.get(tx) ?? null });
      return readIn.call(this, tx, st, params, ...rest);
    };
    restore.push(() => {
      proto.queryIn = queryIn;
      proto.read = read;
      proto.readIn = readIn;
    });
  }
  try {
    await run();
  } finally {
    for (const r of restore) r();
  }
  return captured;
}
