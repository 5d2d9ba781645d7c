/**
 * `npm start`: runs the compiled server, bundled (dist/bundle/server.js), in this process. Builds first
 * (scripts/build.ts) only when there is no build yet or a source is newer than it, so `npm ci && npm start` works on a fresh clone and
 * every later start runs no compiler at all. Plain JavaScript, so nothing is compiled to run it.
 *
 *   node scripts/start.mjs            what npm start and the systemd unit run
 *   node scripts/start.mjs --build    only make sure the build is up to date (for a release step)
 *
 * The build has source maps; Node reads them, so that stack traces name the TypeScript files, with
 * NODE_OPTIONS=--enable-source-maps. They are off by default as they cost about 16 MB of memory.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildState } from './build-freshness.mjs';

const root = join(import.meta.dirname, '..');

const build = buildState(root);
if (build.state !== 'current') {
  console.info(
    build.state === 'missing' ? 'No build yet: building…' : `${build.newer} changed: building again…`,
  );
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/build.ts')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!process.argv.includes('--build')) {
  await import(pathToFileURL(join(root, 'dist/bundle/server.js')).href);
}
