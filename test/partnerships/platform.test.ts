import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { localities, partnershipRoles, partnerships, templateVersions } from '../../src/db/schema.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';
import { ADMIN, COUNCIL_LEAD, createSecondPartnership, PLATFORM_ADMIN, WEST } from './helpers.ts';

describe('the platform admin creates partnerships', () => {
  let t: TestApp;
  let platform: TestClient;

  before(async () => {
    t = await startTestApp();
    platform = await t.signIn(PLATFORM_ADMIN);
  });
  after(async () => t.close());

  it('is listed among the demo accounts at sign-in', async () => {
    const page = await t.client().get('/sign-in');
    assert.match(page.body, /service\.desk@section11-hosting\.example/);
    assert.match(page.body, /Platform admin/);
  });

  it('lists the partnerships, linked from the home page and the navigation', async () => {
    const home = await platform.get('/');
    assert.match(home.body, /href="\/platform\/partnerships"/);
    const page = await platform.get('/platform/partnerships');
    assert.equal(page.status, 200);
    assert.match(page.body, /Northshire and Riverside Safeguarding Children Partnership/);
    assert.match(page.body, /nrscp/);
    assert.match(page.body, /Northshire, Riverside/);
  });

  it('refuses the pages to everyone else', async () => {
    const anonymous = t.client();
    const toSignIn = await anonymous.get('/platform/partnerships');
    assert.equal(toSignIn.status, 303);
    assert.match(toSignIn.location!, /^\/sign-in/);
    for (const email of [ADMIN, COUNCIL_LEAD]) {
      const other = await t.signIn(email);
      assert.equal((await other.get('/platform/partnerships')).status, 404, email);
      assert.equal((await other.get('/platform/partnerships/new')).status, 404, email);
      const post = await other.post('/platform/partnerships', WEST);
      assert.equal(post.status, 404, email);
      assert.doesNotMatch((await other.get('/')).body, /\/platform\/partnerships/);
    }
    const rows = await t.database.db
      .select()
      .from(partnerships)
      .where(eq(partnerships.shortName, 'westshire'));
    assert.equal(rows.length, 0, 'nothing was created');
  });

  it('shows every problem at once and keeps what was typed', async () => {
    await platform.get('/platform/partnerships/new');
    const bad = await platform.post('/platform/partnerships', {
      name: '',
      shortName: 'West Shire',
      contactEmail: 'nope',
      localities: 'Westshire\nwestshire',
      adminName: '',
      adminEmail: '',
    });
    assert.equal(bad.status, 422);
    assert.match(bad.body, /Enter the partnership’s name/);
    assert.match(bad.body, /lowercase letters, numbers and hyphens/);
    assert.match(bad.body, /Enter an email address in the correct format/);
    assert.match(bad.body, /listed twice/);
    assert.match(bad.body, /Enter the admin’s full name/);
    assert.match(bad.body, /Enter the admin’s email address/);
    assert.match(bad.body, /href="#shortName"/);
    assert.match(bad.body, /value="West Shire"/);
    assert.match(bad.body, /Westshire\nwestshire<\/textarea>/);
  });

  it('refuses a short name another partnership has', async () => {
    await platform.get('/platform/partnerships/new');
    const taken = await platform.post('/platform/partnerships', { ...WEST, shortName: 'nrscp' });
    assert.equal(taken.status, 422);
    assert.match(taken.body, /Another partnership already uses this short name/);
  });

  it('creates the partnership with its localities, its admin (invited for 7 days) and the built-in template', async () => {
    const { partnershipId, admin } = await createSecondPartnership(t, platform);
    const [row] = await t.database.db.select().from(partnerships).where(eq(partnerships.id, partnershipId));
    assert.equal(row!.name, WEST.name);
    assert.equal(row!.shortName, 'westshire');
    const locs = await t.database.db
      .select()
      .from(localities)
      .where(eq(localities.partnershipId, partnershipId));
    assert.deepEqual(locs.map((l) => l.name).sort(), ['West Vale', 'Westshire']);
    const roles = await t.database.db
      .select()
      .from(partnershipRoles)
      .where(eq(partnershipRoles.partnershipId, partnershipId));
    assert.deepEqual(
      roles.map((r) => r.role),
      ['partnership_admin'],
    );
    const [mail] = await t.mailTo(WEST.adminEmail);
    assert.match(mail!.subject, /You have been invited to Westshire Safeguarding Children Partnership/);
    assert.match(mail!.bodyText, /expires in 7 days/);
    const versions = await t.database.db
      .select()
      .from(templateVersions)
      .where(eq(templateVersions.partnershipId, partnershipId));
    assert.equal(versions[0]?.status, 'published');
    // The new admin reaches its settings and can set up its first audit.
    assert.equal((await admin.get(`/partnerships/${partnershipId}/settings`)).status, 200);
    const newCycle = await admin.get(`/partnerships/${partnershipId}/cycles/new`);
    assert.equal(newCycle.status, 200);
    assert.match(newCycle.body, /West Vale/);
    const list = await platform.get('/platform/partnerships?done=created');
    assert.match(list.body, /Westshire Safeguarding Children Partnership/);
    assert.match(list.body, /Partnership created and its admin invited/);
  });

  it('does not let the platform admin see any partnership’s audits, agencies or returns', async () => {
    for (const path of [
      `/partnerships/${t.ids.partnershipId}/agencies`,
      `/partnerships/${t.ids.partnershipId}/people`,
      `/partnerships/${t.ids.partnershipId}/settings`,
      `/partnerships/${t.ids.partnershipId}/cycles/new`,
      `/cycles/${t.ids.cycleId}`,
      `/cycles/${t.ids.cycleId}/returns.csv`,
      `/returns/${t.ids.returnIds.council}`,
      `/returns/${t.ids.returnIds.council}/copy`,
    ])
      assert.equal((await platform.download(path)).status, 404, path);
    const home = await platform.get('/');
    assert.doesNotMatch(home.body, /Section 11 audit 2026/);
  });
});
