import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createGunzip, gzipSync } from 'node:zlib';
import { untar } from './untar.ts';

/** One ustar entry: a 512-byte header and the data padded to whole blocks. */
function entry(name: string, data = '', type: '0' | '5' = '0'): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 100, 'utf8');
  header.write('0000600\0', 100);
  header.write(`${Buffer.byteLength(data).toString(8).padStart(11, '0')}\0`, 124);
  header.write(type, 156);
  header.write('ustar\0', 257);
  const body = Buffer.alloc(Math.ceil(Buffer.byteLength(data) / 512) * 512);
  body.write(data);
  return Buffer.concat([header, body]);
}
const end = Buffer.alloc(1024);

const dir = mkdtempSync(join(tmpdir(), 's11-untar-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('writes the folders and files of an archive, names given from its root', async () => {
  const folder = join(dir, 'whole');
  const long = 'x'.repeat(1200);
  const written = await untar(
    [Buffer.concat([entry('/base', '', '5'), entry('/PG_VERSION', '17\n'), entry('/base/1/112', long), end])],
    folder,
  );
  assert.equal(written, 2);
  assert.equal(readFileSync(join(folder, 'PG_VERSION'), 'utf8'), '17\n');
  assert.equal(readFileSync(join(folder, 'base/1/112'), 'utf8'), long);
});

test('an archive cut short leaves no PG_VERSION, so the next start unpacks it again', async () => {
  const folder = join(dir, 'cut');
  const whole = Buffer.concat([entry('/PG_VERSION', '17\n'), entry('/base/1/112', 'y'.repeat(2000)), end]);
  await assert.rejects(untar([whole.subarray(0, 512 * 3)], folder), /ends inside/);
  assert.equal(existsSync(join(folder, 'PG_VERSION')), false);
});

test('refuses a name reaching outside the folder', async () => {
  const folder = join(dir, 'outside');
  await assert.rejects(
    untar([Buffer.concat([entry('../../escaped', 'no'), end])], folder),
    /outside its folder/,
  );
  assert.equal(existsSync(join(dir, 'escaped')), false);
});

test('unpacks an archive streamed in chunks that split its headers and files anywhere', async () => {
  const folder = join(dir, 'streamed');
  const long = 'z'.repeat(3000);
  const whole = Buffer.concat([
    entry('/base', '', '5'),
    entry('/base/1/113', long),
    entry('/PG_VERSION', '17\n'),
    end,
  ]);
  // Chunks of 7 bytes, as a stream (a gunzip) gives them, never on a block's edge.
  async function* chunks() {
    for (let i = 0; i < whole.length; i += 7) yield whole.subarray(i, i + 7);
  }
  assert.equal(await untar(chunks(), folder), 2);
  assert.equal(readFileSync(join(folder, 'base/1/113'), 'utf8'), long);
  assert.equal(readFileSync(join(folder, 'PG_VERSION'), 'utf8'), '17\n');
});

test('a gzipped archive is unpacked from the gunzip stream', async () => {
  const folder = join(dir, 'gunzipped');
  const gunzip = createGunzip();
  gunzip.end(
    gzipSync(Buffer.concat([entry('/PG_VERSION', '17\n'), entry('/global/1262', 'w'.repeat(70_000)), end])),
  );
  assert.equal(await untar(gunzip, folder), 2);
  assert.equal(readFileSync(join(folder, 'global/1262'), 'utf8'), 'w'.repeat(70_000));
});
