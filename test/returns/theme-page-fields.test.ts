/**
 * The theme page tells people what they may type before they type it: every text field carries the
 * GOV.UK character count (its limit written in the page, so it shows with JavaScript off) and the
 * optional evidence fields say "(optional)".
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ThemeInfo } from '../../src/features/returns/return-structure.ts';
import { themesFor } from '../helpers/return-fixtures.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';

/** The character count wrapped around the field `name`, with its limit and its no-JavaScript message. */
function characterCount(body: string, name: string, limit: number): void {
  const field = body.indexOf(`id="${name}" name="${name}"`);
  assert.ok(field > 0, `${name}: on the page`);
  const group = body.slice(body.lastIndexOf('<div class="govuk-form-group', field), field);
  assert.ok(
    /^<div class="govuk-form-group[^"]* govuk-character-count"\s+data-module="govuk-character-count" data-maxlength="(\d+)">/.exec(
      group,
    )?.[1] === String(limit),
    `${name}: in a character count of ${limit}`,
  );
  const textarea = body.slice(body.lastIndexOf('<textarea', field), body.indexOf('>', field));
  assert.match(textarea, new RegExp(`aria-describedby="${name}-info\\b`), `${name}: described by its count`);
  assert.ok(
    body.includes(
      `<div id="${name}-info" class="govuk-hint govuk-character-count__message" >You can enter up to ${limit} characters</div>`,
    ),
    `${name}: the limit written in the page`,
  );
}

describe('the theme page’s text fields', () => {
  let t: TestApp;
  let lead: TestClient;
  let theme: ThemeInfo;
  let body: string;

  before(async () => {
    t = await startTestApp();
    lead = await t.signIn(COUNCIL_LEAD);
    theme = (await themesFor(t, 'council'))[0]!;
    const page = await lead.get(`/returns/${t.ids.returnIds.council}/themes/${theme.id}`);
    assert.equal(page.status, 200);
    body = page.body;
  });
  after(async () => t.close());

  it('count characters against the 500 and 5,000 limits the form checks', () => {
    for (const q of theme.questions) {
      const n = q.number;
      characterCount(body, `q${n}-evidence-document`, 500);
      characterCount(body, `q${n}-evidence-location`, 500);
      for (const field of ['na-reason', 'action', 'comment', 'impact'])
        characterCount(body, `q${n}-${field}`, 5000);
    }
    characterCount(body, 'justification', 5000);
    characterCount(body, 'rating-action', 5000);
  });

  it('mark the evidence fields optional', () => {
    for (const q of theme.questions) {
      assert.match(body, new RegExp(`>\\s*Evidence for question ${q.number} \\(optional\\)\\s*</label>`));
      assert.match(
        body,
        new RegExp(`>\\s*Where the evidence is kept for question ${q.number} \\(optional\\)\\s*</label>`),
      );
    }
  });

  it('keep what was typed past a limit, with the error, on a 422', async () => {
    const long = 'x'.repeat(501);
    const res = await lead.post(`/returns/${t.ids.returnIds.council}/themes/${theme.id}`, {
      'q1-evidence-document': long,
      intent: 'later',
    });
    assert.equal(res.status, 422);
    assert.ok(res.body.includes(`>${long}</textarea>`));
    characterCount(res.body, 'q1-evidence-document', 500);
  });
});
