/**
 * The first platform admin of a production deployment is made from the command line, not with SQL
 * (security assessment, finding 10): `npm run platform-admin -- EMAIL [--name NAME]`, an alias of
 * `npm run s11 -- platform-admin` (test/cli/ covers the rest of that command line).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/db/client.ts';
import { users } from '../../src/db/schema.ts';
import { addPlatformAdmin } from '../../src/features/platform/platform-admins.ts';
import { openTestDatabase } from '../helpers/test-database.ts';

const NOW = new Date('2026-12-04T12:00:00Z');
const root = join(import.meta.dirname, '..', '..');

describe('adding a platform admin from the command line', () => {
  let database: Database;
  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    await database.close();
  });

  const row = async (email: string) =>
    (await database.db.select().from(users).where(eq(users.email, email)))[0];

  it('creates the account of a new address as a platform admin', async () => {
    const outcome = await addPlatformAdmin(
      database.db,
      { email: 'Ops.Lead@Council.example', name: 'Ops Lead' },
      NOW,
    );
    assert.equal(outcome, 'created');
    const user = await row('ops.lead@council.example');
    assert.equal(user?.isPlatformAdmin, true);
    assert.equal(user?.name, 'Ops Lead');
  });

  it('makes an existing account a platform admin, keeping its name, and changes nothing the second time', async () => {
    await database.db
      .insert(users)
      .values({ email: 'someone@council.example', name: 'Sam One', createdAt: NOW });
    assert.equal(
      await addPlatformAdmin(database.db, { email: 'someone@council.example', name: 'Other' }, NOW),
      'promoted',
    );
    const user = await row('someone@council.example');
    assert.equal(user?.isPlatformAdmin, true);
    assert.equal(user?.name, 'Sam One');
    assert.equal(
      await addPlatformAdmin(database.db, { email: 'someone@council.example', name: 'Other' }, NOW),
      'already',
    );
  });

  it('refuses an address that is not one, and unknown options, with exit code 2 and a message', () => {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [join(root, 'bin', 's11.mjs'), 'platform-admin', ...args], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, DATA_DIR: join(root, 'tmp', 'never-opened') },
      });
    const bad = run('not-an-address');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /Enter an email address in the correct format/);
    const unknown = run('a@b.example', '--admin');
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /Unknown option '--admin'/);
    const help = run('--help');
    assert.equal(help.status, 0);
    assert.match(help.stdout, /Usage: npm run s11 -- platform-admin EMAIL/);
  });
});
