import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';
const COUNCIL_CONTRIBUTOR = 'hr.adviser@northshire-council.example';

describe('a contributor never sees the completer’s or signatory’s contact details', () => {
  let t: TestApp;
  let lead: TestClient;
  let base: string;

  before(async () => {
    t = await startTestApp();
    lead = await t.signIn(COUNCIL_LEAD);
    base = `/returns/${t.ids.returnIds.council}`;
    await lead.get(`${base}/details`);
    const details = await lead.post(`${base}/details`, {
      completerName: 'Helen Ward',
      completerRole: 'Head of Safeguarding',
      completerEmail: 'helen.private@northshire-council.example',
      completerPhone: '01632 960 999',
    });
    assert.equal(details.status, 303);
    await lead.get(`${base}/sign-off`);
    const signed = await lead.post(`${base}/sign-off`, {
      signoffName: 'Chief Executive Officer Name',
      signoffJobTitle: 'Chief Executive',
      'signoffDate-day': '20',
      'signoffDate-month': '11',
      'signoffDate-year': '2026',
      confirm: 'yes',
    });
    assert.equal(signed.status, 303);
  });
  after(async () => t.close());

  it('shows them to the agency lead on the check page', async () => {
    const check = await lead.get(`${base}/check`);
    assert.match(check.body, /helen\.private@northshire-council\.example/);
    assert.match(check.body, /Chief Executive Officer Name/);
  });

  it('leaves them off the contributor’s check page and refuses the sign-off page', async () => {
    const contributor = await t.signIn(COUNCIL_CONTRIBUTOR);
    const check = await contributor.get(`${base}/check`);
    assert.equal(check.status, 200);
    assert.doesNotMatch(check.body, /helen\.private@northshire-council\.example/);
    assert.doesNotMatch(check.body, /01632 960 999/);
    assert.doesNotMatch(check.body, /Chief Executive Officer Name/);
    const signoff = await contributor.get(`${base}/sign-off`);
    assert.equal(signoff.status, 403);
    assert.doesNotMatch(signoff.body, /Chief Executive Officer Name/);
    assert.equal((await contributor.get(`${base}/details`)).status, 403);
  });
});
