/** A long list shown a page at a time: which page was asked for, and that page's items. */

export interface PageOf<T> {
  items: T[];
  /** 1-based, within 1..pageCount. */
  page: number;
  pageCount: number;
  /** The 1-based position of the page's first item (0 when the list is empty). */
  from: number;
  /** The position of its last item. */
  to: number;
  total: number;
}

/** Reads a `page` query value leniently: anything but a whole number from 1 means the first page. */
export function requestedPage(value: unknown): number {
  const n = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : 1;
  return n >= 1 ? n : 1;
}

/** Where the `requested` page falls in a list of `total` items (a page past the end is the last). */
export function pageWindow(
  total: number,
  requested: number,
  size: number,
): { page: number; pageCount: number; start: number } {
  const pageCount = Math.max(1, Math.ceil(total / size));
  const page = Math.min(Math.max(1, Math.floor(requested)), pageCount);
  return { page, pageCount, start: (page - 1) * size };
}

/** The page at `window` of a list of `total` items, given the page's `items` (read from `start`). */
export function pageAt<T>(
  window: { page: number; pageCount: number; start: number },
  items: T[],
  total: number,
): PageOf<T> {
  const { page, pageCount, start } = window;
  return { items, page, pageCount, from: items.length ? start + 1 : 0, to: start + items.length, total };
}

/** The `requested` page of `list` (a page past the end shows the last page). */
export function pageOf<T>(list: readonly T[], requested: number, size: number): PageOf<T> {
  const window = pageWindow(list.length, requested, size);
  return pageAt(window, list.slice(window.start, window.start + size), list.length);
}

/**
 * The page numbers to link, as GOV.UK's pagination shows them: the first and last, the current one
 * and its neighbours, and null for an ellipsis between (1 … 4 5 6 … 100).
 */
export function pageNumbers(page: number, pageCount: number): Array<number | null> {
  const shown = [...new Set([1, page - 1, page, page + 1, pageCount])]
    .filter((n) => n >= 1 && n <= pageCount)
    .sort((x, y) => x - y);
  const out: Array<number | null> = [];
  for (const n of shown) {
    const last = out[out.length - 1];
    if (typeof last === 'number' && n > last + 1) out.push(null);
    out.push(n);
  }
  return out;
}
