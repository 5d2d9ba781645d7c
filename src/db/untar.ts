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

/** Unpacks `archive` into `folder`; gives how many files were written. */
export function untar(archive: Buffer, folder: string): number {
  const root = resolve(folder);
  const last: Array<[string, Buffer, number]> = [];
  let files = 0;
  const write = (path: string, data: Buffer, mode: number) => {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(path, data, { mode });
    files++;
  };
  for (let offset = 0; offset + BLOCK <= archive.length; ) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break; // the end of the archive
    const name = [text(header, 345, 155), text(header, 0, 100)].filter(Boolean).join('/');
    const size = Number.parseInt(text(header, 124, 12).trim() || '0', 8);
    const mode = Number.parseInt(text(header, 100, 8).trim() || '600', 8) & 0o700;
    const type = String.fromCharCode(header[156] ?? 0);
    const path = resolve(root, `.${name.startsWith('/') ? '' : '/'}${name}`);
    if (path !== root && relative(root, path).startsWith('..'))
      throw new Error(`The archive names a file outside its folder: ${name}`);
    const body = offset + BLOCK;
    if (type === '5') mkdirSync(path, { recursive: true, mode: 0o700 });
    else if (type === '0' || type === '\0') {
      const data = archive.subarray(body, body + size);
      if (data.length !== size) throw new Error(`The archive ends inside ${name}`);
      if (relative(root, path) === 'PG_VERSION') last.push([path, data, mode]);
      else write(path, data, mode);
    }
    offset = body + Math.ceil(size / BLOCK) * BLOCK;
  }
  for (const [path, data, mode] of last) write(path, data, mode);
  return files;
}
