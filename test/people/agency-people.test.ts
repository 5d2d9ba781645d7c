import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import {
  agencyUsers,
  cycles,
  invitations,
  returnHistory,
  returns,
  sessions,
  templateThemes,
  themeAssignments,
  users,
} from '../../src/db/schema.ts';
import { addOtherPartnership } from '../helpers/other-partnership.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const ADMIN = 'business.manager@nrscp.example';
const YJS_LEAD = 'manager@riverside-yjs.example';

/** Signs in with the single-use link of the newest email to `email`. */
async function signInFromEmail(t: TestApp, email: string): Promise<TestClient> {
  const [mail] = await t.mailTo(email);
  const token = /\/sign-in\/link\/([A-Za-z0-9_-]+)/.exec(mail?.bodyText ?? '')?.[1];
  assert.ok(token, `a sign-in link was emailed to ${email}`);
  const client = t.client();
  await client.get(`/sign-in/link/${token}`);
  const done = await client.post('/sign-in/link', { token });
  assert.equal(done.status, 303);
  return client;
}

const userId = async (t: TestApp, email: string) =>
  (await t.database.db.select().from(users).where(eq(users.email, email)))[0]!.id;

describe('a partnership admin manages the people of its agencies', () => {
  let t: TestApp;
  let admin: TestClient;
  let agencies: string;
  let yjsPeople: string;

  before(async () => {
    t = await startTestApp();
    admin = await t.signIn(ADMIN);
    agencies = `/partnerships/${t.ids.partnershipId}/agencies`;
    yjsPeople = `${agencies}/${t.ids.agencyIds.yjs}/people`;
  });
  after(async () => t.close());

  it('shows who can sign in for the agency and when they last did', async () => {
    const page = await admin.get(yjsPeople);
    assert.equal(page.status, 200);
    assert.match(page.body, /manager@riverside-yjs\.example/);
    assert.match(page.body, /Agency lead/);
    assert.match(page.body, /Invited/, 'the seeded lead has never signed in');
    await t.signIn(YJS_LEAD);
    const after = await admin.get(yjsPeople);
    assert.match(after.body, /23 November 2026/, 'the day they signed in');
    const agencyPage = await admin.get(`${agencies}/${t.ids.agencyIds.yjs}`);
    assert.match(agencyPage.body, new RegExp(`href="${yjsPeople}"`));
  });

  it('appoints a lead and a contributor, who sign in from the 7-day link in their email', async () => {
    await admin.get(yjsPeople);
    const bad = await admin.post(yjsPeople, { name: '', email: 'not an email', role: 'owner' });
    assert.equal(bad.status, 422);
    assert.match(bad.body, /Enter their full name/);
    assert.match(bad.body, /Enter an email address in the correct format/);
    assert.match(bad.body, /Select their role/);
    assert.match(bad.body, /value="not an email"/);

    const lead = await admin.post(yjsPeople, {
      name: 'Sam Deputy',
      email: 'Deputy@Riverside-YJS.example',
      role: 'agency_lead',
    });
    assert.equal(lead.status, 303);
    assert.equal(lead.location, `${yjsPeople}?done=invited`);
    const [mail] = await t.mailTo('deputy@riverside-yjs.example');
    assert.match(mail!.subject, /Riverside Youth Justice Service's Section 11 return/);
    assert.match(mail!.bodyText, /agency lead of Riverside Youth Justice Service/);
    assert.match(mail!.bodyText, /expires in 7 days/);
    // Six days later the link still works, and the new lead works on the agency's return.
    const now = t.clock.now();
    t.clock.set(new Date(now.getTime() + 6 * 86_400_000));
    try {
      const deputy = await signInFromEmail(t, 'deputy@riverside-yjs.example');
      assert.equal((await deputy.get(`/returns/${t.ids.returnIds.yjs}`)).status, 200);
      assert.equal((await deputy.get(`/agencies/${t.ids.agencyIds.yjs}/colleagues`)).status, 200);
    } finally {
      t.clock.set(now);
    }

    await admin.get(yjsPeople);
    const contributor = await admin.post(yjsPeople, {
      name: 'Case Worker',
      email: 'caseworker@riverside-yjs.example',
      role: 'contributor',
    });
    assert.equal(contributor.status, 303);
    const [row] = await t.database.db
      .select()
      .from(agencyUsers)
      .where(eq(agencyUsers.userId, await userId(t, 'caseworker@riverside-yjs.example')));
    assert.equal(row?.role, 'contributor');

    const again = await admin.post(yjsPeople, {
      name: 'Sam Deputy',
      email: 'deputy@riverside-yjs.example',
      role: 'contributor',
    });
    assert.equal(again.status, 422);
    assert.match(again.body, /can already sign in for the agency/);
  });

  it('invites someone again with a new link, and removes them from this agency only', async () => {
    const caseworker = await userId(t, 'caseworker@riverside-yjs.example');
    await admin.get(yjsPeople);
    const before = (await t.mailTo('caseworker@riverside-yjs.example')).length;
    const again = await admin.post(`${yjsPeople}/${caseworker}/reinvite`);
    assert.equal(again.status, 303);
    assert.equal((await t.mailTo('caseworker@riverside-yjs.example')).length, before + 1);

    const worker = await signInFromEmail(t, 'caseworker@riverside-yjs.example');
    assert.equal((await worker.get(`/returns/${t.ids.returnIds.yjs}`)).status, 200);
    await admin.get(yjsPeople);
    const removed = await admin.post(`${yjsPeople}/${caseworker}/remove`);
    assert.equal(removed.status, 303);
    assert.doesNotMatch((await admin.get(yjsPeople)).body, /caseworker@riverside-yjs\.example/);
    // Left with nothing to sign in for, they are signed out.
    const gone = await worker.get(`/returns/${t.ids.returnIds.yjs}`);
    assert.equal(gone.status, 303);
    assert.match(gone.location ?? '', /^\/sign-in/);
    assert.equal(
      (await admin.post(`${yjsPeople}/${caseworker}/remove`, { _csrf: admin.csrf })).status,
      404,
      'nobody to remove twice',
    );
  });

  it('is for the partnership’s admins only, and for its own agencies', async () => {
    const reviewer = await t.signIn('scrutineer@nrscp.example');
    assert.equal((await reviewer.get(yjsPeople)).status, 403);
    const lead = await t.signIn(YJS_LEAD);
    assert.equal((await lead.get(yjsPeople)).status, 404);
    assert.equal((await admin.get(`${agencies}/00000000-0000-4000-8000-000000000000/people`)).status, 404);
  });

  it('invites the lead contact of an agency it adds as its first lead, and offers to invite a new one', async () => {
    await admin.get(`${agencies}/new`);
    const added = await admin.post(agencies, {
      name: 'Riverside Sports Club',
      sector: 'voluntary-community-faith',
      basis: 'voluntary',
      localities: [t.ids.localityIds.riverside],
      leadContactEmail: 'Coach@Sports.example',
    });
    assert.equal(added.status, 303);
    const [mail] = await t.mailTo('coach@sports.example');
    assert.match(mail!.bodyText, /agency lead of Riverside Sports Club/);
    // Asking for a sign-in link with that address now works, as the agency's lead.
    const coach = await t.signIn('coach@sports.example');
    const returns = await coach.get('/returns');
    assert.equal(returns.status, 200);
    const [club] = (
      await t.database.db
        .select()
        .from(agencyUsers)
        .where(eq(agencyUsers.userId, await userId(t, 'coach@sports.example')))
    ).map((r) => r.agencyId);
    assert.ok(club);

    const change = `${agencies}/${club}`;
    await admin.get(change);
    const changed = await admin.post(change, {
      name: 'Riverside Sports Club',
      sector: 'voluntary-community-faith',
      basis: 'voluntary',
      localities: [t.ids.localityIds.riverside],
      leadContactEmail: 'chair@sports.example',
    });
    assert.equal(changed.status, 303);
    assert.equal(changed.location, `${change}/people?done=contact-changed`);
    const offer = await admin.get(changed.location!);
    assert.match(offer.body, /cannot sign in for the agency yet/);
    assert.match(offer.body, /value="chair@sports\.example"/);
    assert.match(offer.body, /value="agency_lead" checked/);
    assert.equal((await t.mailTo('chair@sports.example')).length, 0, 'nobody is invited without asking');
  });

  it('invites the lead contacts of imported agencies, as the preview says', async () => {
    await admin.get(`${agencies}/import`);
    const data = [
      'Name,Sector,Statutory or voluntary,Localities served,Lead contact email',
      'Riverside Dental Practice,general-practice,Statutory,Riverside,dentist@dental.example',
      'Eastmoor Chess Club,voluntary-community-faith,Voluntary,Northshire,',
    ].join('\r\n');
    const res = await admin.postFile(`${agencies}/import`, { name: 'two.csv', data }, { _csrf: admin.csrf });
    assert.equal(res.status, 303);
    const preview = await admin.get(res.location!);
    assert.match(preview.body, /1 lead contact will be invited at once to sign in/);
    assert.match(preview.body, /Will be added, lead invited/);
    const done = await admin.post(res.location!);
    assert.equal(done.status, 303);
    const [mail] = await t.mailTo('dentist@dental.example');
    assert.match(mail!.bodyText, /agency lead of Riverside Dental Practice/);
    const dentist = await signInFromEmail(t, 'dentist@dental.example');
    assert.equal((await dentist.get('/returns')).status, 200);
    const left = await t.database.db
      .select()
      .from(sessions)
      .where(eq(sessions.userId, await userId(t, 'dentist@dental.example')));
    assert.equal(left.length, 1);
  });

  it('sees and withdraws the invitations of an agency it shares, and ends the removed person’s assignments in every partnership of the agency', async () => {
    const db = t.database.db;
    const council = t.ids.agencyIds.council!;
    const councilPeople = `${agencies}/${council}/people`;
    // Another partnership works with the council too (no joint audit with this one), runs its own
    // audit of it, in which the council's lead answers a theme, and has invited its own admin to help.
    const y = await addOtherPartnership(t, { slug: 'council-too', shareAgencies: [council] });
    const [ours] = await db.select().from(cycles).where(eq(cycles.id, t.ids.cycleId));
    const now = t.clock.now();
    const [yCycle] = await db
      .insert(cycles)
      .values({
        partnershipId: y.partnershipId,
        templateVersionId: ours!.templateVersionId,
        name: 'Westvale audit',
        opensAt: now,
        closesAt: new Date(now.getTime() + 30 * 86_400_000),
        createdAt: now,
      })
      .returning();
    const [yReturn] = await db
      .insert(returns)
      .values({ partnershipId: y.partnershipId, cycleId: yCycle!.id, agencyId: council, createdAt: now })
      .returning();
    const [theme] = await db
      .select()
      .from(templateThemes)
      .where(eq(templateThemes.templateVersionId, ours!.templateVersionId))
      .limit(1);
    const councilLead = await userId(t, 'safeguarding.lead@northshire-council.example');
    await db.insert(themeAssignments).values({
      partnershipId: y.partnershipId,
      returnId: yReturn!.id,
      themeId: theme!.id,
      userId: councilLead,
      createdAt: now,
    });
    await db.insert(invitations).values({
      userId: y.adminId,
      partnershipId: y.partnershipId,
      agencyId: council,
      role: 'contributor',
      invitedName: 'Ruth from Westvale',
      invitedBy: y.adminId,
      createdAt: now,
    });

    const page = await admin.get(councilPeople);
    assert.equal(page.status, 200);
    assert.match(page.body, /Ruth from Westvale/, 'the other partnership’s invitation to the agency');
    const withdrawn = await admin.post(`${councilPeople}/${y.adminId}/remove`);
    assert.equal(withdrawn.status, 303);
    const left = await db
      .select()
      .from(invitations)
      .where(and(eq(invitations.agencyId, council), eq(invitations.userId, y.adminId)));
    assert.deepEqual(left, []);

    await admin.get(councilPeople);
    const removed = await admin.post(`${councilPeople}/${councilLead}/remove`);
    assert.equal(removed.status, 303);
    assert.deepEqual(
      await db.select().from(themeAssignments).where(eq(themeAssignments.returnId, yReturn!.id)),
      [],
    );
    const recorded = await db.select().from(returnHistory).where(eq(returnHistory.returnId, yReturn!.id));
    assert.deepEqual(
      recorded.map((h) => [h.partnershipId, h.event, h.field, h.note]),
      [[y.partnershipId, 'theme_unassigned', `Who answers: ${theme!.title}`, 'removed from the agency']],
    );
  });
});
