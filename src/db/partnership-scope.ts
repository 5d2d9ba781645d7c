/**
 * The database's own wall between partnerships (row-level security, migration 0029). Work done for
 * one partnership runs in a transaction as the app's role `s11_app`, which does not own the tables
 * and so is bound by their policies, with the transaction-local setting `app.partnership_id`: the
 * queries in it see and change only that partnership's rows (plus what joint audits, shared
 * agencies and template shares allow), whatever their own `where` says.
 *
 * Both settings are local to the transaction, so they end with it: safe on the pool's connections
 * and on PGlite's single shared one. Outside such a scope the connection keeps its own role and no
 * partnership is set (the system's context: jobs, platform admin, public forms, migrations).
 */
import { sql } from 'drizzle-orm';
import { isUuid } from '../lib/tokens.ts';
import { APP_ROLE } from './acting-partnership.ts';
import type { Db, Tx } from './handles.ts';

export { APP_ROLE };

/** The handle each scope's transaction was opened on. */
const openedOn = new WeakMap<Tx, Db>();

/**
 * The handle `handle` belongs to: for a scope's transaction, the handle it was opened on (what is
 * kept for a handle, such as the template structures' cache, serves its scopes too); else itself.
 */
export function handleOf(handle: Db | Tx): Db | Tx {
  return openedOn.get(handle as Tx) ?? handle;
}

/** Runs `fn` in a transaction bound to `partnershipId`'s rows by the database's policies. */
export async function inPartnershipScope<T>(
  db: Db,
  partnershipId: string,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  // An empty or malformed id would mean "no partnership": the system's context, everything visible.
  if (!isUuid(partnershipId)) throw new Error('inPartnershipScope needs a partnership id');
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('role', ${APP_ROLE}, true), set_config('app.partnership_id', ${partnershipId}, true)`,
    );
    openedOn.set(tx, db);
    return fn(tx);
  });
}
