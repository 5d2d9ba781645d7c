/** The status an error is answered with, shared by the pages' and the read API's error handlers. */
import type { FastifyRequest } from 'fastify';
import { loggedError } from '../lib/error-log.ts';

/** A 4xx the error carries, or 500, which is logged (the error's kind and codes, never its data). */
export function answeredStatus(error: Error & { statusCode?: number }, request: FastifyRequest): number {
  const status =
    error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
  if (status === 500)
    request.log.error(
      { error: loggedError(error), route: request.routeOptions.url ?? null },
      'unexpected error: answered 500',
    );
  return status;
}
