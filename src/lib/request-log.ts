/**
 * What the request log records. Fastify logs each request's method, address, host and the
 * caller's network address; for the anonymous staff survey that would tie a network address to a
 * survey link and a time, so its addresses are redacted and no caller address is logged for them
 * (and its routes log nothing below warnings: see `SURVEY_LOG_LEVEL`).
 */
import type { FastifyRequest } from 'fastify';

/** Survey routes log only warnings and errors: no "incoming request" or "request completed" lines. */
export const SURVEY_LOG_LEVEL = 'warn';

const SURVEY_PATH = /^\/survey\/[^/?#]*/;

/** The address as logged: a survey link's token replaced. */
export function redactUrl(url: string): string {
  return url.replace(SURVEY_PATH, '/survey/[redacted]');
}

export function isSurveyUrl(url: string): boolean {
  return SURVEY_PATH.test(url);
}

/** Fastify's request serializer, with survey addresses redacted and their caller not recorded. */
export function serializeRequest(request: FastifyRequest): Record<string, unknown> {
  const url = request.url ?? '';
  if (isSurveyUrl(url)) return { method: request.method, url: redactUrl(url) };
  return {
    method: request.method,
    url,
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
