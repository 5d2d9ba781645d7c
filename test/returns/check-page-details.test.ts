/**
 * The check page and the details form agree on whether the completer's details are saved, and the
 * check page says what must be done before submitting up front, not only after Submit.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';

describe('the completer’s details on the check page', () => {
  let t: TestApp;
  let lead: TestClient;
  let base: string;

  before(async () => {
    t = await startTestApp();
    lead = await t.signIn(COUNCIL_LEAD);
    base = `/returns/${t.ids.returnIds.council}`;
  });
  after(async () => t.close());

  it('says before Submit that the details and sign-off are needed, and that the details are not saved', async () => {
    const check = await lead.get(`${base}/check`);
    assert.equal(check.status, 200);
    const warning = /<div class="govuk-warning-text" id="before-you-submit">([\s\S]*?)<\/ul>/.exec(
      check.body,
    )?.[1];
    assert.ok(warning, 'a warning above the answers');
    assert.ok(warning.includes(`href="${base}/details"`));
    assert.ok(warning.includes(`href="${base}/sign-off"`));
    assert.ok(check.body.indexOf('before-you-submit') < check.body.indexOf('Submit return'));
    assert.match(
      check.body,
      /Completed by\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Not saved yet/,
    );

    const details = await lead.get(`${base}/details`);
    assert.match(details.body, /id="details-not-saved"[^>]*>\s*Your details are not saved yet\./);
  });

  it('shows the saved details on both pages once saved, and warns only of what is left', async () => {
    await lead.get(`${base}/details`);
    const saved = await lead.post(`${base}/details`, {
      completerName: 'Helen Ward',
      completerRole: 'Head of Safeguarding',
      completerEmail: COUNCIL_LEAD,
      completerPhone: '',
    });
    assert.equal(saved.status, 303);
    const check = await lead.get(`${base}/check`);
    assert.match(
      check.body,
      /Completed by\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Helen Ward, Head of Safeguarding/,
    );
    const warning = /id="before-you-submit">([\s\S]*?)<\/ul>/.exec(check.body)?.[1] ?? '';
    assert.ok(!warning.includes(`href="${base}/details"`), 'the details are done');
    assert.ok(warning.includes(`href="${base}/sign-off"`), 'the sign-off is still needed');
    const details = await lead.get(`${base}/details`);
    assert.doesNotMatch(details.body, /details-not-saved/);
  });

  it('gives partnership staff their own wording, and an admin on the sign-off page a way on', async () => {
    for (const email of ['business.manager@nrscp.example', 'scrutineer@nrscp.example']) {
      const staff = await t.signIn(email);
      const check = await staff.get(`${base}/check`);
      assert.equal(check.status, 200, email);
      assert.match(check.body, /<title>Answers – /);
      assert.match(check.body, /<h1 class="govuk-heading-l">\s*The agency’s answers\s*<\/h1>/);
      assert.match(check.body, /class="govuk-back-link"\s*>Back to the return</);
      assert.doesNotMatch(check.body, /Check your answers|Back to your return|before-you-submit/);

      const signoff = await staff.get(`${base}/sign-off`);
      assert.equal(signoff.status, 200, email);
      assert.match(signoff.body, /Sign-off by the agency’s senior officer/);
      assert.match(signoff.body, /id="signoff-status"[^>]*>\s*Not signed off yet\./);
      assert.ok(signoff.body.includes(`<a class="govuk-link" href="${base}">Go to the return</a>`));
      assert.doesNotMatch(signoff.body, /Back to your return|<form method="post" action="[^"]*sign-off"/);

      // The details are the agency lead's to give: staff read them, with a way on, and no form.
      const details = await staff.get(`${base}/details`);
      assert.equal(details.status, 200, email);
      assert.match(details.body, /<h1 class="govuk-heading-l">Person completing the return<\/h1>/);
      assert.match(details.body, /class="govuk-back-link"\s*>Back to the return</);
      assert.ok(details.body.includes(`<a class="govuk-link" href="${base}">Go to the return</a>`));
      assert.doesNotMatch(
        details.body,
        /Back to your return|Your details|<form method="post" action="[^"]*details"/,
      );
    }
  });
});
