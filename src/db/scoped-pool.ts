/**
 * The PostgreSQL server's pool as Drizzle and the prepared reads see it: each connection, when it is
 * checked out for a query or a transaction, is set to the role and partnership of the work in
 * progress (`acting-partnership.ts`): the app's role `s11_app` with `app.partnership_id` (empty for
 * the system's context), or the login role itself for `asOwner` work. Each connection remembers what
 * it was last set to, so the extra statement runs only when that changes (a request acting for
 * another partnership, or the owner's work).
 *
 * With a login of the app's own (DATABASE_APP_URL: a role in `s11_app` that owns nothing), the app's
 * work has connections of that login, which cannot take the owner's role back (RESET ROLE gives it
 * its own), and only the owner's work (migrations, the job queue, anonymisation) the owner's pool,
 * whose connections are never set to another role.
 *
 * Work acting for a partnership (or a request that has not established one yet) has connections of
 * its own (`acting`), apart from the system's context's: every page does both, first its session and
 * the check of the person's right in the system's context, then its own queries for the partnership,
 * and with one pool for both a connection was switched twice a request (2.2 extra statements a theme
 * page on the national data; none now while the requests in flight act for the same partnership).
 *
 * The settings are the session's (not the transaction's): a transaction checked out under one scope
 * keeps it to its end, and nothing else uses the connection meanwhile.
 */
import type pg from 'pg';
import {
  type ConnectionScope,
  currentConnectionScope,
  SYSTEM_SCOPE,
  scopeStatement,
} from './acting-partnership.ts';

/** What each connection is set to now (a new connection is the login role: the owner). */
const settings = new WeakMap<pg.PoolClient, ConnectionScope>();

/** A server error (a refused statement) leaves the connection usable; anything else may not. */
function brokenBy(error: unknown): Error | undefined {
  const e = error as { code?: unknown; severity?: unknown };
  return typeof e?.code === 'string' && typeof e.severity === 'string' ? undefined : (error as Error);
}

export interface ScopedPools {
  /** Logged in as the tables' owner. */
  owner: pg.Pool;
  /** Logged in as the app's own login (a member of `s11_app`), when there is one. */
  app?: pg.Pool | undefined;
  /** For work acting for a partnership, logged in as `app` when there is one, else as the owner. */
  acting?: pg.Pool | undefined;
}

export class ScopedPool {
  constructor(
    private readonly pools: ScopedPools,
    /** A fixed scope (the migrator's and the job queue's `owner`), else the work in progress's. */
    private readonly fixed?: ConnectionScope,
  ) {}

  /** A connection set to the current scope; the caller releases it. */
  async connect(): Promise<pg.PoolClient> {
    const want = this.fixed ?? currentConnectionScope();
    const { owner, app, acting } = this.pools;
    const pool = want === 'owner' ? owner : want !== SYSTEM_SCOPE && acting ? acting : (app ?? owner);
    const client = await pool.connect();
    // A new connection is its login: the owner's is the owner; the app's login's is set once.
    const ownerLogin = pool === owner || (pool === acting && !app);
    if ((settings.get(client) ?? (ownerLogin ? 'owner' : undefined)) === want) return client;
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
