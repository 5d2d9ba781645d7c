import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import {
  agencyUsers,
  joinRequests,
  localities,
  partnershipRoles,
  sessions,
  users,
} from '../../src/db/schema.ts';
import { addOtherPartnership } from '../helpers/other-partnership.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

/** Partnership A's admin, whose address partnership B's admin invites. */
const A_ADMIN = 'business.manager@nrscp.example';
const A_ADMIN_NAME = 'Priya Shah';
const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';

const idOf = async (t: TestApp, email: string) =>
  (await t.database.db.select().from(users).where(eq(users.email, email)))[0]!.id;

/** The id of the waiting invitation's accept form on the person's home page. */
const acceptAction = (body: string) => /action="(\/invitations\/[0-9a-f-]{36})\/accept"/.exec(body)?.[1];

describe('an invitation to someone who already has an account waits for them to accept it', () => {
  let t: TestApp;
  let a: TestClient;
  let b: TestClient;
  let bId: string;
  let aAdminId: string;

  before(async () => {
    t = await startTestApp();
    const other = await addOtherPartnership(t);
    bId = other.partnershipId;
    a = await t.signIn(A_ADMIN);
    b = await t.signIn(other.adminEmail);
    aAdminId = await idOf(t, A_ADMIN);
  });
  after(async () => t.close());

  it('gives partnership B nothing of hers until she accepts: no rights, no name', async () => {
    await b.get(`/partnerships/${bId}/people/new`);
    const invited = await b.post(`/partnerships/${bId}/people`, {
      name: 'Whoever',
      email: A_ADMIN,
      role: 'partnership_admin',
    });
    assert.equal(invited.status, 303);
    const list = await b.get(`/partnerships/${bId}/people`);
    assert.match(list.body, /business\.manager@nrscp\.example/);
    assert.match(list.body, /Invited/);
    assert.doesNotMatch(list.body, new RegExp(A_ADMIN_NAME), 'never her real name');
    assert.equal((await b.get(`/partnerships/${bId}/people/${aAdminId}`)).status, 200);
    assert.doesNotMatch(
      (await b.get(`/partnerships/${bId}/people/${aAdminId}`)).body,
      new RegExp(A_ADMIN_NAME),
    );
    const roles = await t.database.db
      .select()
      .from(partnershipRoles)
      .where(and(eq(partnershipRoles.partnershipId, bId), eq(partnershipRoles.userId, aAdminId)));
    assert.equal(roles.length, 0, 'no role until she accepts');
    assert.equal((await a.get(`/partnerships/${bId}/agencies`)).status, 404);
    const [mail] = await t.mailTo(A_ADMIN);
    assert.match(mail!.bodyText, /accept or decline the invitation on your home page/);

    // Withdrawing the invitation leaves her signed in to her own partnership.
    await b.get(`/partnerships/${bId}/people/${aAdminId}`);
    const withdrawn = await b.post(`/partnerships/${bId}/people/${aAdminId}/remove`);
    assert.equal(withdrawn.status, 303);
    assert.equal((await a.get(`/partnerships/${t.ids.partnershipId}/people`)).status, 200);
    assert.equal(acceptAction((await a.get('/')).body), undefined);
  });

  it('lets her decline, or accept on her home page; then removal ends only B’s rights', async () => {
    await b.get(`/partnerships/${bId}/people/new`);
    await b.post(`/partnerships/${bId}/people`, { name: 'Whoever', email: A_ADMIN, role: 'reviewer' });
    let home = await a.get('/');
    assert.match(
      home.body,
      /Ruth Lee invited you on .* to be reviewer of Westvale Safeguarding Children Partnership/,
    );
    const declined = await a.post(`${acceptAction(home.body)!}/decline`);
    assert.equal(declined.status, 303);
    assert.equal((await a.get(`/partnerships/${bId}/agencies`)).status, 404);
    assert.match(
      (await b.get(`/partnerships/${bId}/people`)).body,
      /^(?![\s\S]*business\.manager@nrscp\.example)/,
    );

    await b.get(`/partnerships/${bId}/people/new`);
    await b.post(`/partnerships/${bId}/people`, { name: 'Whoever', email: A_ADMIN, role: 'reviewer' });
    home = await a.get('/');
    // Someone else cannot answer her invitation.
    const stranger = await t.signIn(COUNCIL_LEAD);
    await stranger.get('/returns');
    assert.equal((await stranger.post(`${acceptAction(home.body)!}/accept`)).status, 404);
    await a.get('/');
    const accepted = await a.post(`${acceptAction(home.body)!}/accept`);
    assert.equal(accepted.status, 303);
    assert.equal((await a.get(`/partnerships/${bId}/agencies`)).status, 200);
    home = await a.get('/?done=accepted');
    assert.match(home.body, /Reviewer, Westvale Safeguarding Children Partnership/);
    assert.match(home.body, /Partnership admin, Northshire and Riverside Safeguarding Children Partnership/);
    assert.match((await b.get(`/partnerships/${bId}/people`)).body, new RegExp(A_ADMIN_NAME), 'a member now');

    // The navigation follows the partnership being viewed.
    const inB = await a.get(`/partnerships/${bId}/agencies`);
    assert.match(
      inB.body,
      new RegExp(`class="govuk-service-navigation__link" href="/partnerships/${bId}/agencies"`),
    );
    const inA = await a.get(`/partnerships/${t.ids.partnershipId}/agencies`);
    assert.match(
      inA.body,
      new RegExp(
        `class="govuk-service-navigation__link" href="/partnerships/${t.ids.partnershipId}/agencies"`,
      ),
    );

    await b.get(`/partnerships/${bId}/people/${aAdminId}`);
    const removed = await b.post(`/partnerships/${bId}/people/${aAdminId}/remove`);
    assert.equal(removed.status, 303);
    const kept = await t.database.db.select().from(sessions).where(eq(sessions.userId, aAdminId));
    assert.ok(kept.length > 0, 'her sessions are not B’s to end');
    assert.equal((await a.get(`/partnerships/${bId}/agencies`)).status, 404);
    assert.equal((await a.get(`/partnerships/${t.ids.partnershipId}/people`)).status, 200);
  });

  it('works the same for an agency lead’s colleagues and a partnership’s agency people', async () => {
    const lead = await t.signIn(COUNCIL_LEAD);
    const colleagues = `/agencies/${t.ids.agencyIds.council}/colleagues`;
    await lead.get(colleagues);
    assert.equal((await lead.post(colleagues, { name: 'Helper', email: A_ADMIN })).status, 303);
    const page = await lead.get(colleagues);
    assert.match(page.body, /business\.manager@nrscp\.example/);
    assert.doesNotMatch(page.body, new RegExp(A_ADMIN_NAME));
    const inAgency = () =>
      t.database.db
        .select()
        .from(agencyUsers)
        .where(and(eq(agencyUsers.agencyId, t.ids.agencyIds.council!), eq(agencyUsers.userId, aAdminId)));
    assert.equal((await inAgency()).length, 0);
    const removed = await lead.post(`${colleagues}/${aAdminId}/remove`);
    assert.equal(removed.status, 303);
    assert.ok((await t.database.db.select().from(sessions).where(eq(sessions.userId, aAdminId))).length > 0);
    assert.equal(acceptAction((await a.get('/')).body), undefined, 'the invitation is withdrawn');

    // Partnership B appoints her lead of one of its agencies: she must accept that too.
    const bAgencies = `/partnerships/${bId}/agencies`;
    const [place] = await t.database.db
      .insert(localities)
      .values({ partnershipId: bId, name: 'Westvale' })
      .returning();
    await b.get(`${bAgencies}/new`);
    const added = await b.post(bAgencies, {
      name: 'Westvale Youth Club',
      sector: 'voluntary-community-faith',
      basis: 'voluntary',
      localities: [place!.id],
      leadContactEmail: A_ADMIN,
    });
    assert.equal(added.status, 303);
    const home = await a.get('/');
    assert.match(home.body, /to be agency lead of Westvale Youth Club \(added by Westvale/);
    const [club] = await t.database.db.select().from(users).where(eq(users.email, A_ADMIN));
    const clubRows = await t.database.db.select().from(agencyUsers).where(eq(agencyUsers.userId, club!.id));
    assert.equal(clubRows.length, 0, 'no agency role until she accepts');
  });

  it('invites a join request’s contact who already has an account, rather than making them lead', async () => {
    const [asked] = await t.database.db
      .insert(joinRequests)
      .values({
        partnershipId: bId,
        organisationName: 'Westvale Food Bank',
        sector: 'voluntary-community-faith',
        contactName: 'Someone',
        contactEmail: A_ADMIN,
        reason: 'We would like to take part.',
      })
      .returning();
    const page = `/partnerships/${bId}/join-requests/${asked!.id}`;
    await b.get(page);
    const approved = await b.post(`${page}/approve`);
    assert.equal(approved.status, 303);
    const rows = await t.database.db.select().from(agencyUsers).where(eq(agencyUsers.userId, aAdminId));
    assert.equal(rows.length, 0, 'no agency role until she accepts');
    assert.match((await a.get('/')).body, /to be agency lead of Westvale Food Bank/);
    const [mail] = await t.mailTo(A_ADMIN);
    assert.match(mail!.bodyText, /accept or decline the invitation on your home page/);
  });
});
