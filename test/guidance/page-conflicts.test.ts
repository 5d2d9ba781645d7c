/**
 * No lost updates on the guidance and FAQ pages (issue 10): two admins with the page open. At the
 * service level and through the routes, in both orders.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { partnershipPages } from '../../src/db/schema.ts';
import { listRecordHistory } from '../../src/domain/record-history.repository.ts';
import { findPage } from '../../src/features/guidance/partnership-pages.repository.ts';
import {
  PAGE_RECORD,
  pageRecord,
  savePageText,
} from '../../src/features/guidance/partnership-pages.service.ts';
import { fieldKey, fingerprint, shownRecord } from '../../src/web/form-version.ts';
import { formFields, itKeepsBothSaves, startWithTwoAdmins } from '../helpers/record-conflicts.ts';
import type { TestApp, TestClient } from '../helpers/test-app.ts';

let t: TestApp;
let first: TestClient;
let second: TestClient;
let secondId: string;
let n = 0;

before(async () => {
  ({ t, first, second, secondId } = await startWithTwoAdmins());
});
after(async () => t?.close());

describe('a page never saved', () => {
  it('stays never updated when saved with nothing changed', async () => {
    const url = `/partnerships/${t.ids.partnershipId}/faq/edit`;
    // The fixture's FAQ page is removed: this one has never been saved.
    await t.database.db
      .delete(partnershipPages)
      .where(and(eq(partnershipPages.partnershipId, t.ids.partnershipId), eq(partnershipPages.kind, 'faq')));
    const form = formFields((await first.get(url)).body, url);
    const saved = await first.post(url, { ...form, action: 'save' });
    assert.equal(saved.status, 303);
    const page = await findPage(t.database.db, t.ids.partnershipId, 'faq');
    assert.equal(page.updatedAt, null, 'no "Last updated" for a save that changed nothing');
    assert.doesNotMatch((await first.get(`/partnerships/${t.ids.partnershipId}/faq`)).body, /Last updated/);
  });
});

for (const kind of ['guidance', 'faq'] as const)
  describe(`two admins saving the ${kind} page`, () => {
    const url = () => `/partnerships/${t.ids.partnershipId}/${kind}/edit`;
    itKeepsBothSaves({
      t: () => t,
      people: () => ({ first, second }),
      url,
      field: 'body',
      extra: { action: 'save' },
      value: (_f, who) => `## Question ${++n}\nWritten by the ${who} admin.`,
      stored: async () => ({ body: (await findPage(t.database.db, t.ids.partnershipId, kind)).body }),
      historyOf: async (field) =>
        (await listRecordHistory(t.database.db, pageRecord(t.ids.partnershipId, kind)))
          .filter((h) => h.field === field)
          .map((h) => h.newValue ?? ''),
    });

    it('keeps what it showed through a preview, so a save after it still meets the rule', async () => {
      const form = formFields((await first.get(url())).body, url());
      const preview = await first.post(url(), { ...form, body: 'Previewed', action: 'preview' });
      assert.equal(preview.status, 200);
      assert.equal(formFields(preview.body, url())._shown, form._shown);
    });
  });

describe('saving a page, at the service level', () => {
  const kind = 'guidance' as const;
  const db = () => t.database.db;
  const shownAs = (body: string) => ({ [PAGE_RECORD]: shownRecord({ body }) });

  for (const [a, b] of [
    ['admin', 'second'],
    ['second', 'admin'],
  ] as const)
    it(`merges two saves from one shown page (${a} first)`, async () => {
      const ids = { admin: t.ids.userIds.admin!, second: secondId };
      const round = ++n;
      const by = (who: string) => `By ${who}, round ${round}`;
      const base = (await findPage(db(), t.ids.partnershipId, kind)).body;
      const shown = shownAs(base);
      t.clock.advance(60_000);
      const one = await savePageText(
        db(),
        t.ids.partnershipId,
        kind,
        { body: by(a) },
        ids[a],
        t.clock.now(),
        {
          shown,
        },
      );
      assert.deepEqual(one.conflicts, []);
      // The stale form left the text as shown: the newer text stays.
      t.clock.advance(60_000);
      const unchanged = await savePageText(
        db(),
        t.ids.partnershipId,
        kind,
        { body: base },
        ids[b],
        t.clock.now(),
        {
          shown,
        },
      );
      assert.deepEqual(unchanged.conflicts, []);
      assert.equal((await findPage(db(), t.ids.partnershipId, kind)).body, by(a));
      // Both changed it: a conflict, nothing saved; then the choice saves.
      const clash = await savePageText(
        db(),
        t.ids.partnershipId,
        kind,
        { body: by(b) },
        ids[b],
        t.clock.now(),
        {
          shown,
        },
      );
      assert.equal(clash.conflicts.length, 1);
      assert.equal(clash.conflicts[0]!.theirs, by(a));
      assert.equal((await findPage(db(), t.ids.partnershipId, kind)).body, by(a));
      const key = fieldKey(PAGE_RECORD, 'body');
      const chosen = await savePageText(
        db(),
        t.ids.partnershipId,
        kind,
        { body: by(b) },
        ids[b],
        t.clock.now(),
        {
          shown,
          resolutions: new Map([[key, { choice: 'mine', seen: fingerprint(by(a)) }]]),
        },
      );
      assert.deepEqual(chosen.conflicts, []);
      assert.equal((await findPage(db(), t.ids.partnershipId, kind)).body, by(b));
      const history = await listRecordHistory(db(), pageRecord(t.ids.partnershipId, kind));
      const last = history.slice(-2);
      assert.deepEqual(
        last.map((h) => [h.userId, h.newValue]),
        [
          [ids[a], by(a)],
          [ids[b], by(b)],
        ],
      );
    });
});
