/**
 * Reading PDFs as a reader would, with poppler-utils: `pdfinfo` for the document's properties and
 * structure tree, `pdftotext` for its text. Tests that need them skip with `POPPLER_MISSING` as the
 * reason when they are not installed (`apt-get install poppler-utils`; `.ci/run` installs them).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The reason to skip, or false when pdfinfo and pdftotext are there. */
export const POPPLER_MISSING: string | false =
  spawnSync('pdfinfo', ['-v']).error || spawnSync('pdftotext', ['-v']).error
    ? 'poppler-utils (pdfinfo, pdftotext) is not installed'
    : false;

function withFile<T>(pdf: Buffer, use: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-test-'));
  try {
    const file = join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    return use(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const run = (command: string, args: string[]) =>
  execFileSync(command, args, { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });

/** pdfinfo's "Name: value" lines, e.g. Tagged, Pages, Title. */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  const out = withFile(pdf, (file) => run('pdfinfo', ['-enc', 'UTF-8', file]));
  return Object.fromEntries(
    out
      .split('\n')
      .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
      .filter((m) => m !== null)
      .map((m) => [m[1]!, m[2]!]),
  );
}

/** The structure tree with the text of each element, as `pdfinfo -struct-text` prints it. */
export function pdfStructure(pdf: Buffer): string {
  return withFile(pdf, (file) => run('pdfinfo', ['-enc', 'UTF-8', '-struct-text', file]));
}

/** The embedded fonts, as `pdffonts` lists them. */
export function pdfFonts(pdf: Buffer): string {
  return withFile(pdf, (file) => run('pdffonts', [file]));
}

/** The text of every page in reading order (pages separated by form feeds). */
export function pdfPlainText(pdf: Buffer, options: { layout?: boolean } = {}): string {
  return withFile(pdf, (file) =>
    run('pdftotext', ['-enc', 'UTF-8', ...(options.layout ? ['-layout'] : []), file, '-']),
  );
}
