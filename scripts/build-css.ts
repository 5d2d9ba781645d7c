/**
 * Compiles src/styles/app.scss (GOV.UK Frontend and our styles) to public/build/app.css. Fails on a
 * function CSS does not know; prints Sass's warnings (there should be none: fix them, don't silence).
 *
 * The build is skipped when app.css is already what its inputs compile to: `tmp/app-css.key` holds
 * the hash of the inputs it was built from and of the file written, and both must match (`--force`
 * builds anyway). A clean clone has neither, so it always builds.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CSS_INPUTS, hashInputs } from './input-hash.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CSS_FILE = join(ROOT, 'public/build/app.css');
const KEY_FILE = join(ROOT, 'tmp/app-css.key');

const contentHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);
const read = (file: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
};

/** Builds app.css unless it is up to date; false when the CSS has functions CSS does not know. */
export async function buildAppCss(options: { force?: boolean } = {}): Promise<boolean> {
  const key = hashInputs(ROOT, CSS_INPUTS);
  const built = read(CSS_FILE);
  if (!options.force && built !== null && read(KEY_FILE) === `${key} ${contentHash(built)}\n`) {
    console.info('public/build/app.css: up to date');
    return true;
  }
  // Sass takes a while to load: only when there is something to compile.
  const { APP_CSS, compileAppCss, unknownCssFunctions } = await import('./app-css.ts');
  const { css, warnings } = compileAppCss();
  for (const w of warnings) console.warn(`Sass warning: ${w.message} (${w.at})`);
  const unknown = unknownCssFunctions(css);
  if (unknown.length) {
    console.error(
      `public/build/app.css not written: functions CSS does not know, left as text by Sass: ${unknown.join(', ')}`,
    );
    return false;
  }
  mkdirSync(dirname(APP_CSS), { recursive: true });
  writeFileSync(APP_CSS, css);
  mkdirSync(dirname(KEY_FILE), { recursive: true });
  writeFileSync(KEY_FILE, `${key} ${contentHash(css)}\n`);
  console.info(`public/build/app.css: ${css.length} bytes`);
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (!(await buildAppCss({ force: process.argv.includes('--force') }))) process.exit(1);
}
