/**
 * The API's pages of a list: `page` and `pageSize` (whole numbers, the size at most MAX_PAGE_SIZE),
 * and the opaque cursor `links.next` carries. Anything else is refused with 400.
 */
import { ApiError } from './api-errors.ts';
import type { PagePosition } from './cycle-pages.repository.ts';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

/** `page` and `pageSize` from the query: whole numbers, the size at most MAX_PAGE_SIZE. */
export function parsePaging(query: Record<string, unknown>): { page: number; pageSize: number } {
  const read = (name: string, fallback: number, max: number) => {
    const raw = query[name];
    if (raw === undefined || raw === '') return fallback;
    const text = String(raw);
    const n = /^\d{1,7}$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isInteger(n) || n < 1 || n > max)
      throw new ApiError(400, 'invalid_parameter', `${name} must be a whole number from 1 to ${max}`);
    return n;
  };
  return { page: read('page', 1, 1_000_000), pageSize: read('pageSize', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE) };
}

/**
 * Where a page starts, as `links.next` carries it: the position in the list, the page's number, and
 * the list's length as counted for its first page (so following pages need not count it again: the
 * count reads every return of the audit). Cursors given before the length was carried have none.
 */
export interface Cursor extends PagePosition {
  page: number;
  totalItems?: number | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A cursor as text for an address: opaque to clients, base64url of its fields. */
export function encodeCursor(c: Cursor): string {
  const fields = [c.sortName, c.returnId, c.skip, c.page];
  if (c.totalItems !== undefined) fields.push(c.totalItems);
  return Buffer.from(JSON.stringify(fields), 'utf8').toString('base64url');
}

/** The cursor of `links.next`; 400 for anything this API did not give. */
export function decodeCursor(text: string): Cursor {
  const refuse = () => new ApiError(400, 'invalid_parameter', 'cursor must be one given in links.next');
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  if (
    !Array.isArray(v) ||
    (v.length !== 4 && v.length !== 5) ||
    typeof v[0] !== 'string' ||
    v[0].length > 1000 ||
    typeof v[1] !== 'string' ||
    !UUID.test(v[1]) ||
    !Number.isSafeInteger(v[2]) ||
    v[2] < 0 ||
    !Number.isSafeInteger(v[3]) ||
    v[3] < 1 ||
    (v.length === 5 && (!Number.isSafeInteger(v[4]) || v[4] < 0))
  )
    throw refuse();
  return { sortName: v[0], returnId: v[1], skip: v[2], page: v[3], totalItems: v[4] };
}

/** The `cursor` parameter, if given. */
export function parseCursor(query: Record<string, unknown>): Cursor | null {
  const raw = query.cursor;
  if (raw === undefined || raw === '') return null;
  if (typeof raw !== 'string' || raw.length > 4000) throw decodeCursorError();
  return decodeCursor(raw);
}
const decodeCursorError = () =>
  new ApiError(400, 'invalid_parameter', 'cursor must be one given in links.next');

/** One page of `items`, with its position and the links to the pages beside it. */
export function paginate<T>(items: T[], query: Record<string, unknown>, path: string) {
  const { page, pageSize } = parsePaging(query);
  const totalItems = items.length;
  const totalPages = Math.max(1, Math.ceil(totalItems / pageSize));
  const link = (n: number) => `${path}?page=${n}&pageSize=${pageSize}`;
  return {
    data: items.slice((page - 1) * pageSize, page * pageSize),
    meta: { page, pageSize, totalItems, totalPages },
    links: {
      self: link(page),
      next: page < totalPages ? link(page + 1) : null,
      prev: page > 1 ? link(Math.min(page - 1, totalPages)) : null,
    },
  };
}
