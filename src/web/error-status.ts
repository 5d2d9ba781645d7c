/** The status an error is answered with, shared by the pages' and the read API's error handlers. */
import type { FastifyRequest } from 'fastify';
import { NOT_ESTABLISHED } from '../db/acting-partnership.ts';
import { loggedError } from '../lib/error-log.ts';

/** The database refused a closed request a partnership's rows (a fixed text, never data). */
function closedScope(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++)
    if (String((e as Error).message).includes(`"${NOT_ESTABLISHED}"`)) return true;
  return false;
}

/** A 4xx the error carries, or 500, which is logged (the error's kind and codes, never its data). */
export function answeredStatus(error: Error & { statusCode?: number }, request: FastifyRequest): number {
  const status =
    error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
  if (status === 500)
    request.log.error(
      { error: loggedError(error), route: request.routeOptions.url ?? null },
      closedScope(error)
        ? "unexpected error: answered 500 (the route read a partnership's rows before establishing which partnership it acts for: see src/db/acting-partnership.ts)"
        : 'unexpected error: answered 500',
    );
  return status;
}
