/** A partnership admin downloads everything held about one email address, as JSON and CSV in a zip. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import JSZip from 'jszip';
import { returns, users } from '../../src/db/schema.ts';
import { recordChanges } from '../../src/domain/record-history.repository.ts';
import { recordHistory } from '../../src/features/returns/returns.repository.ts';
import { recordDraftHistory } from '../../src/features/templates/draft-editing.repository.ts';
import { addOtherPartnership } from '../helpers/other-partnership.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const ADMIN = 'business.manager@nrscp.example';
const REVIEWER = 'scrutineer@nrscp.example';
const HELEN = 'safeguarding.lead@northshire-council.example';

describe('subject access export', () => {
  let t: TestApp;
  let admin: TestClient;
  let form: string;

  before(async () => {
    t = await startTestApp();
    admin = await t.signIn(ADMIN);
    form = `/partnerships/${t.ids.partnershipId}/privacy/subject-access`;
    await t.signIn(HELEN);
    await t.database.db
      .update(returns)
      .set({ completerName: 'Helen Ward', completerEmail: HELEN, completerPhone: '01632 960789' })
      .where(eq(returns.id, t.ids.returnIds.council!));
    await recordHistory(t.database.db, t.ids.partnershipId, t.ids.returnIds.council!, null, t.clock.now(), [
      { event: 'reminder_sent', field: 'Reminder', newValue: `Sent to ${HELEN}` },
    ]);
    await recordChanges(
      t.database.db,
      { partnershipId: t.ids.partnershipId, kind: 'partnership_page', id: 'guidance' },
      t.ids.userIds.admin!,
      t.clock.now(),
      [{ field: 'body', oldValue: null, newValue: `Questions to ${HELEN}` }],
    );
  });
  after(() => t.close());

  /** Posts the form as a browser would and gives the raw response. */
  async function request(client: TestClient, email: string) {
    const res = await t.app.inject({
      method: 'POST',
      url: form,
      headers: { cookie: client.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: client.csrf, email }).toString(),
    });
    return res;
  }

  it('asks for the email address, and keeps what was typed when it is not one', async () => {
    const page = await admin.get(form);
    assert.equal(page.status, 200);
    assert.match(page.body, /Subject access/);
    assert.match((await admin.get(`/partnerships/${t.ids.partnershipId}/privacy`)).body, new RegExp(form));
    const empty = await admin.post(form, { email: '' });
    assert.equal(empty.status, 422);
    assert.match(empty.body, /govuk-error-summary/);
    assert.match(empty.body, /href="#email"/);
    assert.match(empty.body, /Enter the email address of the person asking/);
    const wrong = await admin.post(form, { email: 'helen at council' });
    assert.equal(wrong.status, 422);
    assert.match(wrong.body, /correct format/);
    assert.match(wrong.body, /value="helen at council"/);
    assert.equal((await admin.post(form, { email: HELEN, _csrf: 'forged' })).status, 403);
  });

  it('gives a zip of JSON and CSV with their account, roles, returns, history and mail, whatever the case typed', async () => {
    await admin.get(form);
    const res = await request(admin, ` ${HELEN.toUpperCase()} `);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/zip');
    assert.match(
      String(res.headers['content-disposition']),
      /^attachment; filename="subject-access-2026-11-23\.zip"$/,
    );
    assert.doesNotMatch(String(res.headers['content-disposition']), /safeguarding/);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const names = Object.keys(zip.files).sort();
    assert.ok(names.includes('README.txt'));
    assert.ok(names.includes('subject-access.json'));
    assert.ok(names.includes('csv/account.csv'));
    assert.ok(names.includes('csv/change_history.csv'));
    const data = JSON.parse(await zip.file('subject-access.json')!.async('string'));
    assert.equal(data.email, HELEN);
    assert.equal(data.sections.account.length, 1);
    assert.equal(data.sections.account[0].name, 'Helen Ward');
    assert.deepEqual(
      data.sections.agency_roles.map((r: { role: string }) => r.role),
      ['agency_lead'],
    );
    assert.equal(data.sections.returns_completed.length, 1);
    assert.equal(data.sections.returns_completed[0].completer_phone, '01632 960789');
    assert.ok(
      data.sections.change_history.some((h: { new_value: string }) => h.new_value === `Sent to ${HELEN}`),
    );
    assert.deepEqual(
      data.sections.other_change_history.map((h: { new_value: string }) => h.new_value),
      [`Questions to ${HELEN}`],
      'the guidance page’s history naming them',
    );
    assert.ok(names.includes('csv/template_draft_history.csv'));
    const account = await zip.file('csv/account.csv')!.async('string');
    assert.match(account, /^\uFEFFname,email,job_title,phone,created_at,last_signed_in_at\r\n"?Helen Ward/);
    assert.match(await zip.file('csv/returns_completed.csv')!.async('string'), /01632 960789/);
  });

  it('finds a removed admin whose only trace is the changes they made to pages and draft templates', async () => {
    const former = 'former.admin@nrscp.example';
    const db = t.database.db;
    const [u] = await db
      .insert(users)
      .values({ email: former, name: 'Pat Former', createdAt: t.clock.now() })
      .returning();
    await recordChanges(
      db,
      { partnershipId: t.ids.partnershipId, kind: 'partnership_page', id: 'faq' },
      u!.id,
      t.clock.now(),
      [{ field: 'body', oldValue: null, newValue: 'Ask the business unit' }],
    );
    await recordDraftHistory(db, t.ids.partnershipId, t.ids.templateVersionId, u!.id, t.clock.now(), [
      { fieldKey: 'title', field: 'Title', oldValue: 'Old title', newValue: 'New title' },
    ]);
    await admin.get(form);
    const res = await request(admin, former);
    assert.equal(res.statusCode, 200);
    const data = JSON.parse(
      await (await JSZip.loadAsync(res.rawPayload)).file('subject-access.json')!.async('string'),
    );
    assert.deepEqual(
      data.sections.account.map((a: { name: string }) => a.name),
      ['Pat Former'],
    );
    assert.deepEqual(
      data.sections.other_change_history.map((h: { new_value: string; made_by_them: boolean }) => [
        h.new_value,
        h.made_by_them,
      ]),
      [['Ask the business unit', true]],
    );
    assert.deepEqual(
      data.sections.template_draft_history.map((h: { new_value: string; made_by_them: boolean }) => [
        h.new_value,
        h.made_by_them,
      ]),
      [['New title', true]],
    );
  });

  it('holds nothing of another partnership, and its account only when linked to the partnership', async () => {
    const other = await addOtherPartnership(t);
    const outsider = await t.signIn(other.adminEmail);
    assert.equal((await outsider.get(form)).status, 404);
    const ownForm = `/partnerships/${other.partnershipId}/privacy/subject-access`;
    await outsider.get(ownForm);
    const res = await t.app.inject({
      method: 'POST',
      url: ownForm,
      headers: { cookie: outsider.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: outsider.csrf, email: HELEN }).toString(),
    });
    assert.equal(res.statusCode, 200);
    const data = JSON.parse(
      await (await JSZip.loadAsync(res.rawPayload)).file('subject-access.json')!.async('string'),
    );
    for (const [name, rows] of Object.entries(data.sections))
      assert.equal((rows as unknown[]).length, 0, `${name} holds nothing of the first partnership`);
    const reviewer = await t.signIn(REVIEWER);
    assert.equal((await reviewer.get(form)).status, 403);
  });
});
