import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { PGLITE_DUMP_ENV } from '../../test/helpers/test-database.ts';
import { openDatabase } from './client.ts';

const dir = mkdtempSync(join(tmpdir(), 's11-starting-dump-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const embeddedOnly = { skip: process.env.TEST_DATABASE_URL ? 'the embedded database only' : false };

test(
  'a new data folder is filled from the starting dump, and a folder holding a database keeps it',
  embeddedOnly,
  async () => {
    // The test run's migrated database stands in for the build's dist/empty-database.tar.gz.
    const startingDump = join(dir, 'empty-database.tar.gz');
    writeFileSync(startingDump, gzipSync(readFileSync(process.env[PGLITE_DUMP_ENV]!)));
    const dataDir = join(dir, 'data');

    const first = await openDatabase({ dataDir, startingDump });
    try {
      assert.equal(await first.migrationsApplied(), true, 'the dump brings every migration with it');
      await first.executeSql(
        'create table kept (note text); insert into kept values ($$made after the dump$$)',
      );
    } finally {
      await first.close();
    }
    assert.ok(existsSync(join(dataDir, 'PG_VERSION')), 'the database is written to the folder');

    const again = await openDatabase({ dataDir, startingDump });
    try {
      const { rows } = await again.executeSql('select note from kept');
      assert.deepEqual(
        rows,
        [{ note: 'made after the dump' }],
        'the existing database is opened, not replaced',
      );
    } finally {
      await again.close();
    }
  },
);
