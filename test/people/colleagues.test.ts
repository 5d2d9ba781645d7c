import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { agencyUsers, sessions, users } from '../../src/db/schema.ts';
import { themesFor } from '../helpers/return-fixtures.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';
const COUNCIL_CONTRIBUTOR = 'hr.adviser@northshire-council.example';
const POLICE_LEAD = 'public.protection@northshire-police.example';
const NEW_COLLEAGUE = 'training.officer@northshire-council.example';

describe('an agency lead invites colleagues', () => {
  let t: TestApp;
  let lead: TestClient;
  let url: string;

  before(async () => {
    t = await startTestApp();
    lead = await t.signIn(COUNCIL_LEAD);
    url = `/agencies/${t.ids.agencyIds.council}/colleagues`;
  });
  after(async () => t.close());

  it('lists the agency’s people and invites a contributor who can work on the return once assigned a theme', async () => {
    const list = await lead.get('/returns');
    assert.ok(list.body.includes(url));
    const page = await lead.get(url);
    assert.equal(page.status, 200);
    assert.match(page.body, /hr\.adviser@northshire-council\.example/);
    const bad = await lead.post(url, { name: '', email: 'nope' });
    assert.equal(bad.status, 422);
    assert.match(bad.body, /Enter their full name/);
    assert.match(bad.body, /value="nope"/);
    const ok = await lead.post(url, { name: 'Priya Shah', email: NEW_COLLEAGUE });
    assert.equal(ok.status, 303);
    const [mail] = await t.mailTo(NEW_COLLEAGUE);
    assert.match(mail!.subject, /help with Northshire County Council Children’s Services' Section 11 return/);
    const colleague = await t.signIn(NEW_COLLEAGUE);
    const returnId = t.ids.returnIds.council!;
    const [theme] = await themesFor(t, 'council');
    const waiting = await colleague.get(`/returns/${returnId}`);
    assert.match(waiting.body, /Your agency lead has not assigned you any themes yet/);
    await lead.get(`/returns/${returnId}/assignments/${theme!.id}`);
    const [newcomer] = await t.database.db.select().from(users).where(eq(users.email, NEW_COLLEAGUE));
    const assigned = await lead.post(`/returns/${returnId}/assignments/${theme!.id}`, {
      assignees: newcomer!.id,
    });
    assert.equal(assigned.status, 303);
    const themePage = await colleague.get(`/returns/${returnId}/themes/${theme!.id}`);
    assert.equal(themePage.status, 200);
    const again = await lead.post(url, { name: 'Priya Shah', email: NEW_COLLEAGUE });
    assert.equal(again.status, 422);
    assert.match(again.body, /already in your agency/);
  });

  it('removes a contributor and signs them out, but never a lead', async () => {
    const contributor = await t.signIn(COUNCIL_CONTRIBUTOR);
    const [person] = await t.database.db.select().from(users).where(eq(users.email, COUNCIL_CONTRIBUTOR));
    await lead.get(url);
    const removed = await lead.post(`${url}/${person!.id}/remove`);
    assert.equal(removed.status, 303);
    assert.equal(
      (await t.database.db.select().from(sessions).where(eq(sessions.userId, person!.id))).length,
      0,
    );
    assert.equal((await contributor.get(`/returns/${t.ids.returnIds.council}`)).status, 303);
    const [me] = await t.database.db.select().from(users).where(eq(users.email, COUNCIL_LEAD));
    await lead.get(url);
    assert.equal((await lead.post(`${url}/${me!.id}/remove`)).status, 404);
    const memberships = await t.database.db.select().from(agencyUsers).where(eq(agencyUsers.userId, me!.id));
    assert.equal(memberships.length, 1);
  });

  it('is for the agency’s leads only', async () => {
    const colleague = await t.signIn(NEW_COLLEAGUE);
    assert.equal((await colleague.get(url)).status, 403);
    const police = await t.signIn(POLICE_LEAD);
    assert.equal((await police.get(url)).status, 404);
    assert.equal((await police.post(url, { name: 'X', email: 'x@example.org' })).status, 404);
  });
});
