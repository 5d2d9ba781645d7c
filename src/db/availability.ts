/**
 * Telling "the database is away" (restarting, failing over, unreachable, its embedded thread gone)
 * from every other error: those requests get the "try again in a few minutes" page (503) rather
 * than a 500, and nothing about them is a bug to chase.
 */

/** Thrown by our own database code when it knows the database cannot be reached. */
export class DatabaseUnavailableError extends Error {
  constructor(message = 'The database is unavailable', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

/**
 * PostgreSQL's SQLSTATE classes and codes that mean the server or the connection went away:
 * 08 connection exceptions, 57P01-57P05 (administrator shutdown, crash shutdown, cannot connect
 * now, database dropped, idle session timeout) and 53300 (too many connections).
 */
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '57P04', '57P05', '53300']);
/** Socket errors from node when the server is down or the connection is cut. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** node-postgres and pg-pool say these in words only. */
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Cannot use a pool after calling end on the pool',
];

function unavailableItself(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (code.startsWith('08') && code.length === 5) return true;
    if (UNAVAILABLE_CODES.has(code) || SOCKET_CODES.has(code)) return true;
  }
  return UNAVAILABLE_MESSAGES.some((m) => error.message.includes(m));
}

/** Whether the error (or what caused it: Drizzle wraps the driver's error) means the database is away. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    if (unavailableItself(current)) return true;
    if (current instanceof AggregateError && current.errors.some(unavailableItself)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
