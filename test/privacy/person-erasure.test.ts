/** Removing a person and anonymising them everywhere the partnership holds them, with a confirmation page. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq, like } from 'drizzle-orm';
import {
  outgoingMail,
  partnershipRoles,
  personalDataErasures,
  recordHistory as recordHistoryTable,
  returnHistory,
  returns,
  sessions,
  users,
} from '../../src/db/schema.ts';
import { recordChanges } from '../../src/domain/record-history.repository.ts';
import { recordHistory } from '../../src/features/returns/returns.repository.ts';
import { addOtherPartnership } from '../helpers/other-partnership.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const ADMIN = 'business.manager@nrscp.example';
const TOM = 'hr.adviser@northshire-council.example';
const HELEN = 'safeguarding.lead@northshire-council.example';
const REVIEWER = 'scrutineer@nrscp.example';

describe('removing and anonymising a person', () => {
  let t: TestApp;
  let admin: TestClient;
  let councilPeople: string;
  /** A partnership the council works with too, and one it does not. */
  let shared: string;
  let unshared: string;

  before(async () => {
    t = await startTestApp();
    admin = await t.signIn(ADMIN);
    councilPeople = `/partnerships/${t.ids.partnershipId}/agencies/${t.ids.agencyIds.council}/people`;
    const returnId = t.ids.returnIds.council!;
    await recordHistory(t.database.db, t.ids.partnershipId, returnId, t.ids.userIds.admin!, t.clock.now(), [
      { event: 'theme_assigned', field: 'Neglect – assigned to', newValue: 'Tom Bradley' },
      { event: 'reminder_sent', field: 'Reminder', newValue: `Sent to ${TOM}` },
      { event: 'details_changed', field: 'Completer name', oldValue: 'Helen Ward', newValue: 'Tom Bradley' },
    ]);
    await t.database.db
      .update(returns)
      .set({ completerName: 'Tom Bradley', completerEmail: TOM, completerPhone: '01632 960123' })
      .where(eq(returns.id, returnId));
    // A guidance page's history naming them (record_history is scrubbed like the return's history).
    await recordChanges(
      t.database.db,
      { partnershipId: t.ids.partnershipId, kind: 'partnership_page', id: 'guidance' },
      t.ids.userIds.admin!,
      t.clock.now(),
      [{ field: 'body', oldValue: 'Ask Helen Ward', newValue: `Ask Tom Bradley (${TOM})` }],
    );
    shared = (await addOtherPartnership(t, { slug: 'eastvale', shareAgencies: [t.ids.agencyIds.council!] }))
      .partnershipId;
    unshared = (await addOtherPartnership(t, { slug: 'farvale' })).partnershipId;
    for (const partnershipId of [shared, unshared])
      await recordChanges(
        t.database.db,
        { partnershipId, kind: 'partnership_page', id: 'faq' },
        t.ids.userIds.admin!,
        t.clock.now(),
        [{ field: 'body', oldValue: null, newValue: 'Tom Bradley answers questions' }],
      );
  });
  after(() => t.close());

  const historyValues = async () =>
    (
      await t.database.db
        .select()
        .from(returnHistory)
        .where(eq(returnHistory.returnId, t.ids.returnIds.council!))
    ).flatMap((h) => [h.oldValue ?? '', h.newValue ?? '', h.note ?? '']);

  it('asks for confirmation on a GOV.UK page, and refuses without it or without the form token', async () => {
    const list = await admin.get(councilPeople);
    const tomId = (await t.database.db.select().from(users).where(eq(users.email, TOM)))[0]!.id;
    assert.match(list.body, new RegExp(`href="${councilPeople}/${tomId}/anonymise"`));
    const url = `${councilPeople}/${tomId}/anonymise`;
    const page = await admin.get(url);
    assert.equal(page.status, 200);
    assert.match(page.body, /Remove and anonymise this person/);
    assert.match(page.body, /Tom Bradley/);
    assert.match(page.body, /here and in the other partnership the agency works with/);
    assert.match(page.body, /This cannot be undone/);
    const unconfirmed = await admin.post(url, {});
    assert.equal(unconfirmed.status, 422);
    assert.match(unconfirmed.body, /govuk-error-summary/);
    assert.match(unconfirmed.body, /href="#confirm"/);
    const forged = await admin.post(url, { confirm: 'yes', _csrf: 'forged' });
    assert.equal(forged.status, 403);
    assert.equal(
      (await t.database.db.select().from(users).where(eq(users.id, tomId)))[0]!.name,
      'Tom Bradley',
    );
  });

  it('replaces their name and address in the history, the return and the sent mail, and signs them out', async () => {
    const tom = await t.signIn(TOM);
    const tomId = (await t.database.db.select().from(users).where(eq(users.email, TOM)))[0]!.id;
    const before = await tom.get('/');
    assert.doesNotMatch(before.location ?? '', /sign-in/, 'signed in before');
    assert.ok((await t.database.db.select().from(sessions).where(eq(sessions.userId, tomId))).length > 0);
    const url = `${councilPeople}/${tomId}/anonymise`;
    await admin.get(url);
    const done = await admin.post(url, { confirm: 'yes' });
    assert.equal(done.status, 303);
    assert.equal(done.location, `${councilPeople}?done=anonymised`);
    assert.match((await admin.get(done.location!)).body, /Removed from the agency and anonymised/);

    const [account] = await t.database.db.select().from(users).where(eq(users.id, tomId));
    assert.equal(account!.name, 'Removed person');
    assert.equal(account!.email, `removed-${tomId}@anonymised.invalid`);
    assert.equal((await t.database.db.select().from(sessions).where(eq(sessions.userId, tomId))).length, 0);
    assert.match((await tom.get('/')).location ?? '', /\/sign-in/, 'signed out');

    const values = await historyValues();
    assert.ok(values.includes('Removed person'));
    assert.ok(!values.some((v) => /Tom Bradley|hr\.adviser/i.test(v)), values.join(' | '));
    assert.ok(values.includes('Helen Ward'), 'other people’s names stay');
    const pageHistory = (
      await t.database.db
        .select()
        .from(recordHistoryTable)
        .where(eq(recordHistoryTable.partnershipId, t.ids.partnershipId))
    ).flatMap((h) => [h.oldValue ?? '', h.newValue ?? '']);
    assert.ok(
      pageHistory.some((v) => v.includes('Removed person')),
      pageHistory.join(' | '),
    );
    assert.ok(!pageHistory.some((v) => /Tom Bradley|hr\.adviser/i.test(v)), pageHistory.join(' | '));
    assert.ok(pageHistory.includes('Ask Helen Ward'), 'other people’s names stay in page history');
    const [ret] = await t.database.db.select().from(returns).where(eq(returns.id, t.ids.returnIds.council!));
    assert.equal(ret!.completerName, 'Removed person');
    assert.equal(ret!.completerEmail, null);
    assert.equal(ret!.completerPhone, null);
    assert.equal((await t.mailTo(TOM)).length, 0, 'no mail recorded to the address any more');
    const mails = await t.database.db
      .select()
      .from(outgoingMail)
      .where(eq(outgoingMail.to, `removed-${tomId}@anonymised.invalid`));
    assert.ok(mails.length > 0);
    assert.ok(mails.every((m) => !m.bodyText.includes(TOM)));
    const [erasure] = await t.database.db
      .select()
      .from(personalDataErasures)
      .where(
        and(
          eq(personalDataErasures.partnershipId, t.ids.partnershipId),
          eq(personalDataErasures.kind, 'person'),
        ),
      );
    assert.ok(erasure && erasure.valuesReplaced > 0);
    assert.equal(erasure.performedBy, t.ids.userIds.admin);

    // The council works with another partnership too: their work for it there is anonymised, and
    // that partnership's record of erasures says so; a partnership the council does not work with
    // is not this admin's to change.
    const faqOf = async (partnershipId: string) =>
      (
        await t.database.db
          .select()
          .from(recordHistoryTable)
          .where(eq(recordHistoryTable.partnershipId, partnershipId))
      ).map((h) => h.newValue);
    assert.deepEqual(await faqOf(shared), ['Removed person answers questions']);
    assert.deepEqual(await faqOf(unshared), ['Tom Bradley answers questions']);
    const erasuresIn = async (partnershipId: string) =>
      await t.database.db
        .select()
        .from(personalDataErasures)
        .where(eq(personalDataErasures.partnershipId, partnershipId));
    assert.deepEqual(
      (await erasuresIn(shared)).map((e) => [e.kind, e.valuesReplaced, e.performedBy]),
      [['person', 1, t.ids.userIds.admin]],
    );
    assert.equal((await erasuresIn(unshared)).length, 0);
  });

  it('refuses someone whose account is still used elsewhere, and keeps them as they were', async () => {
    const helenId = (await t.database.db.select().from(users).where(eq(users.email, HELEN)))[0]!.id;
    await t.database.db
      .insert(partnershipRoles)
      .values({ partnershipId: t.ids.partnershipId, userId: helenId, role: 'reviewer' });
    const url = `${councilPeople}/${helenId}/anonymise`;
    const page = await admin.get(url);
    assert.equal(page.status, 200);
    assert.match(page.body, /also have a role in another partnership or agency/);
    assert.doesNotMatch(page.body, /name="confirm"/);
    const refused = await admin.post(url, { confirm: 'yes' });
    assert.equal(refused.status, 422);
    assert.equal(
      (await t.database.db.select().from(users).where(eq(users.id, helenId)))[0]!.name,
      'Helen Ward',
    );
  });

  it('says so, and shows no success, when they were given a role again before they could be anonymised', async () => {
    const db = t.database.db;
    const [lee] = await db
      .insert(users)
      .values({ email: 'lee.racer@riverside.example', name: 'Lee Racer', createdAt: t.clock.now() })
      .returning();
    await db
      .insert(partnershipRoles)
      .values({ partnershipId: t.ids.partnershipId, userId: lee!.id, role: 'reviewer' });
    // Someone else makes them an agency's contributor at the moment the admin's removal is saved.
    await t.database.executeSql(
      `create function give_lee_a_role() returns trigger language plpgsql as $$
       begin
         insert into agency_users (agency_id, user_id, role) values ('${t.ids.agencyIds.council}', old.user_id, 'contributor');
         return old;
       end $$`,
    );
    await t.database.executeSql(
      `create trigger give_lee_a_role after delete on partnership_roles for each row
         when (old.user_id = '${lee!.id}') execute function give_lee_a_role()`,
    );
    try {
      const people = `/partnerships/${t.ids.partnershipId}/people`;
      await admin.get(`${people}/${lee!.id}/anonymise`);
      const res = await admin.post(`${people}/${lee!.id}/anonymise`, { confirm: 'yes' });
      assert.equal(res.status, 409);
      assert.match(res.body, /This person was not anonymised/);
      assert.match(res.body, /given a role again/);
      assert.doesNotMatch(res.body, /govuk-notification-banner--success/);
      const [account] = await db.select().from(users).where(eq(users.id, lee!.id));
      assert.equal(account!.name, 'Lee Racer');
    } finally {
      await t.database.executeSql('drop trigger give_lee_a_role on partnership_roles');
      await t.database.executeSql('drop function give_lee_a_role()');
    }
  });

  it('works from the partnership’s people too, never on oneself, and only for the partnership’s admins', async () => {
    const reviewerId = t.ids.userIds.reviewer!;
    const people = `/partnerships/${t.ids.partnershipId}/people`;
    assert.match(
      (await admin.get(`${people}/${reviewerId}`)).body,
      new RegExp(`${people}/${reviewerId}/anonymise`),
    );
    const self = await admin.get(`${people}/${t.ids.userIds.admin}/anonymise`);
    assert.match(self.body, /You cannot anonymise yourself/);
    assert.equal(
      (await admin.post(`${people}/${t.ids.userIds.admin}/anonymise`, { confirm: 'yes' })).status,
      422,
    );

    const other = await addOtherPartnership(t);
    const outsider = await t.signIn(other.adminEmail);
    assert.equal((await outsider.get(`${people}/${reviewerId}/anonymise`)).status, 404);
    const reviewer = await t.signIn(REVIEWER);
    assert.equal((await reviewer.get(`${people}/${reviewerId}/anonymise`)).status, 403);

    await admin.get(`${people}/${reviewerId}/anonymise`);
    const done = await admin.post(`${people}/${reviewerId}/anonymise`, { confirm: 'yes' });
    assert.equal(done.status, 303);
    assert.equal(done.location, `${people}?done=anonymised`);
    const [account] = await t.database.db.select().from(users).where(eq(users.id, reviewerId));
    assert.equal(account!.name, 'Removed person');
    assert.equal(
      (await t.database.db.select().from(users).where(like(users.email, '%nrscp.example'))).length,
      1,
      'only the admin keeps an address of the partnership',
    );
  });
});
