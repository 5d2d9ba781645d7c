/**
 * Whether the build (dist/ and public/build/app.css) is current: made after every file it is made
 * from. Plain JavaScript, so `npm start` can ask without compiling anything (scripts/start.mjs).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Folders every file of which the build is made from: the server, and the migrations (the empty database). */
export const BUILD_INPUT_FOLDERS = ['src', 'drizzle'];

/** Files outside those folders the build is made from. */
export const BUILD_INPUTS = [
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'scripts/build.ts',
  'scripts/bundle-server.ts',
  'scripts/build-database.ts',
  'scripts/build-css.ts',
  'scripts/app-css.ts',
];

/** The build's outputs: the stamp written last by scripts/build.ts, and the stylesheet. */
export const BUILD_OUTPUTS = ['dist/build-stamp.json', 'public/build/app.css'];

/** Modification time in ms, or 0 when missing. */
function mtime(path) {
  return statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0;
}

/**
 * 'missing' when an output is missing, 'stale' when an input is newer than the oldest output
 * (naming it), 'current' otherwise.
 * @param {string} root the project's folder
 * @returns {{ state: 'missing' | 'stale' | 'current', newer?: string }}
 */
export function buildState(root) {
  if (BUILD_OUTPUTS.some((file) => mtime(join(root, file)) === 0)) return { state: 'missing' };
  // The stamp, written after the stylesheet step: that step leaves an unchanged app.css untouched,
  // so its time says nothing about when the last build was (comparing with it built on every start).
  const built = mtime(join(root, BUILD_OUTPUTS[0]));
  const inputs = [
    ...BUILD_INPUT_FOLDERS.flatMap((folder) =>
      readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' }).map((f) => join(folder, f)),
    ),
    ...BUILD_INPUTS,
  ];
  const newer = inputs.find((file) => mtime(join(root, file)) > built);
  return newer ? { state: 'stale', newer } : { state: 'current' };
}
