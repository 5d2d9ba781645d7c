/**
 * Which partnership the work in progress acts for, so that the database handles can put every query
 * behind the row-level security wall (migration 0029) without each repository saying so.
 *
 * A request runs in a scope of its own (`inRequestScope`, entered by a hook in `src/app.ts`) that
 * starts with no partnership: the system's context, in which the policies let every row through. The
 * shared loaders that establish which partnership a page belongs to (`partnershipAccess`,
 * `findCycleForPartnerships`, `loadReturnContext`) call `actFor` once they have checked the person's
 * right to it; from then on every query of the request, on a pool connection or in PGlite's worker,
 * runs as the app's role with `app.partnership_id` set to it (`client.ts`, `scoped-pool.ts`,
 * `pglite-worker.ts`).
 *
 * `asOwner` is the narrow way out: the tables' owner, whom the policies do not bind and who may
 * rewrite the append-only tables (migrations, the job queue's own schema, the anonymisation of
 * personal data).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { isUuid } from '../lib/tokens.ts';

interface Scope {
  /** The partnership acted for; null is the system's context. */
  partnershipId: string | null;
  /** The tables' owner rather than the app's role. */
  owner: boolean;
}

const storage = new AsyncLocalStorage<Scope>();

/** The role the policies bind (created by migration 0029; the migrating user may take it). */
export const APP_ROLE = 's11_app';

/** What a database connection should be set to for the current work: `owner`, or `app:<id or empty>`. */
export type ConnectionScope = 'owner' | `app:${string}`;

export function currentConnectionScope(): ConnectionScope {
  const scope = storage.getStore();
  if (scope?.owner) return 'owner';
  return `app:${scope?.partnershipId ?? ''}`;
}

/** The statement that sets a connection to `scope` (for the session), and its parameters. */
export function scopeStatement(scope: ConnectionScope): { text: string; values: string[] } {
  return {
    text: "select set_config('role', $1, false), set_config('app.partnership_id', $2, false)",
    // Role "none" is the login role again (RESET ROLE).
    values: scope === 'owner' ? ['none', ''] : [APP_ROLE, scope.slice('app:'.length)],
  };
}

/** The partnership the current work acts for (null: the system's context). */
export function actingPartnership(): string | null {
  return storage.getStore()?.partnershipId ?? null;
}

/** Runs `fn` (a request) in a scope of its own, in the system's context until `actFor` is called. */
export function inRequestScope<T>(fn: () => T): T {
  return storage.run({ partnershipId: null, owner: false }, fn);
}

/**
 * From now on the current request acts for `partnershipId` (called by the loaders that have just
 * checked the person's right to it). Outside a request (jobs, the command line) it does nothing.
 */
export function actFor(partnershipId: string): void {
  const scope = storage.getStore();
  if (!scope || scope.owner) return;
  // An empty or malformed id would mean "no partnership": the system's context, everything visible.
  if (!isUuid(partnershipId)) throw new Error('actFor needs a partnership id');
  scope.partnershipId = partnershipId;
}

/** Runs `fn` acting for `partnershipId` (tests, and work that acts for one partnership outside a request). */
export function actingFor<T>(partnershipId: string, fn: () => T): T {
  if (!isUuid(partnershipId)) throw new Error('actingFor needs a partnership id');
  return storage.run({ partnershipId, owner: false }, fn);
}

/**
 * Runs `fn` in the system's context whatever the request acts for: for what the service itself
 * records, not a partnership (the record of sent mail, written by the mailer for every caller).
 */
export function inSystemContext<T>(fn: () => T): T {
  return storage.run({ partnershipId: null, owner: false }, fn);
}

/**
 * Runs `fn` as the tables' owner: not bound by the policies and allowed what the app's role is not
 * (migrations, the job queue's schema, rewriting history to anonymise a person). Keep it narrow.
 */
export function asOwner<T>(fn: () => T): T {
  return storage.run({ partnershipId: null, owner: true }, fn);
}
