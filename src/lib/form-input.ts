/**
 * Text as it arrives, made safe to store: PostgreSQL's text cannot hold a NUL character (U+0000),
 * and no one types one, so it is removed from every form field and query value before any route
 * reads them (a route would otherwise fail with a 500 when saving).
 */
import type { FastifyRequest } from 'fastify';

function withoutNul(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
  if (Array.isArray(value)) return value.map(withoutNul);
  // Parsed forms and queries are plain objects (some without a prototype); an uploaded file's
  // bytes (a Buffer) are left as they are.
  if (value && typeof value === 'object' && !Buffer.isBuffer(value))
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k.replaceAll('\u0000', ''), withoutNul(v)]),
    );
  return value;
}

/**
 * Whether a value (as `withoutNul` walks it) holds a NUL anywhere: looked for first, so the usual
 * form, which holds none, is not copied (a theme page's 170 fields made anew on every save).
 */
function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(hasNul);
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const k in value)
      if (Object.hasOwn(value, k) && (k.includes('\u0000') || hasNul((value as Record<string, unknown>)[k])))
        return true;
  }
  return false;
}

/** A preHandler: removes NUL characters from the request's form fields and query. */
export async function removeNulCharacters(request: FastifyRequest): Promise<void> {
  if (request.body && typeof request.body === 'object' && hasNul(request.body))
    request.body = withoutNul(request.body);
  if (request.query && typeof request.query === 'object' && hasNul(request.query))
    request.query = withoutNul(request.query);
}
