/**
 * The accessibility statement meets the 2018 regulations (compliance status, known issues with
 * plans, dates, contact and response time, enforcement) and stays true: each issue it lists is
 * proved still there by a check below, so fixing one fails this test until the statement drops it;
 * a new axe-core finding fails the browser tests unless the statement lists it (they accept only
 * the findings `acceptedAxeFinding` explains).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { acceptedAxeFinding, KNOWN_ISSUES } from '../../src/features/accessibility/known-issues.ts';
import { pdfText } from '../../src/lib/pdf.ts';
import { decoded } from '../helpers/form-fields.ts';
import { addOtherPartnership } from '../helpers/other-partnership.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const require = createRequire(import.meta.url);
const govukComponents = join(
  dirname(require.resolve('govuk-frontend/dist/govuk/govuk-frontend.min.js')),
  'components',
);

/** For each listed issue, a check that fails once the issue is fixed. */
const STILL_THERE: Record<string, () => void> = {
  'reveal-aria-expanded': () => {
    for (const component of ['radios', 'checkboxes']) {
      const script = readFileSync(join(govukComponents, component, `${component}.mjs`), 'utf8');
      assert.match(script, /setAttribute\('aria-expanded'/, `GOV.UK Frontend's ${component} still set it`);
    }
    assert.ok(
      acceptedAxeFinding(
        'aria-allowed-attr',
        '<input class="govuk-radios__input" id="q1" name="q1" type="radio" value="yes" aria-controls="conditional-q1" aria-expanded="false">',
      ),
    );
    assert.ok(!acceptedAxeFinding('aria-allowed-attr', '<button aria-expanded="false" role="link">'));
  },
  'pdf-missing-characters': () => {
    assert.equal(pdfText('中文 😀'), '?? ?', 'the PDF font still lacks these characters');
    assert.equal(pdfText('Łukasz (Powys – Ŵyn)'), 'Łukasz (Powys – Ŵyn)');
  },
};

describe('the accessibility statement', () => {
  it('lists exactly the issues that are still there', () => {
    assert.deepEqual(
      KNOWN_ISSUES.map((i) => i.id).sort(),
      Object.keys(STILL_THERE).sort(),
      'every listed issue has a check, and every check a listed issue',
    );
    for (const issue of KNOWN_ISSUES) STILL_THERE[issue.id]!();
  });

  describe('pages', () => {
    let t: TestApp;
    let other: { contactEmail: string };

    before(async () => {
      t = await startTestApp();
      other = await addOtherPartnership(t);
    });
    after(async () => t.close());

    it('gives a visitor the status, the issues with their plans, the dates, enforcement and every partnership’s statement', async () => {
      const page = await t.client().get('/accessibility');
      assert.equal(page.status, 200);
      const body = decoded(page.body);
      assert.match(body, /partially compliant with the Web Content Accessibility Guidelines version 2\.2 AA/);
      for (const issue of KNOWN_ISSUES) {
        assert.ok(body.includes(issue.text), issue.id);
        assert.ok(body.includes(issue.plan), `${issue.id}: its plan`);
      }
      assert.match(
        body,
        /This statement was prepared on \d+ \w+ \d{4}\. It was last reviewed on \d+ \w+ \d{4}\./,
      );
      assert.match(body, /Equality and Human Rights Commission \(EHRC\)/);
      assert.match(
        body,
        /href="https:\/\/www\.equalityadvisoryservice\.com\/">\s*contact the Equality Advisory and Support Service \(EASS\)/,
      );
      assert.match(
        body,
        /href="\/p\/nrscp\/accessibility">Northshire and Riverside Safeguarding Children Partnership</,
      );
      assert.match(body, /href="\/p\/wscp\/accessibility">/);
      assert.doesNotMatch(body, /mailto:/, 'a visitor chooses a partnership first');
    });

    it('names each partnership’s own contact and response time on its statement, public without sign-in', async () => {
      const page = await t.client().get('/p/nrscp/accessibility');
      assert.equal(page.status, 200);
      assert.match(page.body, /href="mailto:section11@nrscp\.example">section11@nrscp\.example<\/a>/);
      assert.match(page.body, /get back to you within 5 working days/);
      assert.ok(!page.body.includes(other.contactEmail));
      const theirs = await t.client().get('/p/wscp/accessibility');
      assert.ok(theirs.body.includes(`mailto:${other.contactEmail}`));
      assert.ok(!theirs.body.includes('section11@nrscp.example'));
      assert.equal((await t.client().get('/p/no-such-partnership/accessibility')).status, 404);
    });

    it('names a signed-in person’s own partnership from every page’s footer link', async () => {
      const lead = await t.signIn('safeguarding.lead@northshire-council.example');
      const home = await lead.get('/returns');
      assert.match(home.body, /class="govuk-footer__link" href="\/accessibility"/);
      const page = await lead.get('/accessibility');
      assert.equal(page.status, 200);
      assert.match(page.body, /mailto:section11@nrscp\.example/);
      assert.ok(!page.body.includes(other.contactEmail), 'not another partnership’s contact');
    });
  });
});
