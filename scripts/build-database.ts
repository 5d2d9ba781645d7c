/**
 * Part of `npm run build`: dist/empty-database.tar.gz, a gzipped dump of an empty embedded database
 * with every migration applied. `npm start` fills a new data folder from it (`startingDump` in
 * src/db/client.ts) instead of making a database from nothing: PGlite's initdb peaks at about 750 MB
 * of memory and takes seconds; writing the dump's files and opening them about 180 MB. Made in this build process, so that
 * peak is the build's and never the running server's.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { dumpPglite, EMPTY_DATABASE, openDatabase } from '../src/db/client.ts';

const started = Date.now();
const database = await openDatabase({});
try {
  await database.migrate();
  const dump = Buffer.from(await (await dumpPglite(database)).arrayBuffer());
  const file = join(import.meta.dirname, '..', 'dist', EMPTY_DATABASE);
  const gzipped = gzipSync(dump);
  writeFileSync(file, gzipped);
  console.info(
    `dist/${EMPTY_DATABASE}: an empty migrated database, ${Math.round(gzipped.length / 1024)} KB, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
} finally {
  await database.close();
}
