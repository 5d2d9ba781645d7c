/**
 * `npm run build`: the stylesheet (public/build/app.css), the server compiled to JavaScript with
 * source maps (dist/, from src/ by tsconfig.build.json), an empty migrated embedded database for new
 * data folders (dist/empty-database.tar.gz, scripts/build-database.ts), the server bundled for
 * `npm start` to run (dist/bundle/, scripts/bundle-server.ts), then dist/build-stamp.json, which
 * `npm start` (scripts/start.mjs) compares with the sources to know whether to build again.
 * Fails (exit 1) on a Sass or type error, leaving no stamp, so the next start builds again.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { bundleServer } from './bundle-server.ts';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'dist');
const started = Date.now();

function run(what: string, args: string[]): void {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`Build failed: ${what}.`);
    process.exit(1);
  }
}

rmSync(dist, { recursive: true, force: true });
run('the stylesheet', ['--import', 'tsx', join(root, 'scripts/build-css.ts')]);
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
run('the server (TypeScript errors above)', [tsc, '-p', join(root, 'tsconfig.build.json')]);
run('the empty database (errors above)', ['--import', 'tsx', join(root, 'scripts/build-database.ts')]);
try {
  await bundleServer(dist);
} catch (error) {
  console.error(`Build failed: the server bundle (${(error as Error).message}).`);
  process.exit(1);
}
writeFileSync(
  join(dist, 'build-stamp.json'),
  `${JSON.stringify({ builtAt: new Date().toISOString(), node: process.version })}\n`,
);
console.info(`dist/: the server compiled in ${((Date.now() - started) / 1000).toFixed(1)} s`);
