/**
 * The PostgreSQL server's pool as Drizzle and the prepared reads see it: each connection, when it is
 * checked out for a query or a transaction, is set to the role and partnership of the work in
 * progress (`acting-partnership.ts`): the app's role `s11_app` with `app.partnership_id` (empty for
 * the system's context), or the login role itself for `asOwner` work. Each connection remembers what
 * it was last set to, so the extra statement runs only when that changes (a request acting for
 * another partnership, or the owner's work).
 *
 * The settings are the session's (not the transaction's): a transaction checked out under one scope
 * keeps it to its end, and nothing else uses the connection meanwhile.
 */
import type pg from 'pg';
import { type ConnectionScope, currentConnectionScope, scopeStatement } from './acting-partnership.ts';

/** What each connection is set to now (a new connection is the login role: the owner). */
const settings = new WeakMap<pg.PoolClient, ConnectionScope>();

/** A server error (a refused statement) leaves the connection usable; anything else may not. */
function brokenBy(error: unknown): Error | undefined {
  const e = error as { code?: unknown; severity?: unknown };
  return typeof e?.code === 'string' && typeof e.severity === 'string' ? undefined : (error as Error);
}

export class ScopedPool {
  constructor(
    private readonly pool: pg.Pool,
    /** A fixed scope (the migrator's and the job queue's `owner`), else the work in progress's. */
    private readonly fixed?: ConnectionScope,
  ) {}

  /** A connection set to the current scope; the caller releases it. */
  async connect(): Promise<pg.PoolClient> {
    const want = this.fixed ?? currentConnectionScope();
    const client = await this.pool.connect();
    if ((settings.get(client) ?? 'owner') === want) return client;
    try {
      const { text, values } = scopeStatement(want);
      await client.query(text, values);
      settings.set(client, want);
    } catch (error) {
      client.release(brokenBy(error) ?? (error as Error));
      throw error;
    }
    return client;
  }

  // biome-ignore lint/suspicious/noExplicitAny: node-postgres's own overloads (text or config, values)
  async query(config: any, values?: unknown[]): Promise<any> {
    const client = await this.connect();
    try {
      const result = await client.query(config, values);
      client.release();
      return result;
    } catch (error) {
      client.release(brokenBy(error));
      throw error;
    }
  }
}
