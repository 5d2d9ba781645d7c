/**
 * Every request runs in a database scope of its own (`src/db/acting-partnership.ts`): in the
 * system's context while its session is read, then closed (no partnership's rows can be reached)
 * until a loader establishes the partnership it acts for, then behind that partnership's row-level
 * security wall for the rest of the request. A route that crosses partnerships by design declares
 * `config: { systemContext: 'why' }` and stays in the system's context; the route matrix's test
 * lists every such route, so a new one is a reviewed decision.
 */
import { AsyncResource } from 'node:async_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { closeRequestScope, inRequestScope } from '../db/acting-partnership.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Why the route works across partnerships in the system's context (the platform admin's pages,
     * a person's own pages across the partnerships they work with) rather than acting for one.
     */
    systemContext?: string;
  }
}

const scopeOf = new WeakMap<FastifyRequest, AsyncResource>();

export function scopeEachRequest(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    inRequestScope(() => {
      scopeOf.set(request, new AsyncResource('s11-request'));
      done();
    });
  });
  // A body is read in the socket's own async context: the hooks after it, and the route, are taken
  // back into the request's (as @fastify/request-context does).
  app.addHook('preValidation', (request, _reply, done) => {
    const resource = scopeOf.get(request);
    if (resource) resource.runInAsyncScope(done, request.raw);
    else done();
  });
}

/**
 * Registered after the session and sign-in hooks: from here on, until a loader calls `actFor`, the
 * request's queries may not reach any partnership's rows, unless its route says why it must.
 */
export function closeEachRequest(app: FastifyInstance): void {
  app.addHook('preHandler', (request, _reply, done) => {
    if (!request.routeOptions.config?.systemContext) closeRequestScope();
    done();
  });
}

/** Every route this plugin registers works across partnerships, for `why` (see `systemContext`). */
export function acrossPartnerships(app: FastifyInstance, why: string): void {
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, systemContext: why };
  });
}
