/** After the audit closes, a return can be submitted only while it has an extension of its own. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { cycles, returns } from '../../src/db/schema.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';
const DAY_MS = 86_400_000;

describe('submitting after the audit has closed', () => {
  let t: TestApp;
  let lead: TestClient;
  let returnId: string;
  let closesAt: Date;

  before(async () => {
    t = await startTestApp();
    returnId = t.ids.returnIds.council!;
    const [cycle] = await t.database.db.select().from(cycles).where(eq(cycles.id, t.ids.cycleId));
    closesAt = cycle!.closesAt;
    // Ready to submit: details given and signed off.
    await t.database.db
      .update(returns)
      .set({
        status: 'in_progress',
        completerName: 'Sam Lead',
        completerRole: 'Safeguarding lead',
        completerEmail: COUNCIL_LEAD,
        signoffName: 'Alex Director',
        signoffJobTitle: 'Director of Children’s Services',
        signoffDate: '2026-11-20',
        signoffConfirmedAt: t.clock.now(),
      })
      .where(eq(returns.id, returnId));
  });
  after(async () => t.close());

  it('refuses a return without an extension, and one whose own extension has also passed', async () => {
    t.clock.set(new Date(closesAt.getTime() + DAY_MS));
    lead = await t.signIn(COUNCIL_LEAD);
    await lead.get(`/returns/${returnId}/check`);
    const refused = await lead.post(`/returns/${returnId}/submit`);
    assert.equal(refused.status, 409);
    assert.match(refused.body, /This audit has closed/);

    await t.database.db
      .update(returns)
      .set({ extendedUntil: new Date(closesAt.getTime() + 12 * 60 * 60 * 1000) })
      .where(eq(returns.id, returnId));
    await lead.get(`/returns/${returnId}/check`);
    assert.equal((await lead.post(`/returns/${returnId}/submit`)).status, 409);
    const [row] = await t.database.db.select().from(returns).where(eq(returns.id, returnId));
    assert.equal(row!.status, 'in_progress', 'nothing was submitted');
  });

  it('accepts a return whose extension runs past now', async () => {
    await t.database.db
      .update(returns)
      .set({ extendedUntil: new Date(closesAt.getTime() + 7 * DAY_MS) })
      .where(eq(returns.id, returnId));
    await lead.get(`/returns/${returnId}/check`);
    const res = await lead.post(`/returns/${returnId}/submit`);
    assert.equal(res.status, 303, res.body.slice(0, 300));
    const [row] = await t.database.db.select().from(returns).where(eq(returns.id, returnId));
    assert.equal(row!.status, 'submitted');
  });
});
