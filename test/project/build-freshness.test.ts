/**
 * Issue 12.1: `npm start` builds only when the build is missing or older than what it is made from
 * (scripts/build-freshness.mjs, read by scripts/start.mjs), and the compiled server's worker threads
 * load their compiled modules rather than the tsx starters.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BUILD_INPUTS, BUILD_OUTPUTS, buildState } from '../../scripts/build-freshness.mjs';
import { workerUrl } from '../../src/lib/worker-url.ts';

describe('whether npm start builds first', () => {
  let root: string;
  const write = (file: string, secondsAgo: number) => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), '');
    const at = new Date(Date.now() - secondsAgo * 1000);
    utimesSync(join(root, file), at, at);
  };
  before(() => {
    root = mkdtempSync(join(tmpdir(), 's11-build-'));
    for (const input of [
      'src/server.ts',
      'src/views/page.tsx',
      'src/styles/app.scss',
      'drizzle/0001_first.sql',
      ...BUILD_INPUTS,
    ])
      write(input, 100);
    // A folder's time changes when a file is added or removed in it, which counts as a change too.
    const past = new Date(Date.now() - 100_000);
    for (const folder of ['src', 'src/views', 'src/styles', 'drizzle'])
      utimesSync(join(root, folder), past, past);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('builds when there is no build, or only half of one', () => {
    assert.equal(buildState(root).state, 'missing');
    write(BUILD_OUTPUTS[1]!, 50);
    assert.equal(buildState(root).state, 'missing', 'the stylesheet alone is not a build');
  });

  it('does not build again when the build is newer than every source', () => {
    for (const output of BUILD_OUTPUTS) write(output, 50);
    assert.deepEqual(buildState(root), { state: 'current' });
  });

  it('builds again when a source, a style, a migration or the lock file changed since', () => {
    // A migration: the build's empty database (dist/empty-database.tar.gz) is made from them.
    for (const changed of [
      'src/views/page.tsx',
      'src/styles/app.scss',
      'drizzle/0001_first.sql',
      'package-lock.json',
    ]) {
      write(changed, 10);
      assert.deepEqual(buildState(root), { state: 'stale', newer: changed });
      write(changed, 100);
    }
    assert.equal(buildState(root).state, 'current');
    // A build after a change to a view only: the stylesheet step leaves app.css as it was.
    write('src/views/page.tsx', 40);
    write(BUILD_OUTPUTS[0]!, 30);
    assert.deepEqual(buildState(root), { state: 'current' }, 'a build with an unchanged stylesheet');
    write('src/views/page.tsx', 100);
    rmSync(join(root, 'src/views/page.tsx'));
    assert.deepEqual(buildState(root), { state: 'stale', newer: 'src/views' }, 'a source removed');
  });
});

describe('worker threads in the compiled server', () => {
  it('run the compiled worker module from dist/, and the tsx starter from the sources', () => {
    assert.equal(
      workerUrl('pglite-worker', 'file:///srv/s11/dist/db/pglite-remote.js').href,
      'file:///srv/s11/dist/db/pglite-worker.js',
    );
    assert.equal(
      workerUrl('xlsx-worker', 'file:///srv/s11/src/lib/xlsx-reader.ts').href,
      'file:///srv/s11/src/lib/xlsx-worker-start.mjs',
    );
  });
});
