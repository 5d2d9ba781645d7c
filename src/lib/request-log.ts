/**
 * What the request log records. Fastify logs each request's method, address, host and the
 * caller's network address. Addresses can carry secrets (a sign-in or invitation link's token, a
 * survey link, anything a future route adds), so one rule applies to every address: each part of
 * its path and each value of its query is kept only when it is plainly not a secret (a UUID, a
 * number, or a word of lower-case letters, such as `returns` or `export.csv`), and is logged as
 * `[redacted]` otherwise. Ids stay readable; tokens, emails and typed text never reach the log.
 *
 * For the anonymous staff survey a network address would tie a person to a survey link and a time,
 * so no caller address is logged for it (and its routes log nothing below warnings: see
 * `SURVEY_LOG_LEVEL`).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { isUuid } from './tokens.ts';

/** Survey routes log only warnings and errors: no "incoming request" or "request completed" lines. */
export const SURVEY_LOG_LEVEL = 'warn';

const SURVEY_PATH = /^\/survey(?:\/|$)/;
const REDACTED = '[redacted]';

/**
 * A part of an address that may be logged as it is: a UUID, a number, or lower-case words (a
 * random token is never all lower-case letters in practice: 43 base64url characters).
 */
function loggable(part: string): boolean {
  return part === '' || isUuid(part) || /^\d{1,12}$/.test(part) || /^[a-z][a-z.-]{0,39}$/.test(part);
}

function decoded(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return part;
  }
}

/** The address as logged: every part that could be a secret replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  const queryAt = url.indexOf('?');
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  const query = queryAt === -1 ? null : url.slice(queryAt + 1);
  const safePath = path
    .split('/')
    .map((part) => (loggable(decoded(part)) ? part : REDACTED))
    .join('/');
  if (query === null) return safePath;
  const safeQuery = query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq === -1 ? pair : pair.slice(0, eq);
      const value = eq === -1 ? null : pair.slice(eq + 1);
      const safeName = loggable(decoded(name)) || /^[a-zA-Z]{1,40}$/.test(name) ? name : REDACTED;
      if (value === null) return safeName;
      return `${safeName}=${loggable(decoded(value)) ? value : REDACTED}`;
    })
    .join('&');
  return `${safePath}?${safeQuery}`;
}

export function isSurveyUrl(url: string): boolean {
  return SURVEY_PATH.test(url);
}

/** Fastify's request serializer: addresses redacted, and survey callers not recorded. */
export function serializeRequest(request: FastifyRequest): Record<string, unknown> {
  const url = redactUrl(request.url ?? '');
  if (isSurveyUrl(request.url ?? '')) return { method: request.method, url };
  return {
    method: request.method,
    url,
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/**
 * A request's id, on every line logged for it and sent back as X-Request-Id: the one the reverse
 * proxy gave (X-Request-Id, trusted only with TRUST_PROXY, and only when it is a plain token of at
 * most 64 letters, digits, dots, dashes and underscores, so nothing typed reaches the log through
 * it), or a new random UUID, unique across instances.
 */
export function requestId(header: string | string[] | undefined, trustProxy: boolean): string {
  if (trustProxy && typeof header === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(header)) return header;
  return randomUUID();
}
