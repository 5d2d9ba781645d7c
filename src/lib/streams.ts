/** Small stream pieces. */
import { Writable } from 'node:stream';

/**
 * A stream that hands each chunk written to it to `put`, and takes the next only once `put` has
 * finished with it: a slow receiver holds the writer back instead of the bytes piling up. Text is
 * handed over as UTF-8 bytes.
 */
export function writableTo(put: (bytes: Uint8Array) => Promise<void>): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      put(chunk).then(() => done(), done);
    },
  });
}
