/**
 * Compiles src/styles/app.scss (GOV.UK Frontend and our styles) to public/build/app.css. Fails on a
 * function CSS does not know; prints Sass's warnings (there should be none: fix them, don't silence).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { APP_CSS, compileAppCss, unknownCssFunctions } from './app-css.ts';

const { css, warnings } = compileAppCss();
for (const w of warnings) console.warn(`Sass warning: ${w.message} (${w.at})`);
const unknown = unknownCssFunctions(css);
if (unknown.length) {
  console.error(
    `public/build/app.css not written: functions CSS does not know, left as text by Sass: ${unknown.join(', ')}`,
  );
  process.exit(1);
}
mkdirSync(dirname(APP_CSS), { recursive: true });
writeFileSync(APP_CSS, css);
console.info(`public/build/app.css: ${css.length} bytes`);
