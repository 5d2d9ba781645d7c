/**
 * How the embedded database's thread turns bytea (type 17) values into PostgreSQL's text and back.
 * PGlite's own serializer makes an array of the bytes and a string of each (`Array.from(bytes).map(…)
 * .join('')`) and its parser a number of each pair of digits: storing a CSV export's 4.3 MB in 256 KB
 * pieces grew that thread's heap by some 80 MB of garbage, and reading them back took 750 ms. Here
 * Node's hex codec does each in one pass over the bytes: the heap grew by 1 MB and the read took 43
 * ms (a bare PGlite on the small national data, 2026-12-07).
 */

/** PostgreSQL's type id of bytea. */
export const BYTEA = 17;

/** A bytea parameter as PostgreSQL's hex text (`\x` and two digits a byte), as PGlite's own makes it. */
export function byteaText(value: unknown): string {
  if (!(value instanceof Uint8Array)) throw new Error('Invalid input for bytea type');
  return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
}

/** A bytea value of a result, from PostgreSQL's hex text (the output format PGlite sets). */
export function byteaFromText(text: string): Uint8Array {
  if (!text.startsWith('\\x')) throw new Error('bytea text is not in the hex format');
  // Memory of its own (Buffer.from would take a small value from Node's shared pool, and the whole
  // pool would be copied with it to the app's thread).
  const bytes = Buffer.alloc((text.length - 2) >>> 1);
  bytes.write(text.slice(2), 'hex');
  return bytes;
}
