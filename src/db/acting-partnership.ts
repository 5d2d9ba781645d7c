/**
 * Which partnership the work in progress acts for, so that the database handles can put every query
 * behind the row-level security wall (migration 0029) without each repository saying so.
 *
 * A request runs in a scope of its own (`inRequestScope`, entered by a hook in `src/app.ts`). While the
 * session is read it is in the system's context; then, before the route runs, the scope is closed
 * (`closeRequestScope`): no partnership is established yet, and any query that reaches a
 * partnership's rows fails (the policies cannot read `app.partnership_id`: see `NOT_ESTABLISHED`)
 * rather than seeing every partnership's. The shared loaders that establish which partnership a page
 * belongs to (`partnershipAccess`, `findPartnershipCycle`, `loadReturnContext`) check the person's
 * right to it in the system's context and then call `actFor`; from then on every query of the
 * request, on a pool connection or in PGlite's worker, runs as the app's role with
 * `app.partnership_id` set to it (`client.ts`, `scoped-pool.ts`, `pglite-worker.ts`). The few routes
 * that cross partnerships by design (the platform admin's, a person's own home page across the
 * partnerships they work with) say so with `config.systemContext` and why (`src/web/partnership-wall.ts`).
 *
 * `asOwner` is the narrow way out: the tables' owner, whom the policies do not bind and who may
 * rewrite the append-only tables (migrations, the job queue's own schema, the anonymisation of
 * personal data).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { isUuid } from '../lib/tokens.ts';

interface Scope {
  /** The partnership acted for; null is the system's context (or, closed, none yet). */
  partnershipId: string | null;
  /** The tables' owner rather than the app's role. */
  owner: boolean;
  /** A request whose route has not yet established its partnership: partnership data is refused. */
  closed: boolean;
}

/**
 * What `app.partnership_id` holds while a request's scope is closed. It is not a UUID, so every
 * policy's `app_current_partnership()` fails on it (SQLSTATE 22P02, quoting this text): a query that
 * reaches a partnership's rows before the request has established which partnership it acts for is
 * an error (a 500, logged with its route), never a view of every partnership nor a silently empty one.
 * Tables that belong to no partnership (people, sessions, sign-in links) are not affected.
 */
export const NOT_ESTABLISHED = 'no partnership established';

const storage = new AsyncLocalStorage<Scope>();

/** The role the policies bind (created by migration 0029; the migrating user may take it). */
export const APP_ROLE = 's11_app';

/** What a database connection should be set to for the current work: `owner`, or `app:<id or empty>`. */
export type ConnectionScope = 'owner' | `app:${string}`;

/** The system's context: the app's role, acting for no partnership. */
export const SYSTEM_SCOPE: ConnectionScope = 'app:';

export function currentConnectionScope(): ConnectionScope {
  const scope = storage.getStore();
  if (scope?.owner) return 'owner';
  if (scope?.closed) return `app:${NOT_ESTABLISHED}`;
  return scope?.partnershipId ? `app:${scope.partnershipId}` : SYSTEM_SCOPE;
}

/** The statement that sets a connection to `scope` (for the session), and its parameters. */
export function scopeStatement(scope: ConnectionScope): { text: string; values: string[] } {
  return {
    text: "select set_config('role', $1, false), set_config('app.partnership_id', $2, false)",
    // Role "none" is the login role again (RESET ROLE).
    values: scope === 'owner' ? ['none', ''] : [APP_ROLE, scope.slice('app:'.length)],
  };
}

/** The partnership the current work acts for (null: the system's context, or none yet). */
export function actingPartnership(): string | null {
  return storage.getStore()?.partnershipId ?? null;
}

/** Runs `fn` (a request) in a scope of its own, in the system's context until it is closed. */
export function inRequestScope<T>(fn: () => T): T {
  return storage.run({ partnershipId: null, owner: false, closed: false }, fn);
}

/**
 * The current request has read its session and is about to run its route: until `actFor`, its
 * queries may not reach any partnership's rows (`NOT_ESTABLISHED`). Outside a request, or once a
 * partnership is established, it does nothing.
 */
export function closeRequestScope(): void {
  const scope = storage.getStore();
  if (!scope || scope.owner || scope.partnershipId !== null) return;
  scope.closed = true;
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
  scope.closed = false;
}

/** Runs `fn` acting for `partnershipId` (tests, and work that acts for one partnership outside a request). */
export function actingFor<T>(partnershipId: string, fn: () => T): T {
  if (!isUuid(partnershipId)) throw new Error('actingFor needs a partnership id');
  return storage.run({ partnershipId, owner: false, closed: false }, fn);
}

/**
 * Runs `fn` in the system's context whatever the request acts for: for what the service itself
 * records, not a partnership (the record of sent mail, written by the mailer for every caller), and
 * for the loaders' own checks of a person's right to what a request names, before `actFor`. Keep it
 * narrow: `fn` must decide only from the person's own roles, never list what it finds for them.
 */
export function inSystemContext<T>(fn: () => T): T {
  return storage.run({ partnershipId: null, owner: false, closed: false }, fn);
}

/**
 * Runs `fn` as the tables' owner: not bound by the policies and allowed what the app's role is not
 * (migrations, the job queue's schema, rewriting history to anonymise a person). Keep it narrow.
 */
export function asOwner<T>(fn: () => T): T {
  return storage.run({ partnershipId: null, owner: true, closed: false }, fn);
}
