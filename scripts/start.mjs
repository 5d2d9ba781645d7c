/**
 * `npm start`: runs the compiled server (dist/server.js) in this process, with source maps, so
 * stack traces name the TypeScript files. Builds first (scripts/build.ts) only when there is no
 * build yet or a source is newer than it, so `npm ci && npm start` works on a fresh clone and
 * every later start runs no compiler at all. Plain JavaScript, so nothing is compiled to run it.
 *
 *   node scripts/start.mjs            what npm start and the systemd unit run
 *   node scripts/start.mjs --build    only make sure the build is up to date (for a release step)
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
const stamp = join(root, 'dist/build-stamp.json');

/** Modification time in ms, or 0 when missing. */
function mtime(path) {
  return statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0;
}

/** The newest modification time of the files the build is made from. */
function newestSource() {
  let newest = 0;
  for (const file of readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' }))
    newest = Math.max(newest, mtime(join(root, 'src', file)));
  for (const file of [
    'package-lock.json',
    'tsconfig.json',
    'tsconfig.build.json',
    'scripts/build.ts',
    'scripts/build-css.ts',
    'scripts/app-css.ts',
  ])
    newest = Math.max(newest, mtime(join(root, file)));
  return newest;
}

const built = Math.min(mtime(stamp), mtime(join(root, 'public/build/app.css')));
if (built === 0 || newestSource() > built) {
  console.info(built === 0 ? 'No build yet: building…' : 'The sources changed: building again…');
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/build.ts')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!process.argv.includes('--build')) {
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(join(root, 'dist/server.js')).href);
}
