import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { partnershipRoles, sessions, users } from '../../src/db/schema.ts';
import { setRole } from '../../src/features/people/people.repository.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const ADMIN = 'business.manager@nrscp.example';
const REVIEWER = 'scrutineer@nrscp.example';
const NEW_PERSON = 'chair@nrscp.example';

describe('a partnership admin manages its people', () => {
  let t: TestApp;
  let admin: TestClient;
  let base: string;

  before(async () => {
    t = await startTestApp();
    admin = await t.signIn(ADMIN);
    base = `/partnerships/${t.ids.partnershipId}/people`;
  });
  after(async () => t.close());

  it('lists admins and reviewers', async () => {
    const page = await admin.get(base);
    assert.equal(page.status, 200);
    assert.match(page.body, /business\.manager@nrscp\.example/);
    assert.match(page.body, /scrutineer@nrscp\.example/);
    assert.match(page.body, /Reviewer/);
  });

  it('invites someone by email with a sign-in link that works once for 7 days', async () => {
    await admin.get(`${base}/new`);
    const bad = await admin.post(base, { name: '', email: 'chair at nrscp', role: 'owner' });
    assert.equal(bad.status, 422);
    assert.match(bad.body, /Enter their full name/);
    assert.match(bad.body, /Enter an email address in the correct format/);
    assert.match(bad.body, /Select their role/);
    assert.match(bad.body, /value="chair at nrscp"/);
    const ok = await admin.post(base, {
      name: 'Independent Chair',
      email: 'Chair@NRSCP.example',
      role: 'reviewer',
    });
    assert.equal(ok.status, 303);
    assert.equal(ok.location, `${base}?done=invited`);
    const [mail] = await t.mailTo(NEW_PERSON);
    assert.match(
      mail!.subject,
      /You have been invited to Northshire and Riverside Safeguarding Children Partnership/,
    );
    assert.match(mail!.bodyText, /expires in 7 days/);
    const token = /\/sign-in\/link\/([A-Za-z0-9_-]+)/.exec(mail!.bodyText)![1]!;
    // Six days later the link still works.
    const now = t.clock.now();
    t.clock.set(new Date(now.getTime() + 6 * 86_400_000));
    try {
      const invitee = t.client();
      await invitee.get(`/sign-in/link/${token}`);
      const signedIn = await invitee.post('/sign-in/link', { token });
      assert.equal(signedIn.status, 303);
      const home = await invitee.get('/');
      assert.match(home.body, /Welcome, Independent Chair/);
      assert.equal((await invitee.get(`/cycles/${t.ids.cycleId}`)).status, 200, 'a reviewer reads the audit');
    } finally {
      t.clock.set(now);
    }
    const again = await admin.post(base, { name: 'Independent Chair', email: NEW_PERSON, role: 'reviewer' });
    assert.equal(again.status, 422);
    assert.match(again.body, /already in the partnership/);
  });

  it('changes a role, but never leaves the partnership without an admin', async () => {
    const [me] = await t.database.db.select().from(users).where(eq(users.email, ADMIN));
    await admin.get(`${base}/${me!.id}`);
    const demote = await admin.post(`${base}/${me!.id}`, { role: 'reviewer' });
    assert.equal(demote.status, 422);
    assert.match(demote.body, /needs at least one admin/);
    const remove = await admin.post(`${base}/${me!.id}/remove`);
    assert.equal(remove.status, 422);

    const [chair] = await t.database.db.select().from(users).where(eq(users.email, NEW_PERSON));
    await admin.get(`${base}/${chair!.id}`);
    const promote = await admin.post(`${base}/${chair!.id}`, { role: 'partnership_admin' });
    assert.equal(promote.status, 303);
    const [role] = await t.database.db
      .select()
      .from(partnershipRoles)
      .where(eq(partnershipRoles.userId, chair!.id));
    assert.equal(role?.role, 'partnership_admin');
  });

  it('keeps an admin when its admins are all demoted at the same moment', async () => {
    const pid = t.ids.partnershipId;
    const adminRows = () =>
      t.database.db
        .select()
        .from(partnershipRoles)
        .where(and(eq(partnershipRoles.partnershipId, pid), eq(partnershipRoles.role, 'partnership_admin')));
    const [second] = await t.database.db
      .insert(users)
      .values({ email: 'deputy@nrscp.example', name: 'Deputy Manager', createdAt: t.clock.now() })
      .returning();
    await t.database.db.insert(partnershipRoles).values({
      partnershipId: pid,
      userId: second!.id,
      role: 'partnership_admin',
      createdAt: t.clock.now(),
    });
    const before = await adminRows();
    assert.ok(before.length >= 2);
    const results = await Promise.all(before.map((a) => setRole(t.database.db, pid, a.userId, 'reviewer')));
    assert.equal(results.filter((done) => !done).length, 1, 'exactly one demotion is refused');
    assert.equal((await adminRows()).length, 1, 'the partnership keeps one admin');
    // Put things back for the other tests.
    for (const a of before)
      await t.database.db
        .update(partnershipRoles)
        .set({ role: 'partnership_admin' })
        .where(and(eq(partnershipRoles.partnershipId, pid), eq(partnershipRoles.userId, a.userId)));
    await t.database.db.delete(partnershipRoles).where(eq(partnershipRoles.userId, second!.id));
  });

  it('removes someone and ends their sessions at once', async () => {
    const reviewer = await t.signIn(REVIEWER);
    assert.equal((await reviewer.get(`/cycles/${t.ids.cycleId}`)).status, 200);
    const [person] = await t.database.db.select().from(users).where(eq(users.email, REVIEWER));
    await admin.get(`${base}/${person!.id}`);
    const removed = await admin.post(`${base}/${person!.id}/remove`);
    assert.equal(removed.status, 303);
    const left = await t.database.db.select().from(sessions).where(eq(sessions.userId, person!.id));
    assert.equal(left.length, 0);
    const after = await reviewer.get(`/cycles/${t.ids.cycleId}`);
    assert.equal(after.status, 303, 'signed out');
    assert.match(after.location ?? '', /^\/sign-in/);
  });

  it('is for the partnership’s admins only', async () => {
    const chair = await t.signIn(NEW_PERSON);
    assert.equal((await chair.get(base)).status, 200, 'the promoted chair is an admin now');
    const lead = await t.signIn('safeguarding.lead@northshire-council.example');
    assert.equal((await lead.get(base)).status, 404);
  });
});
