/** The privacy page says what is kept, why, for how long, and who to ask. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { partnerships } from '../../src/db/schema.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

describe('the privacy page', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  it('tells anyone what is kept, why, for how long and who to ask', async () => {
    const res = await t.client().get('/privacy');
    assert.equal(res.status, 200);
    for (const heading of [
      'What we keep',
      'Why we keep it',
      'How long we keep it',
      'Your rights, and who to ask',
    ])
      assert.match(res.body, new RegExp(`<h2 class="govuk-heading-m">${heading}</h2>`));
    assert.match(res.body, /6 years unless it chose otherwise/);
    assert.match(res.body, /15 minutes/);
    assert.match(res.body, /30 minutes without using the service/);
    assert.match(res.body, /article\s+6\(1\)\(e\)/);
    assert.match(res.body, /Information\s+Commissioner/);
    assert.doesNotMatch(res.body, /Your partnerships/);
  });

  it('names the signed-in person’s partnership, its contact address and its retention period', async () => {
    await t.database.db
      .update(partnerships)
      .set({ retentionYears: 8 })
      .where(eq(partnerships.id, t.ids.partnershipId));
    const [p] = await t.database.db
      .select()
      .from(partnerships)
      .where(eq(partnerships.id, t.ids.partnershipId));
    const lead = await t.signIn('safeguarding.lead@northshire-council.example');
    const res = await lead.get('/privacy');
    assert.match(res.body, /Your partnerships/);
    assert.ok(res.body.includes(`href="mailto:${p!.contactEmail}"`));
    assert.ok(res.body.includes('8 years after an audit closes'));
  });
});
