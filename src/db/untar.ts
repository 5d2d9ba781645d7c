/**
 * Writes the files of a tar archive (ustar, as PGlite's `dumpDataDir` makes) into a folder, for a
 * new embedded data folder started from the build's empty database. PGlite can load such a dump
 * itself (`loadDataDir`), but it unpacks it through its in-memory file system first, which held
 * the process at about 300 MB instead of the 180 MB of opening a folder already written.
 *
 * Only regular files and folders are written, each inside `folder` (a name reaching outside it is
 * an error). `PG_VERSION`, which tells PGlite that the folder holds a database, is written last, so
 * an unpacking cut short leaves a folder that the next start unpacks again.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

const BLOCK = 512;

function text(header: Buffer, start: number, length: number): string {
  const field = header.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? length : end).toString('utf8');
}

/**
 * Gives the bytes of a stream of chunks `n` at a time, holding no more than it was asked for and
 * the rest of the last chunk read.
 */
class ChunkReader {
  #chunks: Buffer[] = [];
  #held = 0;
  #ended = false;
  constructor(private readonly source: AsyncIterator<Buffer>) {}

  /** The next `n` bytes, or fewer where the stream ends. */
  async take(n: number): Promise<Buffer> {
    while (this.#held < n && !this.#ended) {
      const next = await this.source.next();
      if (next.done) this.#ended = true;
      else {
        this.#chunks.push(next.value);
        this.#held += next.value.length;
      }
    }
    const all = this.#chunks.length === 1 ? this.#chunks[0]! : Buffer.concat(this.#chunks);
    const rest = all.subarray(n);
    this.#chunks = rest.length > 0 ? [rest] : [];
    this.#held = rest.length;
    return all.subarray(0, n);
  }
}

/**
 * Unpacks an archive, given as a stream of chunks (the gunzipped starting dump, so that its 43 MB
 * are never in memory at once: held whole, they and their gunzipping kept about 90 MB resident
 * while the embedded database and the app's modules loaded), into `folder`; gives how many files
 * were written.
 */
export async function untar(
  archive: AsyncIterable<Buffer> | Iterable<Buffer>,
  folder: string,
): Promise<number> {
  const root = resolve(folder);
  const last: Array<[string, Buffer, number]> = [];
  let files = 0;
  const write = (path: string, data: Buffer, mode: number) => {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(path, data, { mode });
    files++;
  };
  const source = (async function* () {
    yield* archive;
  })();
  const reader = new ChunkReader(source);
  try {
    for (;;) {
      const header = await reader.take(BLOCK);
      if (header.length < BLOCK || header.every((byte) => byte === 0)) break; // the end of the archive
      const name = [text(header, 345, 155), text(header, 0, 100)].filter(Boolean).join('/');
      const size = Number.parseInt(text(header, 124, 12).trim() || '0', 8);
      const mode = Number.parseInt(text(header, 100, 8).trim() || '600', 8) & 0o700;
      const type = String.fromCharCode(header[156] ?? 0);
      const path = resolve(root, `.${name.startsWith('/') ? '' : '/'}${name}`);
      if (path !== root && relative(root, path).startsWith('..'))
        throw new Error(`The archive names a file outside its folder: ${name}`);
      const blocks = Math.ceil(size / BLOCK) * BLOCK;
      if (type === '5') mkdirSync(path, { recursive: true, mode: 0o700 });
      else if (type === '0' || type === '\0') {
        const data = await reader.take(size);
        if (data.length !== size) throw new Error(`The archive ends inside ${name}`);
        // A copy: `data` may share its memory with the rest of the chunk it came in.
        if (relative(root, path) === 'PG_VERSION') last.push([path, Buffer.from(data), mode]);
        else write(path, data, mode);
        await reader.take(blocks - size);
        continue;
      }
      await reader.take(blocks);
    }
  } finally {
    await source.return(undefined);
  }
  for (const [path, data, mode] of last) write(path, data, mode);
  return files;
}
