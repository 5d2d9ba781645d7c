/**
 * One agency, several partnerships (issue 15): organisation codes on the agency, finding an agency
 * of a neighbouring partnership by name or code, asking to share it, and the answer. On acceptance
 * the agency is one record with one set of people in both partnerships, each with its own
 * localities and lead contact; and "run jointly with" is offered when setting up an audit.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import {
  agencies,
  agencyLocalities,
  agencyMemberships,
  agencyShareRequests,
  agencyUsers,
  localities,
} from '../../src/db/schema.ts';
import { assertCharacterCount, assertOptionalLabel } from '../helpers/character-count.ts';
import { addOtherPartnership, OTHER_ADMIN } from '../helpers/other-partnership.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const ADMIN = 'business.manager@nrscp.example';
const REVIEWER = 'scrutineer@nrscp.example';
const POLICE_LEAD = 'public.protection@northshire-police.example';
const NORTHSHIRE_CONTACT = 'police.contact@nrscp-contacts.example';
const WESTVALE_CONTACT = 'police.liaison@westvale-scp.example';

describe('sharing an agency with a neighbouring partnership', () => {
  let t: TestApp;
  let admin: TestClient;
  let westvaleAdmin: TestClient;
  let eastfenAdmin: TestClient;
  let westvaleId: string;
  let westvaleLocalityId: string;
  let eastfenId: string;
  let policeId: string;
  let requestId: string;
  let northshire: string;

  before(async () => {
    t = await startTestApp();
    const now = t.clock.now();
    westvaleId = (await addOtherPartnership(t)).partnershipId;
    const [westvale] = await t.database.db
      .insert(localities)
      .values({ partnershipId: westvaleId, name: 'Westvale', createdAt: now })
      .returning();
    westvaleLocalityId = westvale!.id;
    eastfenId = (await addOtherPartnership(t, { slug: 'eastfen' })).partnershipId;
    policeId = t.ids.agencyIds.police!;
    northshire = t.ids.partnershipId;
    admin = await t.signIn(ADMIN);
    westvaleAdmin = await t.signIn(OTHER_ADMIN);
    eastfenAdmin = await t.signIn('manager@eastfen.example');
  });
  after(async () => t.close());

  it('gives an agency organisation codes, checked by their format and kept in their normal form', async () => {
    const url = `/partnerships/${northshire}/agencies/${policeId}`;
    const page = await admin.get(url);
    assert.match(page.body, /Organisation codes \(optional\)/);
    const fields = {
      name: 'Northshire Constabulary',
      sector: 'police',
      basis: 'statutory',
      localities: [t.ids.localityIds.northshire, t.ids.localityIds.riverside],
      leadContactEmail: NORTHSHIRE_CONTACT,
    };
    const bad = await admin.post(url, {
      ...fields,
      odsCode: 'R',
      urn: '12',
      companyNumber: 'X',
      charityNumber: '1',
    });
    assert.equal(bad.status, 422);
    assert.match(bad.body, /href="#odsCode"[^>]*>Enter an ODS code of 3 to 6 letters and numbers/);
    assert.match(bad.body, /href="#urn"[^>]*>Enter a URN of 6 digits/);
    assert.match(bad.body, /Enter a Companies House number of 8 characters/);
    assert.match(bad.body, /Enter a charity number like 1089464/);
    assert.match(bad.body, /name="urn" type="text" spellcheck="false" value="12"/);
    const [unchanged] = await t.database.db.select().from(agencies).where(eq(agencies.id, policeId));
    assert.equal(unchanged!.odsCode, null, 'nothing saved');

    const ok = await admin.post(url, {
      ...fields,
      odsCode: ' q2b ',
      urn: '',
      companyNumber: '',
      charityNumber: '',
    });
    assert.equal(ok.status, 303);
    const [saved] = await t.database.db.select().from(agencies).where(eq(agencies.id, policeId));
    assert.equal(saved!.odsCode, 'Q2B');
    assert.equal(saved!.urn, null);
    assert.match((await admin.get(url)).body, /name="odsCode" type="text" spellcheck="false" value="Q2B"/);
  });

  it('finds another partnership’s agency by name or code, showing only what identifies it', async () => {
    const find = `/partnerships/${westvaleId}/agencies/find`;
    const addPage = await westvaleAdmin.get(`/partnerships/${westvaleId}/agencies/new`);
    assert.ok(addPage.body.includes(`href="${find}"`), 'offered when adding an agency');

    const short = await westvaleAdmin.get(`${find}?q=ab`);
    assert.equal(short.status, 422);
    assert.match(short.body, /Enter at least 3 characters of the agency’s name, or one of its codes/);

    for (const q of ['constab', 'NORTHSHIRE  constabulary', 'q2b']) {
      const found = await westvaleAdmin.get(`${find}?q=${encodeURIComponent(q)}`);
      assert.equal(found.status, 200, q);
      assert.match(
        found.body,
        /<th scope="row" class="govuk-table__header">Northshire Constabulary<\/th>/,
        q,
      );
      assert.match(found.body, /ODS code Q2B/, q);
      assert.match(found.body, /Northshire and Riverside Safeguarding Children Partnership/, q);
      assert.match(found.body, new RegExp(`agency=${policeId}&(amp;)?asked=${northshire}"`), q);
      // Never its people, its returns or the other partnership's contact for it.
      assert.doesNotMatch(found.body, /public\.protection|Sarah Collins|nrscp-contacts|\/returns\//, q);
    }
    // A wildcard typed is a character like any other.
    const wildcard = await westvaleAdmin.get(`${find}?q=${encodeURIComponent('%%%')}`);
    assert.doesNotMatch(wildcard.body, /Northshire Constabulary/);
    // A partnership's own agencies are never offered to itself.
    const own = await admin.get(`/partnerships/${northshire}/agencies/find?q=constab`);
    assert.doesNotMatch(own.body, /Northshire Constabulary/);
  });

  it('asks to share the agency, and emails the other partnership’s admins', async () => {
    const form = `/partnerships/${westvaleId}/agency-shares/new?agency=${policeId}&asked=${northshire}`;
    const page = await westvaleAdmin.get(form);
    assert.equal(page.status, 200);
    assert.match(page.body, /Ask to share Northshire Constabulary/);
    assert.doesNotMatch(page.body, /public\.protection|nrscp-contacts/);
    const post = `/partnerships/${westvaleId}/agency-shares`;
    const bad = await westvaleAdmin.post(post, {
      agencyId: policeId,
      askedPartnershipId: northshire,
      leadContactEmail: 'not an email',
    });
    assert.equal(bad.status, 422);
    assert.match(bad.body, /Select at least one of your localities the agency serves/);
    assert.match(bad.body, /value="not an email"/);
    // Localities of another partnership are refused.
    const forged = await westvaleAdmin.post(post, {
      agencyId: policeId,
      askedPartnershipId: northshire,
      localities: [t.ids.localityIds.northshire],
    });
    assert.equal(forged.status, 422);
    assert.match(forged.body, /Select localities from the list/);

    const sent = await westvaleAdmin.post(post, {
      agencyId: policeId,
      askedPartnershipId: northshire,
      localities: [westvaleLocalityId],
      leadContactEmail: WESTVALE_CONTACT.toUpperCase(),
    });
    assert.equal(sent.status, 303, sent.body.slice(0, 300));
    requestId = /agency-shares\/([0-9a-f-]+)\?done=requested/.exec(sent.location!)![1]!;
    const [mail] = await t.mailTo(ADMIN);
    assert.equal(mail!.subject, 'Request to share an agency: Northshire Constabulary');
    assert.ok(mail!.bodyText.includes(`/partnerships/${northshire}/agency-shares/${requestId}`));
    assert.doesNotMatch(mail!.bodyText, /police\.liaison/, 'the asker’s contact is not sent');

    const again = await westvaleAdmin.post(post, {
      agencyId: policeId,
      askedPartnershipId: northshire,
      localities: [westvaleLocalityId],
    });
    assert.equal(again.status, 422);
    assert.match(again.body, /already asked to share this agency/);
    const search = await westvaleAdmin.get(`/partnerships/${westvaleId}/agencies/find?q=constab`);
    assert.match(search.body, /Asked, waiting for an answer/);
  });

  it('shows the request only to the two partnerships’ admins, and only the one asked may answer', async () => {
    const asked = `/partnerships/${northshire}/agency-shares/${requestId}`;
    const asker = `/partnerships/${westvaleId}/agency-shares/${requestId}`;
    // A partnership neither asking nor asked: 404, through its own address or the others'.
    assert.equal(
      (await eastfenAdmin.get(`/partnerships/${eastfenId}/agency-shares/${requestId}`)).status,
      404,
    );
    assert.equal((await eastfenAdmin.get(asked)).status, 404);
    await eastfenAdmin.get(`/partnerships/${eastfenId}/agency-shares`);
    assert.equal(
      (await eastfenAdmin.post(`/partnerships/${eastfenId}/agency-shares/${requestId}/accept`)).status,
      404,
    );
    // A reviewer of the partnership asked cannot answer it.
    const reviewer = await t.signIn(REVIEWER);
    assert.equal((await reviewer.get(asked)).status, 403);
    await reviewer.get(`/partnerships/${northshire}/agencies`);
    assert.equal((await reviewer.post(`${asked}/accept`)).status, 403);
    // The partnership that asked cannot answer its own request.
    await westvaleAdmin.get(asker);
    assert.equal((await westvaleAdmin.post(`${asker}/accept`)).status, 404);
    const [row] = await t.database.db
      .select()
      .from(agencyShareRequests)
      .where(eq(agencyShareRequests.id, requestId));
    assert.equal(row!.status, 'pending');

    const list = await admin.get(`/partnerships/${northshire}/agencies`);
    assert.match(list.body, /Agencies shared with other partnerships \(1 waiting for your answer\)/);
    const page = await admin.get(asked);
    assert.equal(page.status, 200);
    assert.match(page.body, /Westvale Safeguarding Children Partnership/);
    // The asker's localities, which the partnership asked reads only through the request.
    assert.match(page.body, /localities it would serve\s*<\/dt>\s*<dd[^>]*>\s*Westvale\s*</);
    assert.match(page.body, /Accept request/);
  });

  it('on acceptance, makes one agency with one set of people in both partnerships, each with its own localities and contact', async () => {
    const agenciesBefore = (await t.database.db.select().from(agencies)).length;
    const accepted = await admin.post(`/partnerships/${northshire}/agency-shares/${requestId}/accept`);
    assert.equal(accepted.status, 303);
    assert.equal(accepted.location, `/partnerships/${northshire}/agency-shares/${requestId}?done=accepted`);
    assert.equal((await t.database.db.select().from(agencies)).length, agenciesBefore, 'no new agency');
    const [mail] = await t.mailTo(OTHER_ADMIN);
    assert.equal(mail!.subject, 'Northshire Constabulary is now shared with your partnership');

    const memberships = await t.database.db
      .select()
      .from(agencyMemberships)
      .where(eq(agencyMemberships.agencyId, policeId));
    assert.deepEqual(
      memberships.map((m) => [m.partnershipId, m.leadContactEmail]).sort(),
      [
        [northshire, NORTHSHIRE_CONTACT],
        [westvaleId, WESTVALE_CONTACT],
      ].sort(),
    );
    const served = await t.database.db
      .select()
      .from(agencyLocalities)
      .where(and(eq(agencyLocalities.agencyId, policeId), eq(agencyLocalities.partnershipId, westvaleId)));
    assert.deepEqual(
      served.map((s) => s.localityId),
      [westvaleLocalityId],
    );

    const list = await westvaleAdmin.get(`/partnerships/${westvaleId}/agencies`);
    assert.match(list.body, /Northshire Constabulary/);
    assert.match(list.body, new RegExp(WESTVALE_CONTACT.replace(/\./g, '\\.')));
    assert.doesNotMatch(list.body, /nrscp-contacts/);
    // Its people are the same: the police lead sees both partnerships to write to.
    const people = await t.database.db.select().from(agencyUsers).where(eq(agencyUsers.agencyId, policeId));
    assert.ok(people.length > 0);
    const lead = await t.signIn(POLICE_LEAD);
    const enquiry = await lead.get('/enquiries/new');
    assert.match(enquiry.body, /Westvale Safeguarding Children Partnership/);

    // Answered: no second answer.
    assert.equal(
      (await admin.post(`/partnerships/${northshire}/agency-shares/${requestId}/decline`)).status,
      409,
    );
    // Shared: its name is kept for both, its codes any of them may correct.
    const change = await westvaleAdmin.get(`/partnerships/${westvaleId}/agencies/${policeId}`);
    assert.match(change.body, /also belongs to another partnership/);
  });

  it('offers to run an audit jointly with the partnership sharing the agency', async () => {
    const page = await westvaleAdmin.get(`/partnerships/${westvaleId}/cycles/new`);
    assert.match(page.body, /Run jointly with other partnerships/);
    assert.ok(page.body.includes(`value="${northshire}"`));
    assert.ok(!page.body.includes(`value="${eastfenId}"`));
  });

  it('declines a request with its reason, and lets the asker withdraw one', async () => {
    const yjs = t.ids.agencyIds.yjs!;
    const post = `/partnerships/${westvaleId}/agency-shares`;
    await westvaleAdmin.get(`${post}/new?agency=${yjs}&asked=${northshire}`);
    const sent = await westvaleAdmin.post(post, {
      agencyId: yjs,
      askedPartnershipId: northshire,
      localities: [westvaleLocalityId],
    });
    const id = /agency-shares\/([0-9a-f-]+)\?/.exec(sent.location!)![1]!;
    const asked = `/partnerships/${northshire}/agency-shares/${id}`;
    const askedPage = await admin.get(asked);
    assertCharacterCount(askedPage.body, 'declineReason', 1000);
    assertOptionalLabel(askedPage.body, 'declineReason');
    const tooLong = await admin.post(`${asked}/decline`, { declineReason: 'x'.repeat(1001) });
    assert.equal(tooLong.status, 422);
    assert.match(tooLong.body, /The reason must be 1,000 characters or fewer/);
    const declined = await admin.post(`${asked}/decline`, {
      declineReason: 'It works in Northshire only.',
    });
    assert.equal(declined.status, 303);
    const [mail] = await t.mailTo(OTHER_ADMIN);
    assert.equal(mail!.subject, 'Your request to share Riverside Youth Justice Service was declined');
    assert.match(mail!.bodyText, /It works in Northshire only\./);
    const seen = await westvaleAdmin.get(`/partnerships/${westvaleId}/agency-shares/${id}`);
    assert.match(seen.body, /Declined/);
    assert.match(seen.body, /It works in Northshire only\./);
    const members = await t.database.db
      .select()
      .from(agencyMemberships)
      .where(and(eq(agencyMemberships.agencyId, yjs), eq(agencyMemberships.partnershipId, westvaleId)));
    assert.equal(members.length, 0);

    // Asked again, then withdrawn by the asker: the partnership asked can no longer answer it.
    await westvaleAdmin.get(`${post}/new?agency=${yjs}&asked=${northshire}`);
    const again = await westvaleAdmin.post(post, {
      agencyId: yjs,
      askedPartnershipId: northshire,
      localities: [westvaleLocalityId],
    });
    const second = /agency-shares\/([0-9a-f-]+)\?/.exec(again.location!)![1]!;
    const withdrawn = await westvaleAdmin.post(
      `/partnerships/${westvaleId}/agency-shares/${second}/withdraw`,
    );
    assert.equal(withdrawn.status, 303);
    await admin.get(`/partnerships/${northshire}/agency-shares`);
    assert.equal(
      (await admin.post(`/partnerships/${northshire}/agency-shares/${second}/accept`)).status,
      409,
    );
  });
});
