import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import {
  agencies,
  agencyLocalities,
  agencyMemberships,
  partnershipRoles,
  partnerships,
  users,
} from '../../src/db/schema.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const ADMIN = 'business.manager@nrscp.example';
const REVIEWER = 'scrutineer@nrscp.example';
const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';

describe('a partnership admin manages agencies', () => {
  let t: TestApp;
  let admin: TestClient;
  let base: string;

  before(async () => {
    t = await startTestApp();
    admin = await t.signIn(ADMIN);
    base = `/partnerships/${t.ids.partnershipId}/agencies`;
  });
  after(async () => t.close());

  it('lists the partnership’s agencies with sector, localities and lead contact', async () => {
    const page = await admin.get(base);
    assert.equal(page.status, 200);
    assert.match(page.body, /9 agencies take part/);
    assert.match(page.body, /Northshire Constabulary/);
    assert.match(page.body, /Northshire, Riverside/);
    assert.match(page.body, /Add an agency/);
  });

  it('adds an agency, refusing incomplete or forged input without losing it', async () => {
    await admin.get(`${base}/new`);
    const bad = await admin.post(base, {
      name: 'Riverside Dental Group',
      sector: 'not-a-sector',
      basis: '',
      localities: ['00000000-0000-4000-8000-000000000000'],
      leadContactEmail: 'not an email',
    });
    assert.equal(bad.status, 422);
    assert.match(bad.body, /Select the agency’s sector/);
    assert.match(bad.body, /Select whether Section 11 applies to the agency by law/);
    assert.match(bad.body, /Select localities from the list/);
    assert.match(bad.body, /Enter an email address in the correct format/);
    assert.match(bad.body, /value="Riverside Dental Group"/);

    const ok = await admin.post(base, {
      name: 'Riverside Dental Group',
      sector: 'other-health',
      basis: 'voluntary',
      localities: [t.ids.localityIds.riverside],
      leadContactEmail: 'Safeguarding@Riverside-Dental.example',
    });
    assert.equal(ok.status, 303);
    assert.equal(ok.location, `${base}?done=added`);
    const [row] = await t.database.db
      .select()
      .from(agencies)
      .where(eq(agencies.name, 'Riverside Dental Group'));
    assert.equal(row?.sector, 'other-health');
    assert.equal(row?.section11Basis, 'voluntary');
    const [membership] = await t.database.db
      .select()
      .from(agencyMemberships)
      .where(eq(agencyMemberships.agencyId, row!.id));
    assert.equal(membership?.partnershipId, t.ids.partnershipId);
    assert.equal(membership?.leadContactEmail, 'safeguarding@riverside-dental.example');
    const page = await admin.get(`${base}?done=added`);
    assert.match(page.body, /Agency added/);
    assert.match(page.body, /10 agencies take part/);
  });

  it('changes an agency’s localities and archives and restores it', async () => {
    const [row] = await t.database.db
      .select()
      .from(agencies)
      .where(eq(agencies.name, 'Riverside Dental Group'));
    const url = `${base}/${row!.id}`;
    const form = await admin.get(url);
    assert.equal(form.status, 200);
    assert.match(form.body, /Change Riverside Dental Group/);
    const saved = await admin.post(url, {
      name: 'Riverside Dental Group Ltd',
      sector: 'other-health',
      basis: 'voluntary',
      localities: [t.ids.localityIds.riverside, t.ids.localityIds.northshire],
      leadContactEmail: '',
    });
    assert.equal(saved.status, 303);
    const served = await t.database.db
      .select()
      .from(agencyLocalities)
      .where(eq(agencyLocalities.agencyId, row!.id));
    assert.equal(served.length, 2);
    await admin.get(url);
    assert.equal((await admin.post(`${url}/archive`)).status, 303);
    const list = await admin.get(`${base}?done=archived`);
    assert.match(list.body, /Agency archived/);
    assert.match(list.body, /Archived<\/caption>/);
    await admin.get(url);
    assert.equal((await admin.post(`${url}/restore`)).status, 303);
    const [membership] = await t.database.db
      .select()
      .from(agencyMemberships)
      .where(eq(agencyMemberships.agencyId, row!.id));
    assert.equal(membership?.archivedAt, null);
  });

  it('keeps a shared agency’s name for the other partnership', async () => {
    const [other] = await t.database.db
      .insert(partnerships)
      .values({ name: 'Southshire Partnership', shortName: 'SSCP', contactEmail: 'sscp@southshire.example' })
      .returning();
    const policeId = t.ids.agencyIds.police!;
    await t.database.db.insert(agencyMemberships).values({ partnershipId: other!.id, agencyId: policeId });
    const url = `${base}/${policeId}`;
    const form = await admin.get(url);
    assert.match(form.body, /also belongs to another partnership/);
    const saved = await admin.post(url, {
      name: 'Renamed Constabulary',
      sector: 'police',
      basis: 'statutory',
      localities: [t.ids.localityIds.northshire],
      leadContactEmail: '',
    });
    assert.equal(saved.status, 303);
    const [police] = await t.database.db.select().from(agencies).where(eq(agencies.id, policeId));
    assert.equal(police?.name, 'Northshire Constabulary');

    // And the other partnership's admin cannot reach this partnership's agencies.
    const [user] = await t.database.db
      .insert(users)
      .values({ email: 'admin@southshire.example', name: 'South Admin' })
      .returning();
    await t.database.db
      .insert(partnershipRoles)
      .values({ partnershipId: other!.id, userId: user!.id, role: 'partnership_admin' });
    const outsider = await t.signIn('admin@southshire.example');
    assert.equal((await outsider.get(base)).status, 404);
    assert.equal((await outsider.get(url)).status, 404);
    const own = await outsider.get(`/partnerships/${other!.id}/agencies`);
    assert.equal(own.status, 200);
    assert.match(own.body, /Northshire Constabulary/);
    assert.doesNotMatch(own.body, /Riverside Dental Group/);
    assert.match(own.body, /1 agency takes part in this partnership’s audits\./);
  });

  it('lets a reviewer read the list but change nothing, and an agency nothing at all', async () => {
    const reviewer = await t.signIn(REVIEWER);
    const list = await reviewer.get(base);
    assert.equal(list.status, 200);
    assert.doesNotMatch(list.body, /Add an agency/);
    assert.equal((await reviewer.get(`${base}/new`)).status, 403);
    const lead = await t.signIn(COUNCIL_LEAD);
    assert.equal((await lead.get(base)).status, 404);
  });
});
