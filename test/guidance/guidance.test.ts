import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addOtherPartnership, OTHER_ADMIN } from '../helpers/other-partnership.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const ADMIN = 'business.manager@nrscp.example';
const REVIEWER = 'scrutineer@nrscp.example';
const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';
const COUNCIL_CONTRIBUTOR = 'hr.adviser@northshire-council.example';

describe('a partnership’s guidance and FAQ pages', () => {
  let t: TestApp;
  let admin: TestClient;
  let base: string;

  before(async () => {
    t = await startTestApp();
    admin = await t.signIn(ADMIN);
    base = `/partnerships/${t.ids.partnershipId}`;
  });
  after(async () => t.close());

  it('lets the admin preview, then save, formatted guidance that agency users read', async () => {
    const text = [
      '## Before you start',
      'Read the **statutory guidance** on [GOV.UK](https://www.gov.uk/government/publications/working-together-to-safeguard-children--2).',
      '',
      '- Gather your evidence',
      '- Agree who signs off',
    ].join('\n');
    const form = await admin.get(`${base}/guidance/edit`);
    assert.equal(form.status, 200);
    const preview = await admin.post(`${base}/guidance/edit`, { body: text, action: 'preview' });
    assert.equal(preview.status, 200);
    assert.match(preview.body, /Preview \(not saved yet\)/);
    assert.match(preview.body, /<strong>statutory guidance<\/strong>/);
    assert.match(preview.body, /## Before you start/, 'the textarea keeps what was typed');
    const before = await t.signIn(COUNCIL_LEAD);
    const demo = (await before.get(`${base}/guidance`)).body;
    assert.match(demo, /Grading your themes/, 'the demo guidance until the admin saves');
    assert.ok(!demo.includes('Gather your evidence'), 'a preview saves nothing');

    const saved = await admin.post(`${base}/guidance/edit`, { body: text, action: 'save' });
    assert.equal(saved.status, 303);
    assert.equal(saved.location, `${base}/guidance?done=saved`);
    for (const email of [COUNCIL_LEAD, COUNCIL_CONTRIBUTOR, REVIEWER]) {
      const reader = await t.signIn(email);
      const page = await reader.get(`${base}/guidance`);
      assert.equal(page.status, 200, email);
      assert.match(page.body, /<h2 class="govuk-heading-m">Before you start<\/h2>/);
      assert.match(
        page.body,
        /<a class="govuk-link" href="https:\/\/www.gov.uk\/government\/publications\/working-together-to-safeguard-children--2">GOV.UK<\/a>/,
      );
      assert.match(page.body, /<li>Gather your evidence<\/li>/);
      assert.ok(!page.body.includes('Grading your themes'), 'the saved text replaces the old');
      assert.ok(!page.body.includes('/guidance/edit'), 'no change link for non-admins');
    }
    const lead = await t.signIn(COUNCIL_LEAD);
    assert.match((await lead.get('/returns')).body, new RegExp(`href="${base}/guidance"`));
  });

  it('renders the FAQ as a list of questions, with hostile text escaped', async () => {
    await admin.get(`${base}/faq/edit`);
    const saved = await admin.post(`${base}/faq/edit`, {
      action: 'save',
      body: [
        'Questions agencies ask us.',
        '## When is the deadline?',
        'See your return. <script>alert("x")</script>',
        '## Where do I get help? <img src=x onerror=alert(1)>',
        '[Click me](javascript:alert(1)) and **unbalanced',
      ].join('\n'),
    });
    assert.equal(saved.status, 303);
    const lead = await t.signIn(COUNCIL_LEAD);
    const page = await lead.get(`${base}/faq`);
    assert.equal(page.status, 200);
    assert.match(
      page.body,
      /<summary class="govuk-details__summary">\s*<span class="govuk-details__summary-text">\s*When is the deadline\?/,
    );
    assert.ok(!page.body.includes('<script>alert'), 'script escaped');
    assert.ok(!page.body.includes('<img src=x'), 'img escaped');
    assert.ok(!page.body.includes('href="javascript:'), 'javascript: never linked');
    assert.match(page.body, /&lt;script>alert\(&#34;x&#34;\)&lt;\/script>/);
    assert.match(page.body, /\[Click me\]\(javascript:alert\(1\)\) and \*\*unbalanced/);
  });

  it('refuses the edit to reviewers and agency users, and keeps other partnerships out', async () => {
    const reviewer = await t.signIn(REVIEWER);
    assert.equal((await reviewer.get(`${base}/guidance/edit`)).status, 403);
    await reviewer.get(`${base}/guidance`);
    assert.equal((await reviewer.post(`${base}/faq/edit`, { body: 'x', action: 'save' })).status, 403);
    const lead = await t.signIn(COUNCIL_LEAD);
    assert.equal((await lead.get(`${base}/faq/edit`)).status, 404);
    await lead.get('/returns');
    assert.equal((await lead.post(`${base}/guidance/edit`, { body: 'x', action: 'save' })).status, 404);
    assert.match((await lead.get(`${base}/guidance`)).body, /Before you start/, 'the guidance is unchanged');

    await addOtherPartnership(t);
    const other = await t.signIn(OTHER_ADMIN);
    assert.equal((await other.get(`${base}/guidance`)).status, 404);
    assert.equal((await other.get(`${base}/guidance/edit`)).status, 404);
  });

  it('rejects a page over the length limit, keeping what was typed', async () => {
    await admin.get(`${base}/guidance/edit`);
    const long = `KEEP-ME ${'x'.repeat(20_001)}`;
    const res = await admin.post(`${base}/guidance/edit`, { body: long, action: 'save' });
    assert.equal(res.status, 422);
    assert.match(res.body, /There is a problem/);
    assert.match(res.body, /href="#body"/);
    assert.match(res.body, /KEEP-ME x/);
  });
});
