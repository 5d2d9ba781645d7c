/**
 * What the log keeps of an unexpected error: enough to find the fault, nothing anyone typed.
 *
 * An error's message can hold personal data: Drizzle's "Failed query: insert into answers … params:
 * …" carries the query's parameters (what an agency typed, an email address), PostgreSQL's `detail`
 * quotes the values of a violated constraint ("Key (email)=(…) already exists"), and even the
 * engine's own messages can quote their input (`JSON.parse`). So no message and no detail is logged:
 * only the kinds of error along the cause chain, PostgreSQL's SQLSTATE code, the names of the
 * constraint, table and column involved, and the stack's frames (which name code, never data).
 */

export interface LoggedError {
  /** The error's class, and each cause's after it: `DrizzleQueryError < error`. */
  type: string;
  /** PostgreSQL's SQLSTATE (`23505`) or Node's code (`ECONNREFUSED`), from the deepest cause having one. */
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  /** Where it was thrown: the stack without its first line (the message). */
  stack?: string;
}

const NAME = /^[A-Za-z_][\w$.-]{0,62}$/;
const CODE = /^[A-Z0-9_]{1,40}$/;

/** A property if it is a plain identifier (a constraint or table name), never free text. */
function identifier(value: unknown, pattern: RegExp): string | undefined {
  return typeof value === 'string' && pattern.test(value) ? value : undefined;
}

/** The error, for `log.error({ err: loggedError(error) }, …)`. */
export function loggedError(error: unknown): LoggedError {
  const types: string[] = [];
  const logged: LoggedError = { type: '' };
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current !== undefined && current !== null; depth++) {
    const e = current as Record<string, unknown>;
    types.push(
      typeof current === 'object' ? ((current as object).constructor?.name ?? 'Object') : typeof current,
    );
    logged.code = identifier(e.code, CODE) ?? logged.code;
    logged.constraint = identifier(e.constraint, NAME) ?? logged.constraint;
    logged.table = identifier(e.table, NAME) ?? logged.table;
    logged.column = identifier(e.column, NAME) ?? logged.column;
    if (depth === 0 && typeof e.stack === 'string') {
      const frames = e.stack
        .split('\n')
        .filter((line) => /^\s+at /.test(line))
        .slice(0, 12);
      if (frames.length) logged.stack = frames.map((f) => f.trim()).join('\n');
    }
    current = typeof current === 'object' ? e.cause : undefined;
  }
  logged.type = types.join(' < ');
  for (const key of ['code', 'constraint', 'table', 'column'] as const)
    if (logged[key] === undefined) delete logged[key];
  return logged;
}
