/**
 * A short hash of the files a build step reads, so that `npm test` can reuse what it built last time
 * (the stylesheet, the migrated test database) while none of them has changed. A folder stands for
 * every file under it; each file counts by its path and its bytes. A path that does not exist counts
 * as missing (so its appearing later changes the hash).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export function hashInputs(root: string, paths: string[]): string {
  const hash = createHash('sha256');
  for (const path of paths) {
    const full = join(root, path);
    const stat = statSync(full, { throwIfNoEntry: false });
    const files = !stat
      ? []
      : stat.isDirectory()
        ? readdirSync(full, { recursive: true, encoding: 'utf8' })
            .map((f) => join(full, f))
            .filter((f) => statSync(f).isFile())
            .sort()
        : [full];
    if (!stat) hash.update(`missing\0${path}\0`);
    for (const file of files) {
      hash.update(`${relative(root, file).split(sep).join('/')}\0`);
      hash.update(readFileSync(file));
      hash.update('\0');
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/** The stylesheet's inputs: our Sass, the build scripts, and the versions of GOV.UK Frontend and Sass. */
export const CSS_INPUTS = [
  'src/styles',
  'scripts/app-css.ts',
  'scripts/build-css.ts',
  'node_modules/govuk-frontend/package.json',
  'node_modules/sass/package.json',
];

/**
 * The migrated test database's inputs: the migrations, the code that applies them, and the versions
 * of Drizzle (its migrator) and PGlite (the format of its dump).
 */
export const DATABASE_INPUTS = [
  'drizzle',
  'src/db/client.ts',
  'node_modules/drizzle-orm/package.json',
  'node_modules/@electric-sql/pglite/package.json',
];
