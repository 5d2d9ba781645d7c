/** Compiles src/styles/app.scss (GOV.UK Frontend and our styles) to public/build/app.css. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, NodePackageImporter } from 'sass';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const result = compile(join(root, 'src/styles/app.scss'), {
  importers: [new NodePackageImporter()],
  style: 'compressed',
  quietDeps: true,
  silenceDeprecations: ['import', 'global-builtin'],
});
mkdirSync(join(root, 'public/build'), { recursive: true });
writeFileSync(join(root, 'public/build/app.css'), result.css);
console.info(`public/build/app.css: ${result.css.length} bytes`);
