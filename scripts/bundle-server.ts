/**
 * The last step of `npm run build`: the compiled server (dist/server.js and every module it imports,
 * ours and the packages') bundled by esbuild into dist/bundle/ (server.js, and the chunks it loads
 * when first needed), which `npm start` runs. Node then reads a few files instead of about 1,400
 * modules: importing the app took about a third of the CPU time (bench/start.ts has the figures).
 *
 * What stays outside the bundle, loaded from node_modules as before:
 * - packages that read their own files beside them at run time (PGlite's WebAssembly, pdfkit's
 *   fonts) or are loaded only when first needed (ExcelJS, pdfkit);
 * - the worker threads' modules (the embedded database, the XLSX reader, the exports), which start
 *   from their own compiled files in dist/ (src/lib/worker-url.ts).
 *
 * Each bundled module's `import.meta.url` is rewritten to the URL of the file it came from, so that
 * paths worked out from it (migrations, fonts, the workers, govuk-frontend's assets) are the same in
 * the bundle as in dist/. Source maps are chained to the TypeScript sources.
 */
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { build } from 'esbuild';

/** The bundle's folder in dist/: `server.js` (scripts/start.mjs runs it) and the chunks it loads. */
export const BUNDLE_FOLDER = 'bundle';

/** Packages left out of the bundle (see above); their subpaths too. */
export const UNBUNDLED_PACKAGES = ['@electric-sql/pglite', 'exceljs', 'pdfkit', 'pg-native'];

/** `import.meta.url` (and `.dirname`, `.filename`) of `file`, written relative to the bundle's own. */
export function withOwnMetaUrl(text: string, file: string, bundleDir: string): string {
  const path = relative(bundleDir, file).split('\\').join('/');
  const url = `new URL(${JSON.stringify(path.startsWith('.') ? path : `./${path}`)}, import.meta.url)`;
  return text
    .replaceAll('import.meta.url', `${url}.href`)
    .replaceAll('import.meta.dirname', `__s11Dirname(${url})`)
    .replaceAll('import.meta.filename', `__s11Path(${url})`);
}

export async function bundleServer(dist: string): Promise<void> {
  const folder = join(dist, BUNDLE_FOLDER);
  await build({
    entryPoints: [join(dist, 'server.js')],
    outdir: folder,
    // What is imported only when first needed (PDFs, spreadsheets, the demo's seeding) is a chunk of
    // its own, read only then.
    splitting: true,
    // Beside the entry, so that a module's URL is worked out from the same folder whichever file it is in.
    chunkNames: '[name]-[hash]',
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
    external: UNBUNDLED_PACKAGES.flatMap((name) => [name, `${name}/*`]),
    // CommonJS packages inside an ES module bundle still find `require` and their own folder.
    banner: {
      js: [
        "import { createRequire as __s11Require } from 'node:module';",
        'const require = __s11Require(import.meta.url);',
        "import { fileURLToPath as __s11Path } from 'node:url';",
        "const __s11Dirname = (url) => __s11Path(new URL('.', url)).replace(/\\/$/, '');",
      ].join(' '),
    },
    plugins: [
      {
        name: 'own-import-meta-url',
        setup(build) {
          build.onLoad({ filter: /\.[cm]?js$/ }, async (args) => {
            const text = await readFile(args.path, 'utf8');
            if (!text.includes('import.meta')) return undefined;
            return { contents: withOwnMetaUrl(text, args.path, folder), loader: 'js' };
          });
        },
      },
    ],
  });
}
