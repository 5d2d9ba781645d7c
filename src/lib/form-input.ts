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

/** A preHandler: removes NUL characters from the request's form fields and query. */
export async function removeNulCharacters(request: FastifyRequest): Promise<void> {
  if (request.body && typeof request.body === 'object') request.body = withoutNul(request.body);
  if (request.query && typeof request.query === 'object') request.query = withoutNul(request.query);
}
