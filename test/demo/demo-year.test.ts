/**
 * The demo of a whole year: each role's main pages have something real to show at first sight, and
 * two seeds give the same data.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../src/db/client.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

/** The part of a page between two headings' ids. */
function section(body: string, fromId: string, toId?: string): string {
  const start = body.indexOf(`id="${fromId}"`);
  const end = body.indexOf(toId ? `id="${toId}"` : '</main>', start);
  assert.ok(start >= 0 && end > start, `no section #${fromId}`);
  return body.slice(start, end);
}

/** What the year made, without ids, tokens or anything else a seed draws at random. */
async function yearData(db: Db): Promise<unknown> {
  const q = (query: ReturnType<typeof sql>) => queryRows<Record<string, unknown>>(db, query);
  return {
    returns: await q(sql`select c.name as cycle, a.name as agency, r.status, r.reference, r.submitted_at,
        r.extended_until, r.carried_forward_from_return_id is not null as carried
      from returns r join cycles c on c.id = r.cycle_id join agencies a on a.id = r.agency_id
      order by c.opens_at, a.name`),
    answers: await q(sql`select c.name as cycle, a.name as agency, q.key as question, an.response, an.comment,
        an.carried_forward_at, an.confirmed_at
      from answers an join returns r on r.id = an.return_id join cycles c on c.id = r.cycle_id
        join agencies a on a.id = r.agency_id join template_questions q on q.id = an.question_id
      order by c.opens_at, a.name, q.key`),
    ratings: await q(sql`select a.name as agency, c.name as cycle, t.key as theme, tr.rating
      from theme_ratings tr join returns r on r.id = tr.return_id join cycles c on c.id = r.cycle_id
        join agencies a on a.id = r.agency_id join template_themes t on t.id = tr.theme_id
      order by c.opens_at, a.name, t.key`),
    actions: await q(sql`select a.name as agency, ac.description, ac.status, ac.target_date::text
      from actions ac join returns r on r.id = ac.return_id join agencies a on a.id = r.agency_id
      order by a.name, ac.description, ac.status, ac.target_date`),
    history: await q(sql`select event, count(*)::int as n from return_history group by event order by event`),
    moderations: await q(sql`select rating, reason from theme_moderations order by rating, reason`),
    challenges: await q(sql`select count(*)::int as n from challenge_messages`),
    survey: await q(sql`select r.agency_id is not null as x, a.name, s.submitted_on::text, count(*)::int as n
      from survey_responses s join returns r on r.id = s.return_id join agencies a on a.id = r.agency_id
      group by 1, 2, 3 order by 2, 3`),
    surveyAnswers: await q(
      sql`select answer, count(*)::int as n from survey_answers group by answer order by answer`,
    ),
    report: await q(sql`select status, summary, recommendations, finalised_at from findings_reports`),
    events: await q(sql`select title, starts_at, notes from challenge_events`),
  };
}

describe('the demo of a whole year', () => {
  let t: TestApp;
  let previous: string;
  before(async () => {
    t = await startTestApp({ demoYear: true });
    previous = t.year!.previousCycleId;
  });
  after(() => t?.close());

  it('shows the partnership admin the previous audit’s results: heatmap, calibration, report, survey, challenge event', async () => {
    const admin = await t.signIn('business.manager@nrscp.example');
    const results = await admin.get(`/cycles/${previous}/results`);
    assert.equal(results.status, 200);
    for (const rag of ['green', 'amber', 'red'])
      assert.match(results.body, new RegExp(`app-heatmap__cell app-rag--${rag}`), `no ${rag} in the heatmap`);
    assert.match(section(results.body, 'calibration', 'actions'), /\d+%/);

    const report = await admin.get(`/cycles/${previous}/report`);
    assert.equal(report.status, 200);
    assert.match(report.body, /Every partner agency submitted its Section 11 return/);
    assert.match(report.body, /Made final at/);

    const survey = await admin.get(`/cycles/${previous}/survey`);
    assert.equal(survey.status, 200);
    // Enough responses (five or more) for an agency's results to be shown.
    assert.match(
      survey.body,
      /See results<span class="govuk-visually-hidden"> for Northshire and Riverside NHS Foundation Trust/,
    );

    const events = await admin.get(`/cycles/${previous}/challenge-events`);
    assert.match(events.body, /Section 11 challenge panel: health and justice/);
  });

  it('compares the current audit with the last one, and shows it part-way', async () => {
    const admin = await t.signIn('business.manager@nrscp.example');
    const results = await admin.get(`/cycles/${t.ids.cycleId}/results`);
    assert.equal(results.status, 200);
    assert.doesNotMatch(results.body, /There is no earlier audit/);
    assert.match(section(results.body, 'comparison'), /By agency, against Section 11 audit/);
    const monitoring = await admin.get(`/cycles/${t.ids.cycleId}`);
    assert.match(monitoring.body, /Returned for changes/);
    assert.match(monitoring.body, /Submitted/);
  });

  it('gives the reviewer moderated grades to calibrate against', async () => {
    const reviewer = await t.signIn('scrutineer@nrscp.example');
    const results = await reviewer.get(`/cycles/${previous}/results`);
    assert.equal(results.status, 200);
    assert.match(section(results.body, 'calibration', 'actions'), /All themes/);
    assert.match(section(results.body, 'calibration', 'actions'), /\d+%/);
  });

  it('gives an agency lead last year’s answers to confirm and an action plan kept up to date', async () => {
    const lead = await t.signIn('named.nurse@nr-nhs.example');
    const task = await lead.get(`/returns/${t.ids.returnIds.nhs}`);
    assert.equal(task.status, 200);
    assert.match(task.body, /answers from last audit to check and confirm/);
    const actions = await lead.get(`/returns/${t.year!.previousReturnIds.nhs}/actions`);
    assert.equal(actions.status, 200);
    assert.match(actions.body, /Done: the new procedure is in use\./);
    const yjs = await t.signIn('manager@riverside-yjs.example');
    assert.match((await yjs.get('/returns')).body, /Returned for changes/);
  });

  it('makes the same data on every run', async () => {
    const again = await startTestApp({ demoYear: true });
    try {
      assert.deepEqual(await yearData(again.database.db), await yearData(t.database.db));
    } finally {
      await again.close();
    }
  });
});
