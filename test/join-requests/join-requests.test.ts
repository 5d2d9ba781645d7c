import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import {
  agencies,
  agencyLocalities,
  agencyMemberships,
  agencyUsers,
  joinRequests,
  partnerships,
  users,
} from '../../src/db/schema.ts';
import { MAX_REQUESTS_A_DAY } from '../../src/features/join-requests/join-requests.service.ts';
import { assertCharacterCount } from '../helpers/character-count.ts';
import { addOtherPartnership } from '../helpers/other-partnership.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const ADMIN = 'business.manager@nrscp.example';
const REVIEWER = 'scrutineer@nrscp.example';
const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';
const PARTNERSHIP_INBOX = 'section11@nrscp.example';

describe('a voluntary organisation asks to take part, and the partnership decides', () => {
  let t: TestApp;
  let admin: TestClient;
  let form: string;
  let requests: string;

  const request = (fields: Partial<Record<string, string | string[]>> = {}) => ({
    organisationName: 'Riverside Boxing Club',
    sector: 'voluntary-community-faith',
    localities: [t.ids.localityIds.riverside!],
    contactName: 'Jo Bloggs',
    contactEmail: 'Jo@Riverside-Boxing.example',
    reason: 'We coach 200 young people every week.',
    website: '',
    ...fields,
  });

  const ask = async (fields: Partial<Record<string, string | string[]>> = {}) => {
    const visitor = t.client();
    await visitor.get(form);
    return { visitor, res: await visitor.post(form, request(fields) as Record<string, string | string[]>) };
  };

  before(async () => {
    t = await startTestApp();
    admin = await t.signIn(ADMIN);
    form = `/join/${t.ids.partnershipId}`;
    requests = `/partnerships/${t.ids.partnershipId}/join-requests`;
    const [p] = await t.database.db
      .select()
      .from(partnerships)
      .where(eq(partnerships.id, t.ids.partnershipId));
    assert.equal(p?.contactEmail, PARTNERSHIP_INBOX);
  });
  after(async () => t.close());

  it('is linked from the sign-in page, without signing in', async () => {
    const visitor = t.client();
    const signIn = await visitor.get('/sign-in');
    assert.match(signIn.body, /href="\/join"/);
    const choose = await visitor.get('/join');
    assert.equal(choose.status, 200);
    assert.match(choose.body, new RegExp(`href="${form}"`));
    const page = await visitor.get(form);
    assert.equal(page.status, 200);
    assert.match(page.body, /Ask to take part in the Section 11 audit/);
    assert.match(page.body, /Voluntary, community or faith organisation/);
    assert.doesNotMatch(page.body, /value="police"/, 'only sectors that take part voluntarily');
    assert.match(page.body, /Riverside/);
    assertCharacterCount(page.body, 'reason', 2000);
    assert.equal((await visitor.get('/join/00000000-0000-4000-8000-000000000000')).status, 404);
  });

  it('refuses an incomplete or forged request, keeping what was typed', async () => {
    const { res } = await ask({
      organisationName: '',
      sector: 'police',
      localities: ['00000000-0000-4000-8000-000000000000'],
      contactName: '',
      contactEmail: 'jo at boxing',
      reason: '',
    });
    assert.equal(res.status, 422);
    assert.match(res.body, /govuk-error-summary/);
    assert.match(res.body, /Enter your organisation’s name/);
    assert.match(res.body, /Select the kind of organisation it is/);
    assert.match(res.body, /Select areas from the list/);
    assert.match(res.body, /Enter your full name/);
    assert.match(res.body, /Enter an email address in the correct format/);
    assert.match(res.body, /Tell the partnership why your organisation wants to take part/);
    assert.match(res.body, /value="jo at boxing"/);
    const long = await ask({ reason: 'x'.repeat(2001) });
    assert.equal(long.res.status, 422);
    assert.match(long.res.body, /2,000 characters or fewer/);
    assert.equal((await t.database.db.select().from(joinRequests)).length, 0);
  });

  it('needs the CSRF token of the anonymous session', async () => {
    const visitor = t.client();
    await visitor.get(form);
    const res = await visitor.post(form, { ...request(), _csrf: 'forged' } as Record<
      string,
      string | string[]
    >);
    assert.equal(res.status, 403);
    assert.equal((await t.database.db.select().from(joinRequests)).length, 0);
  });

  it('accepts a visitor’s form however long it has been open (its token is in their own cookie, not a session)', async () => {
    const visitor = t.client();
    await visitor.get(form);
    const now = t.clock.now();
    t.clock.advance(61 * 60_000);
    try {
      const sent = await visitor.post(
        form,
        request({ organisationName: 'Slow Typists Trust', contactEmail: 'slow@typists.example' }) as Record<
          string,
          string | string[]
        >,
      );
      assert.equal(sent.status, 303);
    } finally {
      t.clock.set(now);
    }
    // The record of sent mail is append-only: the receipt went to the slow typist's own address.
    await t.database.db.delete(joinRequests);
  });

  it('quietly drops a request whose hidden honeypot field was filled in', async () => {
    const { res } = await ask({ website: 'http://spam.example' });
    assert.equal(res.status, 303);
    assert.equal((await t.database.db.select().from(joinRequests)).length, 0);
    assert.equal((await t.mailTo('jo@riverside-boxing.example')).length, 0);
  });

  it('keeps a good request, emails the requester a receipt and tells the partnership', async () => {
    const { visitor, res } = await ask();
    assert.equal(res.status, 303);
    assert.equal(res.location, `${form}/sent`);
    const sent = await visitor.get(res.location!);
    assert.match(sent.body, /Request sent/);
    const [row] = await t.database.db.select().from(joinRequests);
    assert.equal(row?.status, 'pending');
    assert.equal(row?.partnershipId, t.ids.partnershipId);
    assert.equal(row?.contactEmail, 'jo@riverside-boxing.example');
    const [receipt] = await t.mailTo('jo@riverside-boxing.example');
    assert.match(receipt!.subject, /We have received your request to take part/);
    // Anyone can give anyone's address, so the receipt repeats nothing that was typed.
    const [request] = await t.database.db.select().from(joinRequests);
    for (const typed of [request!.organisationName, request!.contactName])
      assert.ok(
        !`${receipt!.subject}\n${receipt!.bodyText}`.includes(typed),
        `the receipt leaves out "${typed}"`,
      );
    const [notice] = await t.mailTo(PARTNERSHIP_INBOX);
    assert.match(notice!.subject, /New request to take part: Riverside Boxing Club/);
  });

  it('shows the admins a count on the agencies page and the waiting requests', async () => {
    const list = await admin.get(`/partnerships/${t.ids.partnershipId}/agencies`);
    assert.match(list.body, /Requests to take part \(1 waiting for a decision\)/);
    const page = await admin.get(requests);
    assert.equal(page.status, 200);
    assert.match(page.body, /Riverside Boxing Club/);
    assert.match(page.body, /Waiting for a decision/);
  });

  it('lets only this partnership’s admins see or decide a request', async () => {
    const [row] = await t.database.db.select().from(joinRequests);
    const url = `${requests}/${row!.id}`;
    const reviewer = await t.signIn(REVIEWER);
    assert.equal((await reviewer.get(requests)).status, 403);
    assert.equal((await reviewer.get(url)).status, 403);
    await reviewer.get('/');
    assert.equal((await reviewer.post(`${url}/approve`)).status, 403);
    const lead = await t.signIn(COUNCIL_LEAD);
    assert.equal((await lead.get(url)).status, 404);

    const other = await addOtherPartnership(t, { slug: 'southshire' });
    const outsider = await t.signIn(other.adminEmail);
    assert.equal((await outsider.get(url)).status, 404);
    const own = `/partnerships/${other.partnershipId}/join-requests`;
    const ownList = await outsider.get(own);
    assert.equal(ownList.status, 200);
    assert.doesNotMatch(ownList.body, /Riverside Boxing Club/);
    assert.equal((await outsider.get(`${own}/${row!.id}`)).status, 404);
    await outsider.get(own);
    assert.equal((await outsider.post(`${own}/${row!.id}/approve`)).status, 404);
    assert.equal((await outsider.post(`${own}/${row!.id}/decline`, { declineReason: 'No' })).status, 404);
    const [still] = await t.database.db.select().from(joinRequests).where(eq(joinRequests.id, row!.id));
    assert.equal(still?.status, 'pending');
  });

  it('approves: a voluntary agency with its localities, its contact invited as agency lead', async () => {
    const [row] = await t.database.db.select().from(joinRequests);
    const url = `${requests}/${row!.id}`;
    const page = await admin.get(url);
    assert.match(page.body, /We coach 200 young people every week/);
    const res = await admin.post(`${url}/approve`);
    assert.equal(res.status, 303);
    assert.equal(res.location, `${requests}?done=approved`);

    const [agency] = await t.database.db
      .select()
      .from(agencies)
      .where(eq(agencies.name, 'Riverside Boxing Club'));
    assert.equal(agency?.section11Basis, 'voluntary');
    assert.equal(agency?.sector, 'voluntary-community-faith');
    const [membership] = await t.database.db
      .select()
      .from(agencyMemberships)
      .where(
        and(
          eq(agencyMemberships.agencyId, agency!.id),
          eq(agencyMemberships.partnershipId, t.ids.partnershipId),
        ),
      );
    assert.equal(membership?.leadContactEmail, 'jo@riverside-boxing.example');
    const served = await t.database.db
      .select()
      .from(agencyLocalities)
      .where(eq(agencyLocalities.agencyId, agency!.id));
    assert.deepEqual(
      served.map((s) => s.localityId),
      [t.ids.localityIds.riverside],
    );
    const [lead] = await t.database.db
      .select()
      .from(users)
      .where(eq(users.email, 'jo@riverside-boxing.example'));
    const [role] = await t.database.db.select().from(agencyUsers).where(eq(agencyUsers.userId, lead!.id));
    assert.equal(role?.role, 'agency_lead');
    assert.equal(role?.agencyId, agency!.id);

    const [mail] = await t.mailTo('jo@riverside-boxing.example');
    assert.match(mail!.subject, /has been approved/);
    const token = /\/sign-in\/link\/([A-Za-z0-9_-]+)/.exec(mail!.bodyText)?.[1];
    assert.ok(token, 'the approval carries a sign-in link');
    const newLead = t.client();
    await newLead.get(`/sign-in/link/${token}`);
    assert.equal((await newLead.post('/sign-in/link', { token: token! })).status, 303);
    const home = await newLead.get('/');
    assert.equal(home.location, '/returns', 'signed in as an agency lead');
    assert.equal((await newLead.get('/returns')).status, 200);

    // Deciding twice does nothing more.
    await admin.get(requests);
    const again = await admin.post(`${url}/approve`);
    assert.equal(again.status, 409);
    assert.equal(
      (await t.database.db.select().from(agencies).where(eq(agencies.name, 'Riverside Boxing Club'))).length,
      1,
    );
  });

  it('declines with a reason, which the requester is emailed', async () => {
    await ask({ organisationName: 'Spam Ltd', contactEmail: 'spam@spam.example', contactName: 'Sam Spam' });
    const [row] = await t.database.db
      .select()
      .from(joinRequests)
      .where(eq(joinRequests.organisationName, 'Spam Ltd'));
    const url = `${requests}/${row!.id}`;
    assertCharacterCount((await admin.get(url)).body, 'declineReason', 2000);
    const blank = await admin.post(`${url}/decline`, { declineReason: '  ' });
    assert.equal(blank.status, 422);
    assert.match(blank.body, /Enter why you are declining the request/);
    // A decline refused (the page was out of date) keeps its reason for the request's page.
    const page = (await admin.get(url)).body;
    assert.match(page, new RegExp(`name="_returnTo" value="${url}"`));
    const stale = await admin.post(`${url}/decline`, {
      _csrf: 'stale',
      _returnTo: url,
      declineReason: 'Typed before the page went out of date',
    });
    assert.equal(stale.status, 403);
    assert.match(stale.body, /What you typed has been kept/);
    const kept = await admin.get(url);
    assert.match(
      kept.body,
      /<textarea[^>]*name="declineReason"[^>]*>Typed before the page went out of date</,
    );
    assert.doesNotMatch(
      (await admin.get(url)).body,
      /Typed before the page went out of date/,
      'given back once',
    );
    const res = await admin.post(`${url}/decline`, { declineReason: 'It does not work with children.' });
    assert.equal(res.status, 303);
    assert.equal(res.location, `${requests}?done=declined`);
    const [declined] = await t.database.db.select().from(joinRequests).where(eq(joinRequests.id, row!.id));
    assert.equal(declined?.status, 'declined');
    assert.equal(declined?.declineReason, 'It does not work with children.');
    assert.equal(
      (await t.database.db.select().from(agencies).where(eq(agencies.name, 'Spam Ltd'))).length,
      0,
    );
    const [mail] = await t.mailTo('spam@spam.example');
    assert.match(mail!.subject, /Your request to take part in/);
    assert.match(mail!.bodyText, /It does not work with children\./);
    const list = await admin.get(`/partnerships/${t.ids.partnershipId}/agencies`);
    assert.match(list.body, /Requests to take part \(none waiting\)/);
  });

  it('warns the admin when an agency of the same name already takes part', async () => {
    await ask({ organisationName: 'northshire  constabulary', contactEmail: 'x@police-fan.example' });
    const [row] = await t.database.db
      .select()
      .from(joinRequests)
      .where(eq(joinRequests.contactEmail, 'x@police-fan.example'));
    const page = await admin.get(`${requests}/${row!.id}`);
    assert.match(page.body, /An agency with this name already takes part/);
    const [other] = await t.database.db
      .select()
      .from(joinRequests)
      .where(eq(joinRequests.organisationName, 'Spam Ltd'));
    assert.doesNotMatch((await admin.get(`${requests}/${other!.id}`)).body, /An agency with this name/);
  });

  it('takes a few requests a day from one address, so the form cannot flood an inbox', async () => {
    const email = 'flood@example.org';
    const count = async () =>
      (await t.database.db.select().from(joinRequests).where(eq(joinRequests.contactEmail, email))).length;
    for (let i = 0; i < MAX_REQUESTS_A_DAY; i++)
      assert.equal((await ask({ contactEmail: email, organisationName: `Org ${i}` })).res.status, 303);
    const refused = await ask({ contactEmail: email, organisationName: 'One too many' });
    assert.equal(refused.res.status, 429);
    assert.match(refused.res.body, /already sent several requests today/);
    assert.equal(await count(), MAX_REQUESTS_A_DAY);
    assert.equal((await t.mailTo(email)).length, MAX_REQUESTS_A_DAY, 'no receipt for the refused one');
    // A day later the address may ask again.
    const now = t.clock.now();
    t.clock.advance(24 * 60 * 60 * 1000 + 1000);
    try {
      assert.equal((await ask({ contactEmail: email, organisationName: 'Next day' })).res.status, 303);
    } finally {
      t.clock.set(now);
    }
  });
});
