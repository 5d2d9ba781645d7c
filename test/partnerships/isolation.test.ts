/**
 * One deployment, two partnerships: each one's admins, reviewers and agencies see and change only
 * their own partnership's settings, localities, branding, agencies, people, audits and returns.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import {
  agencyMemberships,
  agencyUsers,
  localities,
  partnershipRoles,
  partnerships,
  returns,
  templateVersions,
  users,
} from '../../src/db/schema.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';
import {
  ADMIN,
  COUNCIL_LEAD,
  createSecondPartnership,
  PLATFORM_ADMIN,
  PNG,
  postFile,
  REVIEWER,
} from './helpers.ts';

function dateFields(prefix: string, date: Date): Record<string, string> {
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' })
    .format(date)
    .split('-');
  return { [`${prefix}-day`]: day!, [`${prefix}-month`]: month!, [`${prefix}-year`]: year! };
}

const WEST_LEAD = 'lead@westshire-police.example';

describe('two partnerships in one deployment', () => {
  let t: TestApp;
  /** The demo partnership (A) and the one created here (B). */
  let a: string;
  let b: string;
  let adminA: TestClient;
  let adminB: TestClient;
  let westLocalityId: string;
  let westAgencyId: string;
  let westCycleId: string;
  let westReturnId: string;

  before(async () => {
    t = await startTestApp();
    a = t.ids.partnershipId;
    adminA = await t.signIn(ADMIN);
    const platform = await t.signIn(PLATFORM_ADMIN);
    const created = await createSecondPartnership(t, platform);
    b = created.partnershipId;
    adminB = created.admin;
    const [west] = await t.database.db
      .select()
      .from(localities)
      .where(and(eq(localities.partnershipId, b), eq(localities.name, 'Westshire')));
    westLocalityId = west!.id;
    await adminB.get(`/partnerships/${b}/agencies/new`);
    const agency = await adminB.post(`/partnerships/${b}/agencies`, {
      name: 'Westshire Police',
      sector: 'police',
      basis: 'statutory',
      localities: westLocalityId,
    });
    assert.equal(agency.status, 303);
    const [membership] = await t.database.db
      .select()
      .from(agencyMemberships)
      .where(eq(agencyMemberships.partnershipId, b));
    westAgencyId = membership!.agencyId;
    const [version] = await t.database.db
      .select()
      .from(templateVersions)
      .where(eq(templateVersions.partnershipId, b));
    const now = t.clock.now();
    await adminB.get(`/partnerships/${b}/cycles/new`);
    const cycle = await adminB.post(`/partnerships/${b}/cycles`, {
      name: 'Westshire audit',
      templateVersionId: version!.id,
      ...dateFields('opens', new Date(now.getTime() - 86_400_000)),
      opensTime: '9am',
      ...dateFields('closes', new Date(now.getTime() + 30 * 86_400_000)),
      closesTime: '5pm',
      localities: westLocalityId,
      invite: 'all',
      kind: 'annual',
      carryForward: 'no',
    });
    assert.equal(cycle.status, 303, cycle.body.slice(0, 500));
    westCycleId = /\/cycles\/([0-9a-f-]+)/.exec(cycle.location!)![1]!;
    const [ret] = await t.database.db.select().from(returns).where(eq(returns.cycleId, westCycleId));
    westReturnId = ret!.id;
    const [lead] = await t.database.db
      .insert(users)
      .values({ email: WEST_LEAD, name: 'Westshire Lead' })
      .returning();
    await t.database.db
      .insert(agencyUsers)
      .values({ agencyId: westAgencyId, userId: lead!.id, role: 'agency_lead' });
  });
  after(async () => t.close());

  it('gives the other partnership’s admin a 404 for every page of this one', async () => {
    const locality = t.ids.localityIds.riverside;
    const agency = t.ids.agencyIds.council;
    const cycle = t.ids.cycleId;
    const ret = t.ids.returnIds.council;
    const paths = [
      `/partnerships/${a}/settings`,
      `/partnerships/${a}/settings/details`,
      `/partnerships/${a}/settings/localities/new`,
      `/partnerships/${a}/settings/localities/${locality}`,
      `/partnerships/${a}/settings/branding`,
      `/partnerships/${a}/agencies`,
      `/partnerships/${a}/agencies/new`,
      `/partnerships/${a}/agencies/${agency}`,
      `/partnerships/${a}/people`,
      `/partnerships/${a}/people/new`,
      `/partnerships/${a}/people/${t.ids.userIds.admin}`,
      `/partnerships/${a}/cycles/new`,
      `/cycles/${cycle}`,
      `/cycles/${cycle}/returns.csv`,
      `/cycles/${cycle}/returns.xlsx`,
      `/cycles/${cycle}/deadline`,
      `/cycles/${cycle}/returns/${ret}/extension`,
      `/returns/${ret}`,
      `/returns/${ret}/copy`,
      `/returns/${ret}/history`,
      `/branding/${a}.css`,
      // Its own partnership's address with the other's records in it.
      `/partnerships/${b}/settings/localities/${locality}`,
      `/partnerships/${b}/agencies/${agency}`,
      `/partnerships/${b}/people/${t.ids.userIds.admin}`,
      `/cycles/${westCycleId}/returns/${ret}/extension`,
    ];
    for (const path of paths) assert.equal((await adminB.download(path)).status, 404, `GET ${path}`);
  });

  it('refuses every change the other partnership’s admin tries, and changes nothing', async () => {
    await adminB.get(`/partnerships/${b}/settings`);
    const locality = t.ids.localityIds.riverside;
    const agency = t.ids.agencyIds.council;
    const posts: Array<[string, Record<string, string | string[]>]> = [
      [
        `/partnerships/${a}/settings/details`,
        { name: 'Taken', shortName: 'taken', contactEmail: 'x@x.example' },
      ],
      [`/partnerships/${a}/settings/localities`, { name: 'Intruder' }],
      [`/partnerships/${a}/settings/localities/${locality}`, { name: 'Renamed' }],
      [`/partnerships/${a}/settings/localities/${locality}/retire`, {}],
      [`/partnerships/${b}/settings/localities/${locality}`, { name: 'Renamed' }],
      [`/partnerships/${b}/settings/localities/${locality}/retire`, {}],
      [`/partnerships/${a}/settings/branding/colour`, { headerColour: '#000000' }],
      [`/partnerships/${a}/settings/branding/logo/remove`, {}],
      [
        `/partnerships/${a}/agencies`,
        { name: 'X', sector: 'police', basis: 'statutory', localities: locality },
      ],
      [
        `/partnerships/${a}/agencies/${agency}`,
        { name: 'X', sector: 'police', basis: 'statutory', localities: locality },
      ],
      [`/partnerships/${a}/agencies/${agency}/archive`, {}],
      [`/partnerships/${b}/agencies/${agency}/archive`, {}],
      [
        `/partnerships/${a}/people`,
        { name: 'Mole', email: 'mole@westshire.example', role: 'partnership_admin' },
      ],
      [`/partnerships/${a}/people/${t.ids.userIds.admin}`, { role: 'reviewer' }],
      [`/partnerships/${a}/people/${t.ids.userIds.admin}/remove`, {}],
      [`/partnerships/${b}/people/${t.ids.userIds.admin}/remove`, {}],
      [`/partnerships/${a}/cycles`, { name: 'Intrusion' }],
      [`/cycles/${t.ids.cycleId}/reminders`, { returnIds: t.ids.returnIds.council! }],
      [`/cycles/${t.ids.cycleId}/deadline`, { reason: 'x' }],
      [`/cycles/${t.ids.cycleId}/returns/${t.ids.returnIds.council}/extension`, { reason: 'x' }],
    ];
    for (const [path, fields] of posts)
      assert.equal((await adminB.post(path, fields)).status, 404, `POST ${path}`);
    const upload = await postFile(t, adminB, `/partnerships/${a}/settings/branding/logo`, {
      field: 'logo',
      filename: 'logo.png',
      contentType: 'image/png',
      bytes: PNG,
    });
    assert.equal(upload.status, 404);

    const [partnership] = await t.database.db.select().from(partnerships).where(eq(partnerships.id, a));
    assert.equal(partnership!.shortName, 'nrscp');
    assert.equal(partnership!.headerColour, null);
    const names = (await t.database.db.select().from(localities).where(eq(localities.partnershipId, a))).map(
      (l) => [l.name, l.retiredAt],
    );
    assert.deepEqual(names.sort(), [
      ['Northshire', null],
      ['Riverside', null],
    ]);
    const [membership] = await t.database.db
      .select()
      .from(agencyMemberships)
      .where(and(eq(agencyMemberships.partnershipId, a), eq(agencyMemberships.agencyId, agency!)));
    assert.equal(membership!.archivedAt, null);
    const roles = await t.database.db
      .select()
      .from(partnershipRoles)
      .where(eq(partnershipRoles.partnershipId, a));
    assert.equal(roles.length, 2, 'nobody added or removed');
    assert.equal((await t.mailTo(COUNCIL_LEAD)).length, 0, 'no reminder sent');
  });

  it('shows each admin only their own partnership’s agencies, people, localities and audits', async () => {
    const agenciesB = await adminB.get(`/partnerships/${b}/agencies`);
    assert.match(agenciesB.body, /Westshire Police/);
    assert.doesNotMatch(agenciesB.body, /Northshire Constabulary/);
    const peopleB = await adminB.get(`/partnerships/${b}/people`);
    assert.match(peopleB.body, /sam\.lee@westshire\.example/);
    assert.doesNotMatch(peopleB.body, /nrscp\.example/);
    const settingsB = await adminB.get(`/partnerships/${b}/settings`);
    assert.match(settingsB.body, /West Vale/);
    assert.doesNotMatch(settingsB.body, /Riverside/);
    const homeB = await adminB.get('/');
    assert.match(homeB.body, /Westshire audit/);
    assert.doesNotMatch(homeB.body, /Section 11 audit 2026/);

    const agenciesA = await adminA.get(`/partnerships/${a}/agencies`);
    assert.doesNotMatch(agenciesA.body, /Westshire Police/);
    const homeA = await adminA.get('/');
    assert.doesNotMatch(homeA.body, /Westshire audit/);
    for (const path of [
      `/partnerships/${b}/settings`,
      `/partnerships/${b}/agencies`,
      `/partnerships/${b}/people`,
      `/cycles/${westCycleId}`,
      `/returns/${westReturnId}`,
    ])
      assert.equal((await adminA.download(path)).status, 404, path);
    const reviewerA = await t.signIn(REVIEWER);
    assert.equal((await reviewerA.get(`/cycles/${westCycleId}`)).status, 404);
    assert.equal((await reviewerA.get(`/returns/${westReturnId}`)).status, 404);
  });

  it('keeps each partnership’s branding to its own people and agencies', async () => {
    await adminB.get(`/partnerships/${b}/settings/branding`);
    assert.equal(
      (await adminB.post(`/partnerships/${b}/settings/branding/colour`, { headerColour: '#00703c' })).status,
      303,
    );
    const css = `/branding/${b}.css?v=00703c`;
    assert.ok((await adminB.get('/')).body.includes(css));
    const westLead = await t.signIn(WEST_LEAD);
    assert.ok(
      (await westLead.get(`/returns/${westReturnId}`)).body.includes(css),
      'B’s agency sees B’s colour',
    );
    assert.equal((await westLead.download(css)).status, 200);
    assert.ok(!(await adminA.get('/')).body.includes(css));
    assert.equal((await adminA.download(css)).status, 404);
    const councilLead = await t.signIn(COUNCIL_LEAD);
    assert.ok(!(await councilLead.get(`/returns/${t.ids.returnIds.council}`)).body.includes(css));
    assert.equal((await councilLead.download(css)).status, 404);
  });

  it('lets an agency lead reach only their own agency’s returns, in either partnership', async () => {
    const westLead = await t.signIn(WEST_LEAD);
    const list = await westLead.get('/returns');
    assert.match(list.body, /Westshire audit/);
    assert.doesNotMatch(list.body, /Section 11 audit 2026/);
    for (const path of ['', '/details', '/check', '/copy', '/scores', '/history', '/actions'])
      assert.equal((await westLead.get(`/returns/${t.ids.returnIds.council}${path}`)).status, 404, path);
    await westLead.get(`/returns/${westReturnId}/details`);
    const post = await westLead.post(`/returns/${t.ids.returnIds.council}/details`, {
      completerName: 'Intruder',
      completerRole: 'x',
      completerEmail: 'x@x.example',
    });
    assert.equal(post.status, 404);
    assert.equal((await westLead.get(`/agencies/${t.ids.agencyIds.council}/colleagues`)).status, 404);

    const councilLead = await t.signIn(COUNCIL_LEAD);
    for (const path of ['', '/details', '/copy', '/history'])
      assert.equal((await councilLead.get(`/returns/${westReturnId}${path}`)).status, 404, path);
    assert.equal((await councilLead.get(`/agencies/${westAgencyId}/colleagues`)).status, 404);
    const [council] = await t.database.db
      .select()
      .from(returns)
      .where(eq(returns.id, t.ids.returnIds.council!));
    assert.equal(council!.completerName, null);
  });
});
