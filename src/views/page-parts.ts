/**
 * A long page kept as several strings until it is sent. Turning a page into bytes first makes it
 * one flat string, and V8 makes a string of more than about 64 KB in fresh memory of its own, which
 * the kernel must map page by page for every request: on the machine the benchmarks run on, a theme
 * page of 136 KB spent 1.0-1.4 ms of its 3.4 ms in those page faults (`perf`: the faults under the
 * flattening's copy). Each part here is flattened on its own, small enough to be made in the young
 * generation's usual space, and written into the response's bytes one after another.
 *
 * A page built this way renders its frame once with a slot where the long middle goes, and the
 * middle as a list of strings (a theme page: each question). The slot is an HTML comment holding a
 * number drawn when the process starts: what people type is escaped (`<` never reaches the page as
 * itself), so no saved text can make the frame print it.
 */
import { randomBytes } from 'node:crypto';
import { toHtml } from './render.ts';

const SLOT = `<!--app-parts-${randomBytes(12).toString('hex')}-->`;

export class PageParts {
  constructor(readonly parts: readonly string[]) {}

  /** The page as one string (for tests and for what reads a page whole). */
  toString(): string {
    return this.parts.join('');
  }
}

/** What a route sends as a page: rendered markup, or a long page in parts. */
export type PageBody = JSX.Element | PageParts;

/** The frame `render` draws around `middle` (given the slot to print once where it goes), in parts. */
export function partsAround(render: (slot: string) => JSX.Element, middle: readonly string[]): PageParts {
  const frame = toHtml(render(SLOT));
  const at = frame.indexOf(SLOT);
  if (at < 0 || frame.indexOf(SLOT, at + SLOT.length) >= 0)
    throw new Error('A page in parts must print its slot exactly once');
  return new PageParts([frame.slice(0, at), ...middle, frame.slice(at + SLOT.length)]);
}

/** The bytes of a page (UTF-8), a part at a time for a page in parts. */
export function pageBytes(page: string | PageParts): Buffer {
  if (typeof page === 'string') return Buffer.from(page);
  let length = 0;
  for (const part of page.parts) length += Buffer.byteLength(part);
  const bytes = Buffer.allocUnsafe(length);
  let at = 0;
  for (const part of page.parts) at += bytes.write(part, at);
  return bytes;
}
