/**
 * Issue 12.1: in the bundle `npm start` runs (scripts/bundle-server.ts), a module's
 * `import.meta.url`, `.dirname` and `.filename` still name the file it was compiled to, so that the
 * paths worked out from them (migrations, fonts, worker modules) do not move with the bundle.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withOwnMetaUrl } from '../../scripts/bundle-server.ts';

const bundleUrl = 'file:///srv/s11/dist/bundle/chunk-ABC.js';
const helpers = {
  __s11Path: (url: URL) => new URL(url).pathname,
  __s11Dirname: (url: URL) => new URL('.', url).pathname.replace(/\/$/, ''),
};

/** Evaluates `expression` (rewritten) as if it were in the bundle's file. */
function evaluated(expression: string, file: string): string {
  const rewritten = withOwnMetaUrl(expression, file, '/srv/s11/dist/bundle').replaceAll(
    'import.meta.url',
    JSON.stringify(bundleUrl),
  );
  return new Function('__s11Path', '__s11Dirname', `return ${rewritten};`)(
    helpers.__s11Path,
    helpers.__s11Dirname,
  );
}

describe('a bundled module’s own URL', () => {
  test('names the compiled file it came from, in dist/ and in node_modules', () => {
    assert.equal(
      evaluated('import.meta.url', '/srv/s11/dist/db/client.js'),
      'file:///srv/s11/dist/db/client.js',
    );
    assert.equal(
      evaluated('import.meta.url', '/srv/s11/node_modules/pkg/lib/index.js'),
      'file:///srv/s11/node_modules/pkg/lib/index.js',
    );
  });

  test('its folder and file name too', () => {
    assert.equal(evaluated('import.meta.dirname', '/srv/s11/dist/lib/pdf.js'), '/srv/s11/dist/lib');
    assert.equal(evaluated('import.meta.filename', '/srv/s11/dist/lib/pdf.js'), '/srv/s11/dist/lib/pdf.js');
  });
});
