/**
 * Every request runs in a database scope of its own (`src/db/acting-partnership.ts`): in the
 * system's context until a loader establishes the partnership it acts for, then behind that
 * partnership's row-level security wall for the rest of the request.
 */
import { AsyncResource } from 'node:async_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { inRequestScope } from '../db/acting-partnership.ts';

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
