/**
 * The module a worker thread runs. In the compiled server (`dist/`, plain JavaScript) the worker's
 * own compiled module; run from the TypeScript sources (tests, `npm run dev`), its `-start.mjs`
 * file, which loads the TypeScript through tsx as the app itself is loaded.
 */
export function workerUrl(name: string, importMetaUrl: string): URL {
  return importMetaUrl.endsWith('.js')
    ? new URL(`./${name}.js`, importMetaUrl)
    : new URL(`./${name}-start.mjs`, importMetaUrl);
}
