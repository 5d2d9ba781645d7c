/**
 * `npm test` keeps the stylesheet and the migrated test database while the hash of their inputs is
 * unchanged, so the hash must change with any input (a file edited, added, removed or renamed) and
 * with nothing else.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { DATABASE_INPUTS, hashInputs } from '../../scripts/input-hash.ts';

describe('the hash of a build’s inputs', () => {
  const root = mkdtempSync(join(tmpdir(), 's11-input-hash-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'drizzle/meta'), { recursive: true });
  writeFileSync(join(root, 'drizzle/0000_first.sql'), 'create table a (id int);');
  writeFileSync(join(root, 'drizzle/meta/_journal.json'), '{"entries":[]}');
  writeFileSync(join(root, 'client.ts'), 'export {};');
  writeFileSync(join(root, 'unrelated.ts'), 'export {};');
  const inputs = ['drizzle', 'client.ts'];
  const first = hashInputs(root, inputs);

  it('is the same while nothing it reads changes, whatever else does', () => {
    writeFileSync(join(root, 'unrelated.ts'), 'export const changed = true;');
    assert.equal(hashInputs(root, inputs), first);
  });

  it('changes when a file in a folder is edited, added, renamed or removed', () => {
    writeFileSync(join(root, 'drizzle/0000_first.sql'), 'create table a (id bigint);');
    const edited = hashInputs(root, inputs);
    assert.notEqual(edited, first);
    writeFileSync(join(root, 'drizzle/0001_second.sql'), 'create table b (id int);');
    const added = hashInputs(root, inputs);
    assert.notEqual(added, edited);
    renameSync(join(root, 'drizzle/0001_second.sql'), join(root, 'drizzle/0002_second.sql'));
    const renamed = hashInputs(root, inputs);
    assert.notEqual(renamed, added);
    rmSync(join(root, 'drizzle/0002_second.sql'));
    assert.equal(hashInputs(root, inputs), edited);
  });

  it('changes when a single file is edited, or appears where there was none', () => {
    const before = hashInputs(root, [...inputs, 'later.ts']);
    writeFileSync(join(root, 'later.ts'), '');
    assert.notEqual(hashInputs(root, [...inputs, 'later.ts']), before);
    const withLater = hashInputs(root, inputs);
    writeFileSync(join(root, 'client.ts'), 'export const x = 1;');
    assert.notEqual(hashInputs(root, inputs), withLater);
  });

  it('covers the migrations of this repository and the code that applies them', () => {
    assert.ok(DATABASE_INPUTS.includes('drizzle'));
    assert.ok(DATABASE_INPUTS.includes('src/db/client.ts'));
  });
});
