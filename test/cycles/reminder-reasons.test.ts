import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { agencyMemberships, agencyUsers, returns } from '../../src/db/schema.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

describe('reminders say which ticked agencies could not be reminded and why', () => {
  let t: TestApp;
  let admin: TestClient;
  let url: string;

  before(async () => {
    t = await startTestApp();
    admin = await t.signIn('business.manager@nrscp.example');
    url = `/cycles/${t.ids.cycleId}`;
    // The youth justice service has no one to email; the trust's return is submitted.
    await t.database.db.delete(agencyUsers).where(eq(agencyUsers.agencyId, t.ids.agencyIds.yjs!));
    await t.database.db
      .update(agencyMemberships)
      .set({ leadContactEmail: null })
      .where(eq(agencyMemberships.agencyId, t.ids.agencyIds.yjs!));
    await t.database.db
      .update(returns)
      .set({ status: 'submitted', reference: 'S11-TEST-1', submittedAt: t.clock.now() })
      .where(eq(returns.id, t.ids.returnIds.charity!));
  });
  after(async () => t.close());

  it('names them on the confirmation', async () => {
    await admin.get(url);
    const sent = await admin.post(`${url}/reminders`, {
      returnIds: [t.ids.returnIds.council!, t.ids.returnIds.yjs!, t.ids.returnIds.charity!],
    });
    assert.equal(sent.status, 303);
    const page = await admin.get(sent.location!);
    assert.match(page.body, /Reminder sent to 1 agency/);
    assert.match(
      page.body,
      /Riverside Youth Justice Service: no one to email: it has no lead contact or agency lead/,
    );
    assert.match(page.body, /Riverside Young People’s Trust: its return is already submitted/);
    assert.doesNotMatch(page.body, /Northshire County Council Children’s Services: /);
  });

  it('names them when none could be reminded', async () => {
    await admin.get(url);
    const none = await admin.post(`${url}/reminders`, { returnIds: [t.ids.returnIds.yjs!] });
    assert.equal(none.status, 422);
    assert.match(none.body, /Riverside Youth Justice Service: no one to email/);
  });
});
