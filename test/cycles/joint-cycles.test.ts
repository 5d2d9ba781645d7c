/**
 * Joint audits across partnerships (DESIGN.md rule 7, the seeds' Cambridgeshire and Peterborough
 * case): an agency serving both completes one return that both partnerships receive. The lead
 * partnership runs the audit; the partner reads the returns of its own member agencies only.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import {
  agencies,
  agencyLocalities,
  agencyMemberships,
  cyclePartnerships,
  cycles,
  localities,
  returns,
} from '../../src/db/schema.ts';
import { addOtherPartnership, OTHER_ADMIN, OTHER_CONTACT } from '../helpers/other-partnership.ts';
import { giveDetailsAndSignOff } from '../helpers/return-fixtures.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const ADMIN = 'business.manager@nrscp.example';
const REVIEWER = 'scrutineer@nrscp.example';
const LEAD_CONTACT = 'section11@nrscp.example';
const POLICE_LEAD = 'public.protection@northshire-police.example';
const WESTVALE_ONLY_CONTACT = 'dsl@westvale-youth.example';

function dateFields(prefix: string, date: Date): Record<string, string> {
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' })
    .format(date)
    .split('-');
  return { [`${prefix}-day`]: day!, [`${prefix}-month`]: month!, [`${prefix}-year`]: year! };
}

describe('a joint audit across two partnerships', () => {
  let t: TestApp;
  let admin: TestClient;
  let partnerAdmin: TestClient;
  let thirdAdmin: TestClient;
  let partnerId: string;
  let thirdId: string;
  let westvaleOnlyAgencyId: string;
  let westvaleLocalityId: string;
  let postUrl: string;
  let cycleId: string;
  const returnOf = new Map<string, string>();

  const form = (extra: Record<string, string | string[]>) => {
    const now = t.clock.now();
    return {
      name: 'Joint Section 11 audit 2027',
      kind: 'biennial',
      carryForward: 'no',
      templateVersionId: t.ids.templateVersionId,
      ...dateFields('opens', new Date(now.getTime() - 86_400_000)),
      opensTime: '9am',
      ...dateFields('closes', new Date(now.getTime() + 30 * 86_400_000)),
      closesTime: '5pm',
      localities: [t.ids.localityIds.riverside],
      invite: 'all',
      ...extra,
    };
  };

  before(async () => {
    t = await startTestApp();
    const db = t.database.db;
    const now = t.clock.now();
    // Westvale shares the police and the youth justice service with the demo partnership, and has
    // an agency of its own.
    const shared = [t.ids.agencyIds.police!, t.ids.agencyIds.yjs!];
    const partner = await addOtherPartnership(t, { shareAgencies: shared });
    partnerId = partner.partnershipId;
    const [westvale] = await db
      .insert(localities)
      .values({ partnershipId: partnerId, name: 'Westvale', createdAt: now })
      .returning();
    westvaleLocalityId = westvale!.id;
    const [own] = await db
      .insert(agencies)
      .values({
        name: 'Westvale Youth Trust',
        sector: 'voluntary-community-faith',
        section11Basis: 'voluntary',
      })
      .returning();
    westvaleOnlyAgencyId = own!.id;
    await db.insert(agencyMemberships).values({
      partnershipId: partnerId,
      agencyId: westvaleOnlyAgencyId,
      leadContactEmail: WESTVALE_ONLY_CONTACT,
      createdAt: now,
    });
    for (const agencyId of [...shared, westvaleOnlyAgencyId])
      await db
        .insert(agencyLocalities)
        .values({ partnershipId: partnerId, agencyId, localityId: westvale!.id });
    // A third partnership sharing nothing with the demo one.
    thirdId = (await addOtherPartnership(t, { slug: 'eastfen' })).partnershipId;

    admin = await t.signIn(ADMIN);
    partnerAdmin = await t.signIn(OTHER_ADMIN);
    thirdAdmin = await t.signIn('manager@eastfen.example');
    postUrl = `/partnerships/${t.ids.partnershipId}/cycles`;
  });
  after(async () => t.close());

  it('offers only partnerships sharing agencies, and refuses any other', async () => {
    const page = await admin.get(`${postUrl}/new`);
    assert.equal(page.status, 200);
    assert.match(page.body, /Run jointly with other partnerships/);
    assert.ok(page.body.includes(`value="${partnerId}"`));
    assert.ok(!page.body.includes(`value="${thirdId}"`));
    const refused = await admin.post(postUrl, form({ jointPartnershipIds: [thirdId] }));
    assert.equal(refused.status, 422);
    assert.match(refused.body, /Select only partnerships that share agencies with yours/);
    assert.equal((await t.database.db.select().from(cycles)).length, 1, 'nothing saved');
  });

  it('sets up one return for each agency, once for an agency belonging to both', async () => {
    const res = await admin.post(postUrl, form({ jointPartnershipIds: [partnerId] }));
    assert.equal(res.status, 303, res.body.slice(0, 300));
    cycleId = /\/cycles\/([0-9a-f-]+)\?done=created/.exec(res.location ?? '')![1]!;
    const rows = await t.database.db.select().from(returns).where(eq(returns.cycleId, cycleId));
    for (const r of rows) returnOf.set(r.agencyId, r.id);
    assert.equal(rows.length, returnOf.size, 'one return per agency');
    assert.ok(returnOf.has(t.ids.agencyIds.police!), 'the shared police force');
    assert.ok(returnOf.has(t.ids.agencyIds['riverside-council']!), 'a lead-only agency');
    assert.ok(returnOf.has(westvaleOnlyAgencyId), "the partner's own agency");
    assert.ok(
      rows.every((r) => r.partnershipId === t.ids.partnershipId),
      'returns belong to the lead',
    );
    const partners = await t.database.db
      .select()
      .from(cyclePartnerships)
      .where(eq(cyclePartnerships.cycleId, cycleId));
    assert.deepEqual(
      partners.map((p) => p.partnershipId),
      [partnerId],
    );
    // The partner's own agency is invited through its membership's contact address.
    const [invitation] = await t.mailTo(WESTVALE_ONLY_CONTACT);
    assert.match(invitation!.subject, /Section 11 audit open: Joint Section 11 audit 2027/);
    const monitoring = await admin.get(res.location!);
    assert.match(monitoring.body, /Run jointly with Westvale Safeguarding Children Partnership/);
    assert.match(monitoring.body, /Westvale Youth Trust/);
    // The partner's localities take part, and filter the lead's table too.
    const byLocality = await admin.get(`/cycles/${cycleId}/returns.csv?locality=${westvaleLocalityId}`);
    const agenciesThere = byLocality.body
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((l) => l.split(',')[0])
      .sort();
    assert.deepEqual(agenciesThere, [
      'Northshire Constabulary',
      'Riverside Youth Justice Service',
      'Westvale Youth Trust',
    ]);
    assert.match(monitoring.body, /Change the deadline for every agency/);
  });

  it("shows the partner the audit with only its own agencies' returns", async () => {
    const home = await partnerAdmin.get('/');
    assert.match(home.body, /Joint Section 11 audit 2027/);
    assert.match(home.body, /Joint audit run by Northshire/);
    assert.ok(home.body.includes(`/returns/${returnOf.get(t.ids.agencyIds.police!)}`));
    assert.ok(!home.body.includes(`/returns/${returnOf.get(t.ids.agencyIds['riverside-council']!)}`));

    const page = await partnerAdmin.get(`/cycles/${cycleId}`);
    assert.equal(page.status, 200);
    assert.match(page.body, /Northshire Constabulary/);
    assert.match(page.body, /Riverside Youth Justice Service/);
    assert.match(page.body, /Westvale Youth Trust/);
    assert.doesNotMatch(page.body, /Riverside City Council/);
    assert.doesNotMatch(page.body, /Change the deadline for every agency/);
    const csv = await partnerAdmin.get(`/cycles/${cycleId}/returns.csv`);
    assert.equal(csv.status, 200);
    assert.match(csv.body, /Northshire Constabulary/);
    assert.doesNotMatch(csv.body, /Riverside City Council/);

    const police = returnOf.get(t.ids.agencyIds.police!)!;
    for (const path of ['', '/copy', '/copy.pdf', '/scores', '/actions'])
      assert.equal((await partnerAdmin.get(`/returns/${police}${path}`)).status, 200, path);
    const leadOnly = returnOf.get(t.ids.agencyIds['riverside-council']!)!;
    for (const path of ['', '/copy', '/scores'])
      assert.equal((await partnerAdmin.get(`/returns/${leadOnly}${path}`)).status, 404, path);
  });

  it('lets only the lead partnership change the audit', async () => {
    const police = returnOf.get(t.ids.agencyIds.police!)!;
    for (const path of ['/deadline', '/change', '/reminder-schedule', `/returns/${police}/extension`])
      assert.equal((await partnerAdmin.get(`/cycles/${cycleId}${path}`)).status, 403, path);
    const moved = await partnerAdmin.post(`/cycles/${cycleId}/deadline`, {
      ...dateFields('closes', new Date(t.clock.now().getTime() + 60 * 86_400_000)),
      closesTime: '5pm',
    });
    assert.equal(moved.status, 403);
    const reminded = await partnerAdmin.post(`/cycles/${cycleId}/reminders`, { returnIds: [police] });
    assert.equal(reminded.status, 403);
    const changed = await partnerAdmin.post(`/cycles/${cycleId}/change`, {
      name: 'Taken over',
      kind: 'annual',
    });
    assert.equal(changed.status, 403);
    const [cycle] = await t.database.db.select().from(cycles).where(eq(cycles.id, cycleId));
    assert.equal(cycle!.name, 'Joint Section 11 audit 2027');
    // The partner cannot change the return either: only the agency can.
    const details = await partnerAdmin.post(`/returns/${police}/details`, { completerName: 'X' });
    assert.equal(details.status, 403);
    // The lead's reviewer still reads the audit but cannot change it.
    const reviewer = await t.signIn(REVIEWER);
    assert.equal((await reviewer.get(`/cycles/${cycleId}`)).status, 200);
    assert.equal((await reviewer.get(`/cycles/${cycleId}/deadline`)).status, 403);
  });

  it('gives a partnership outside the audit a 404 for it and its returns', async () => {
    const police = returnOf.get(t.ids.agencyIds.police!)!;
    for (const path of [`/cycles/${cycleId}`, `/cycles/${cycleId}/returns.csv`, `/returns/${police}`])
      assert.equal((await thirdAdmin.get(path)).status, 404, path);
    const home = await thirdAdmin.get('/');
    assert.doesNotMatch(home.body, /Joint Section 11 audit 2027/);
  });

  it('sends the submitted return to both partnerships and lists it as submitted on both', async () => {
    const police = returnOf.get(t.ids.agencyIds.police!)!;
    const lead = await t.signIn(POLICE_LEAD);
    const task = await lead.get(`/returns/${police}`);
    assert.match(
      task.body,
      /This is a joint audit: you complete one return, and Northshire and Riverside Safeguarding Children Partnership and Westvale Safeguarding Children Partnership each receive it\./,
    );
    await lead.get(`/returns/${police}/details`);
    await giveDetailsAndSignOff(lead, police, POLICE_LEAD);
    const submitted = await lead.post(`/returns/${police}/submit`);
    assert.equal(submitted.status, 303, submitted.body.slice(0, 300));
    const [row] = await t.database.db.select().from(returns).where(eq(returns.id, police));
    assert.equal(row!.status, 'submitted');

    for (const to of [LEAD_CONTACT, OTHER_CONTACT]) {
      const [mail] = await t.mailTo(to);
      assert.match(mail!.subject, /Section 11 return received: Northshire Constabulary/, to);
      assert.ok(mail!.bodyText.includes(row!.reference!), to);
    }
    for (const client of [admin, partnerAdmin]) {
      const csv = await client.get(`/cycles/${cycleId}/returns.csv?status=submitted`);
      const lines = csv.body.trim().split(/\r?\n/).slice(1);
      assert.equal(lines.length, 1, csv.body);
      assert.match(lines[0]!, /^Northshire Constabulary,/);
      assert.ok(lines[0]!.includes(row!.reference!));
      const page = await client.get(`/cycles/${cycleId}?status=submitted`);
      assert.match(page.body, /Northshire Constabulary/);
      assert.doesNotMatch(page.body, /Riverside Youth Justice Service/);
    }
  });
});
