/**
 * A published template version's structure is read once and then kept, in the bounded cache the app
 * gives its database handle; a draft's is read every time (it changes as it is written), and a
 * handle without a cache always reads.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { templateVersions } from '../../src/db/schema.ts';
import { loadReturnStructure } from '../../src/features/returns/return-structure.repository.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

describe('the structure of a template version', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  const setStatus = (status: 'draft' | 'published') =>
    t.database.db
      .update(templateVersions)
      .set({ status })
      .where(eq(templateVersions.id, t.ids.templateVersionId));
  const load = (db: Parameters<typeof loadReturnStructure>[0]) =>
    loadReturnStructure(db, t.ids.partnershipId, t.ids.templateVersionId);

  it('is read every time while a draft, and once when published, through the app’s handle', async () => {
    await setStatus('draft');
    const draft = await load(t.database.db);
    assert.ok(draft.themes.length > 0);
    assert.notEqual(await load(t.database.db), draft, 'a draft is read again');
    await setStatus('published');
    const published = await load(t.database.db);
    assert.deepEqual(published, draft);
    assert.equal(await load(t.database.db), published, 'a published version is kept');
  });

  it('is read every time through a handle the app gave no cache (a transaction)', async () => {
    const [a, b] = await t.database.db.transaction(async (tx) => [await load(tx), await load(tx)]);
    assert.notEqual(a, b);
    assert.deepEqual(a, b);
  });
});
