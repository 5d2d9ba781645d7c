/**
 * A return on a template using every response scale, optional and weighted questions, conditional
 * questions and a sector-only theme: imported from a file, published, run as an audit, answered,
 * completed, submitted and read back.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { actions, answers, returns, themeRatings } from '../../src/db/schema.ts';
import type { QuestionInfo, ThemeInfo } from '../../src/features/returns/return-structure.ts';
import { EVERY_SCALE_FILE, type EveryScaleAudit, setUpEveryScaleAudit } from '../helpers/every-scale.ts';
import { decoded } from '../helpers/form-fields.ts';
import { giveDetailsAndSignOff } from '../helpers/return-fixtures.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const ADMIN = 'business.manager@nrscp.example';
const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';
const NHS_LEAD = 'named.nurse@nr-nhs.example';

describe('a return on a template using every response scale', () => {
  let t: TestApp;
  let admin: TestClient;
  let lead: TestClient;
  let versionId: string;
  let audit: EveryScaleAudit;
  let returnId: string;
  let theme: ThemeInfo;
  let url: string;
  /** The question with this key in the theme. */
  const q = (key: string): QuestionInfo => theme.questions.find((x) => x.key === key)!;
  const field = (key: string, suffix = 'response') => `q${q(key).number}-${suffix}`;
  /** A wrapper of a conditional question, hidden or not. */
  const wrapperOf = (body: string, key: string) =>
    new RegExp(
      `<div class="app-conditional-question"[^>]*>\\s*<p[^>]*>Asked only if you answer [^<]+</p>\\s*<div class="app-question" id="question-${q(key).number}"`,
    ).exec(body)?.[0];

  before(async () => {
    t = await startTestApp();
    admin = await t.signIn(ADMIN);
    audit = await setUpEveryScaleAudit(t);
    versionId = audit.versionId;
    returnId = audit.returnIds.council;
    theme = audit.themes[0]!;
    url = `/returns/${returnId}/themes/${theme.id}`;
    lead = await t.signIn(COUNCIL_LEAD);
  });
  after(async () => t.close());

  it('exports the imported version as the same file', async () => {
    const exported = await admin.get(
      `/partnerships/${t.ids.partnershipId}/templates/versions/${versionId}/export.yaml`,
    );
    assert.equal(exported.status, 200);
    assert.equal(exported.body, EVERY_SCALE_FILE);
  });

  it('shows the version with each scale, its options, conditions, weights and sectors', async () => {
    const page = decoded(
      (await admin.get(`/partnerships/${t.ids.partnershipId}/templates/versions/${versionId}`)).body,
    );
    assert.match(page, /Four named levels: Not started, Developing, Established, Embedded/);
    assert.match(page, /Counts as met<\/dt>\s*<dd[^>]*>\s*Established, Embedded/);
    assert.match(page, /Asks for an action<\/dt>\s*<dd[^>]*>\s*Once a year, Never/);
    assert.match(page, /Asked only when<\/dt>\s*<dd[^>]*>\s*Question 2 is answered Yes/);
    assert.match(page, /Weight in scores<\/dt>\s*<dd[^>]*>\s*2/);
    assert.match(page, /Free text \(optional\)/);
    assert.match(
      page,
      /Only for agencies in these sectors: NHS trust or foundation trust; General practice\./,
    );
  });

  it('applies the sector-only theme only to agencies in its sectors', async () => {
    const councilPage = await lead.get(`/returns/${returnId}`);
    assert.equal(councilPage.status, 200);
    assert.match(councilPage.body, /Safeguarding arrangements/);
    assert.doesNotMatch(councilPage.body, /Health services/);
    const nhs = await t.signIn(NHS_LEAD);
    const nhsPage = await nhs.get(`/returns/${audit.returnIds.nhs}`);
    assert.match(nhsPage.body, /Health services/);
    const health = audit.themes[1]!;
    assert.equal((await lead.get(`/returns/${returnId}/themes/${health.id}`)).status, 404);
  });

  it('shows each scale with its GOV.UK component, N/A only where the scale has it', async () => {
    const page = await lead.get(url);
    assert.equal(page.status, 200);
    const body = decoded(page.body);
    // graded and yes_no: radios with N/A
    assert.match(body, new RegExp(`name="${field('policy')}" type="radio" value="na"`));
    assert.match(body, new RegExp(`name="${field('named-lead')}" type="radio" value="na"`));
    // four_level and choose_one: radios of the named options, no N/A
    for (const key of ['not-started', 'developing', 'established', 'embedded'])
      assert.match(body, new RegExp(`name="${field('maturity')}" type="radio" value="${key}"`));
    assert.doesNotMatch(body, new RegExp(`name="${field('maturity')}" type="radio" value="na"`));
    assert.match(body, /Every three months/);
    assert.doesNotMatch(body, new RegExp(`name="${field('audit-frequency')}" type="radio" value="na"`));
    // choose_many: checkboxes
    assert.match(body, new RegExp(`name="${field('training-offered')}" type="checkbox" value="induction"`));
    assert.match(body, /Select all that apply\./);
    // number: an input with a numeric keypad; date: a date input; text: a text area
    assert.match(
      body,
      new RegExp(
        `id="${field('staff-count')}" name="${field('staff-count')}" type="text"[^>]*inputmode="numeric"`,
      ),
    );
    assert.match(body, new RegExp(`name="${field('policy-review-date')}-day"`));
    assert.match(
      body,
      new RegExp(
        `<textarea class="govuk-textarea govuk-js-character-count" id="${field('notes')}" name="${field('notes')}"`,
      ),
    );
    assert.match(body, /Anything else the partnership should know\? \(optional\)/);
    // the action reveal lists the answers generating an action
    assert.match(
      body,
      new RegExp(`data-app-reveal-for="${field('audit-frequency')}" data-app-reveal-when="yearly never"`),
    );
    assert.match(body, /If you answered Once a year or Never/);
    assert.doesNotMatch(
      body,
      new RegExp(`data-app-reveal-for="${field('staff-count')}"`),
      'no action for a number',
    );
    // conditional questions are on the page, hidden until their answer is saved
    assert.match(body, /Asked only if you answer Yes to question 2\./);
    assert.match(body, /Asked only if you answer None to question 6\./);
    assert.match(wrapperOf(body, 'lead-trained') ?? '', /hidden/);
    assert.match(wrapperOf(body, 'training-gaps') ?? '', /hidden/);
    assert.match(body, new RegExp(`data-app-show-for="${field('named-lead')}" data-app-show-when="yes"`));
  });

  it('refuses a bad number, an impossible date and a choice not in the list, with 422, keeping what was typed', async () => {
    const res = await lead.post(url, {
      [field('staff-count')]: 'about forty',
      [`${field('policy-review-date')}-day`]: '30',
      [`${field('policy-review-date')}-month`]: '2',
      [`${field('policy-review-date')}-year`]: '2026',
      [field('audit-frequency')]: 'weekly',
      [field('training-offered')]: ['induction', 'forged'],
      [field('notes')]: 'Kept notes',
      // A hidden question with an error is shown, so the summary's link leads to it.
      [field('training-gaps')]: 'x'.repeat(5001),
      intent: 'continue',
    });
    assert.equal(res.status, 422);
    assert.doesNotMatch(wrapperOf(res.body, 'training-gaps') ?? 'missing', /hidden/);
    assert.match(
      res.body,
      new RegExp(`href="#${field('training-gaps')}"[^>]*>Question \\d+ must be 5,000 characters or fewer`),
    );
    assert.match(wrapperOf(res.body, 'lead-trained') ?? '', /hidden/);
    const body = decoded(res.body);
    const n = (key: string) => q(key).number;
    assert.match(
      body,
      new RegExp(
        `href="#${field('staff-count')}"[^>]*>Question ${n('staff-count')} must be a number, like 12 or 3.5`,
      ),
    );
    assert.match(
      body,
      new RegExp(
        `href="#${field('policy-review-date')}-day"[^>]*>Question ${n('policy-review-date')} must be a real date`,
      ),
    );
    assert.match(
      body,
      new RegExp(
        `href="#${field('audit-frequency')}"[^>]*>Select one of the options for question ${n('audit-frequency')}`,
      ),
    );
    assert.match(body, new RegExp(`href="#${field('training-offered')}"[^>]*>Select only options listed`));
    assert.match(body, /value="about forty"/);
    assert.match(body, new RegExp(`name="${field('policy-review-date')}-day" type="text" value="30"`));
    assert.match(body, /value="induction" checked/);
    assert.match(body, />Kept notes</);
    const saved = await t.database.db.select().from(answers).where(eq(answers.returnId, returnId));
    assert.equal(saved.length, 0, 'nothing saved');
  });

  it('without JavaScript, shows a conditional question after saving the answer that asks for it', async () => {
    const res = await lead.post(url, { [field('named-lead')]: 'yes', intent: 'continue' });
    assert.equal(res.status, 303);
    assert.equal(
      res.location,
      `${url}#question-${q('lead-trained').number}`,
      'back to the question now shown',
    );
    const page = await lead.get(url);
    assert.doesNotMatch(wrapperOf(page.body, 'lead-trained') ?? 'missing', /hidden/);
    assert.match(wrapperOf(page.body, 'training-gaps') ?? '', /hidden/);

    // Choosing "None" among the training brings up the follow-up question.
    const none = await lead.post(url, {
      [field('named-lead')]: 'yes',
      [field('lead-trained')]: 'yes',
      [field('training-offered')]: 'none',
      [field('training-offered', 'action')]: 'Commission training',
      intent: 'continue',
    });
    assert.equal(none.location, `${url}#question-${q('training-gaps').number}`);
    const shown = await lead.get(url);
    assert.doesNotMatch(wrapperOf(shown.body, 'training-gaps') ?? 'missing', /hidden/);
  });

  it('marks the theme complete by the same rules: required questions only, hidden ones never block', async () => {
    const date = { day: '14', month: '9', year: '2026' };
    const fields = {
      [field('policy')]: 'fully_met',
      [field('named-lead')]: 'yes',
      [field('lead-trained')]: 'no',
      [field('lead-trained', 'action')]: 'Book advanced training',
      [`${field('lead-trained', 'target-date')}-day`]: '31',
      [`${field('lead-trained', 'target-date')}-month`]: '3',
      [`${field('lead-trained', 'target-date')}-year`]: '2027',
      [field('maturity')]: 'established',
      [field('audit-frequency')]: 'yearly',
      [field('training-offered')]: ['induction', 'refresher'],
      // Answered earlier while shown; hidden now that "None" is not chosen.
      [field('training-gaps')]: 'No budget this year',
      [field('staff-count')]: '',
      [`${field('policy-review-date')}-day`]: date.day,
      [`${field('policy-review-date')}-month`]: date.month,
      [`${field('policy-review-date')}-year`]: date.year,
      [field('notes')]: '',
      rating: 'amber',
      justification: 'Supervision is in place; audits are yearly.',
      'rating-action': 'Audit case files every quarter',
      'rating-target-date-day': '30',
      'rating-target-date-month': '6',
      'rating-target-date-year': '2027',
      completed: 'yes',
      intent: 'continue',
    };
    const incomplete = await lead.post(url, fields);
    assert.equal(incomplete.status, 422);
    const problems = [...decoded(incomplete.body).matchAll(/<a href="#([^"]+)"[^>]*>([^<]+)<\/a>/g)]
      .map((m) => `${m[1]}: ${m[2]}`)
      .filter((s) => s.startsWith('q'));
    assert.deepEqual(problems, [
      `${field('audit-frequency', 'action')}: Describe the area for development for question ${q('audit-frequency').number}`,
      `${field('audit-frequency', 'target-date')}-day: Enter a target date for the area for development for question ${q('audit-frequency').number}`,
      `${field('staff-count')}: Enter a number for question ${q('staff-count').number}`,
    ]);

    const done = await lead.post(url, {
      ...fields,
      [field('audit-frequency', 'action')]: 'Audit case files every quarter',
      [`${field('audit-frequency', 'target-date')}-day`]: '30',
      [`${field('audit-frequency', 'target-date')}-month`]: '6',
      [`${field('audit-frequency', 'target-date')}-year`]: '2027',
      [field('staff-count')]: '1,250',
    });
    assert.equal(done.status, 303, done.body.slice(0, 3000));
    const [rating] = await t.database.db
      .select()
      .from(themeRatings)
      .where(and(eq(themeRatings.returnId, returnId), eq(themeRatings.themeId, theme.id)));
    assert.ok(rating?.completedAt, 'complete with the optional notes blank and the hidden question ignored');
    const rows = await t.database.db.select().from(answers).where(eq(answers.returnId, returnId));
    const saved = (key: string) => rows.find((a) => a.questionId === q(key).id)!;
    assert.equal(saved('maturity').response, 'established');
    assert.deepEqual(saved('training-offered').choices, ['induction', 'refresher']);
    assert.equal(saved('staff-count').value, '1250');
    assert.equal(saved('policy-review-date').value, '2026-09-14');
    const planned = await t.database.db.select().from(actions).where(eq(actions.returnId, returnId));
    assert.deepEqual(
      planned
        .filter((a) => a.questionId)
        .map((a) => a.description)
        .sort(),
      ['Audit case files every quarter', 'Book advanced training'],
      'the hidden question’s "None" made no action',
    );
  });

  it('submits, and the copy, check page and scores show every value but not the hidden question', async () => {
    await giveDetailsAndSignOff(lead, returnId, COUNCIL_LEAD);
    const check = decoded((await lead.get(`/returns/${returnId}/check`)).body);
    assert.doesNotMatch(check, /will be graded Red/);
    assert.doesNotMatch(check, /What stops the organisation offering safeguarding training/);
    assert.match(check, /Not answered \(optional\)/);
    const submitted = await lead.post(`/returns/${returnId}/submit`);
    assert.equal(submitted.status, 303, submitted.body.slice(0, 2000));
    const [row] = await t.database.db.select().from(returns).where(eq(returns.id, returnId));
    assert.equal(row?.status, 'submitted');
    const [rating] = await t.database.db
      .select()
      .from(themeRatings)
      .where(and(eq(themeRatings.returnId, returnId), eq(themeRatings.themeId, theme.id)));
    assert.equal(rating?.rating, 'amber', 'not defaulted to Red: nothing required is unanswered');

    const copy = decoded((await lead.get(`/returns/${returnId}/copy`)).body);
    for (const text of [
      'Fully met',
      'Established',
      'Once a year',
      'At induction, A refresher every three years',
      '1250',
      '14 September 2026',
    ])
      assert.ok(copy.includes(text), text);
    assert.doesNotMatch(copy, /No budget this year/);
    assert.doesNotMatch(copy, /What stops the organisation offering safeguarding training/);

    // Scores: weight 2 for the policy; Once a year and the lead's training are not met; free answers
    // and the weight-0 notes are not scored: 2 + 1 + 1 + 1 met of 2 + 1 + 1 + 1 + 1 + 1 = 5 of 7.
    const scores = decoded((await lead.get(`/returns/${returnId}/scores`)).body);
    assert.match(scores, />71%</);
    const pdf = await lead.get(`/returns/${returnId}/copy.pdf`);
    assert.equal(pdf.status, 200);
    assert.match(String(pdf.headers['content-type']), /application\/pdf/);
  });

  it('works out the same grades in the results as were kept at submission: choices, hidden and weighted questions', async () => {
    const kept = () =>
      queryRows<{ self_codes: string; response_codes: string }>(
        t.database.db,
        sql`select self_codes, response_codes from return_grades where return_id = ${returnId}`,
      );
    const [atSubmission] = await kept();
    assert.ok(atSubmission, 'kept at submission');
    // Counted responses were kept (a letter, not only "-"), so the comparison below has something to compare.
    assert.match(atSubmission.response_codes, /[a-z]/);
    await t.database.db.execute(sql`delete from return_grades where return_id = ${returnId}`);
    assert.equal((await admin.get(`/cycles/${audit.cycleId}/results`)).status, 200);
    assert.deepEqual(await kept(), [atSubmission], 'worked out from the answers: the same letters');
  });
});
