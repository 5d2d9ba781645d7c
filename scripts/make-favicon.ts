/**
 * Writes public/favicon.ico: our own small icon (a white shield on the header's blue), drawn here
 * pixel by pixel at 16, 32 and 48 pixels, so no image tool is needed and the GOV.UK crown (for
 * GOV.UK only) is never used. Run again after changing the drawing: `npx tsx scripts/make-favicon.ts`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const BLUE = [0x1d, 0x70, 0xb8];
const WHITE = [0xff, 0xff, 0xff];

/** What covers the point (x, y) of the unit square: 'shield', 'tile' or nothing. */
function at(x: number, y: number): 'shield' | 'tile' | null {
  const r = 0.18;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return null;
  const top = 0.2;
  const shoulder = 0.48;
  const tip = 0.84;
  if (y >= top && y <= shoulder && Math.abs(x - 0.5) <= 0.27) return 'shield';
  if (y > shoulder && y <= tip) {
    const halfWidth = 0.27 * Math.sqrt(1 - ((y - shoulder) / (tip - shoulder)) ** 2);
    if (Math.abs(x - 0.5) <= halfWidth) return 'shield';
  }
  return 'tile';
}

/** One image as a 32-bit BMP (bottom-up rows, then an empty AND mask), as an ICO file holds it. */
function image(size: number): Buffer {
  const samples = 4;
  const pixels = Buffer.alloc(size * size * 4);
  for (let row = 0; row < size; row++)
    for (let col = 0; col < size; col++) {
      let tile = 0;
      let shield = 0;
      for (let i = 0; i < samples; i++)
        for (let j = 0; j < samples; j++) {
          const hit = at((col + (i + 0.5) / samples) / size, (row + (j + 0.5) / samples) / size);
          if (hit === 'shield') shield++;
          else if (hit === 'tile') tile++;
        }
      const covered = tile + shield;
      const mix = covered === 0 ? 0 : shield / covered;
      const colour = BLUE.map((b, k) => Math.round(b + (WHITE[k]! - b) * mix));
      const offset = ((size - 1 - row) * size + col) * 4;
      pixels[offset] = colour[2]!;
      pixels[offset + 1] = colour[1]!;
      pixels[offset + 2] = colour[0]!;
      pixels[offset + 3] = Math.round((covered / (samples * samples)) * 255);
    }
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8);
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  header.writeUInt32LE(pixels.length, 20);
  const maskRow = Math.ceil(size / 32) * 4;
  return Buffer.concat([header, pixels, Buffer.alloc(maskRow * size)]);
}

const sizes = [16, 32, 48];
const images = sizes.map(image);
const dir = Buffer.alloc(6 + 16 * sizes.length);
dir.writeUInt16LE(1, 2);
dir.writeUInt16LE(sizes.length, 4);
let offset = dir.length;
sizes.forEach((size, n) => {
  const entry = 6 + 16 * n;
  dir.writeUInt8(size, entry);
  dir.writeUInt8(size, entry + 1);
  dir.writeUInt16LE(1, entry + 4);
  dir.writeUInt16LE(32, entry + 6);
  dir.writeUInt32LE(images[n]!.length, entry + 8);
  dir.writeUInt32LE(offset, entry + 12);
  offset += images[n]!.length;
});
writeFileSync(join(import.meta.dirname, '../public/favicon.ico'), Buffer.concat([dir, ...images]));
