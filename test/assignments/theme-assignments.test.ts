import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { actions, answers, returnHistory, themeAssignments } from '../../src/db/schema.ts';
import type { ThemeInfo } from '../../src/features/returns/return-structure.ts';
import { completeThemeFields, themesFor } from '../helpers/return-fixtures.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';
const COUNCIL_CONTRIBUTOR = 'hr.adviser@northshire-council.example';
const NHS_CONTRIBUTOR = 'training.lead@nr-nhs.example';
const POLICE_LEAD = 'public.protection@northshire-police.example';
const ADMIN = 'business.manager@nrscp.example';

describe('an agency lead assigns themes to contributors', () => {
  let t: TestApp;
  let lead: TestClient;
  let contributor: TestClient;
  let themes: ThemeInfo[];
  let returnId: string;
  let contributorId: string;
  /** Assigned to the contributor in the demo. */
  let safer: ThemeInfo;
  /** Assigned by this test. */
  let leadership: ThemeInfo;
  /** Never assigned to the contributor. */
  let training: ThemeInfo;

  const assignmentsOf = async (themeId: string) =>
    t.database.db
      .select()
      .from(themeAssignments)
      .where(and(eq(themeAssignments.returnId, returnId), eq(themeAssignments.themeId, themeId)));
  const historyOf = async (event: string) =>
    t.database.db
      .select()
      .from(returnHistory)
      .where(and(eq(returnHistory.returnId, returnId), eq(returnHistory.event, event)));

  before(async () => {
    t = await startTestApp();
    lead = await t.signIn(COUNCIL_LEAD);
    contributor = await t.signIn(COUNCIL_CONTRIBUTOR);
    themes = await themesFor(t, 'council');
    returnId = t.ids.returnIds.council!;
    contributorId = t.ids.userIds.councilContributor!;
    safer = themes.find((x) => x.key === 'safer-recruitment')!;
    leadership = themes.find((x) => x.key === 'leadership')!;
    training = themes.find((x) => x.key === 'training')!;
  });
  after(async () => t.close());

  it('shows the lead who is doing what, linked from the task list', async () => {
    const taskList = await lead.get(`/returns/${returnId}`);
    assert.ok(taskList.body.includes(`href="/returns/${returnId}/assignments"`));
    const page = await lead.get(`/returns/${returnId}/assignments`);
    assert.equal(page.status, 200);
    assert.match(page.body, /Who is doing what/);
    for (const theme of themes) assert.ok(page.body.includes(`/assignments/${theme.id}"`), theme.title);
    const saferRow = page.body.slice(page.body.indexOf(safer.title));
    assert.match(saferRow.slice(0, 600), /Tom Bradley/);
    assert.match(saferRow.slice(0, 600), /Not started/);
    assert.match(saferRow.slice(0, 600), /Not changed yet/);
  });

  it('assigns a theme: stores it, records it in the history and emails the contributor a link', async () => {
    const form = await lead.get(`/returns/${returnId}/assignments/${leadership.id}`);
    assert.equal(form.status, 200);
    assert.match(form.body, /type="checkbox"[^>]*value="[^"]+"/);
    assert.match(form.body, /Tom Bradley/);
    const res = await lead.post(`/returns/${returnId}/assignments/${leadership.id}`, {
      assignees: contributorId,
    });
    assert.equal(res.status, 303);
    assert.equal(res.location, `/returns/${returnId}/assignments?saved=${leadership.id}`);
    assert.deepEqual(
      (await assignmentsOf(leadership.id)).map((a) => a.userId),
      [contributorId],
    );
    const [mail] = await t.mailTo(COUNCIL_CONTRIBUTOR);
    assert.match(mail!.subject, /asked to answer a theme/);
    assert.ok(mail!.bodyText.includes(leadership.title));
    assert.ok(mail!.bodyText.includes(`http://localhost:3000/returns/${returnId}`));
    const [entry] = await historyOf('theme_assigned');
    assert.equal(entry?.field, `Who answers: ${leadership.title}`);
    assert.equal(entry?.newValue, 'Tom Bradley');
    assert.equal(entry?.userId, t.ids.userIds.councilLead);
    const overview = await lead.get(res.location!);
    assert.match(overview.body, /Saved who answers/);
    // Saving the same choice again changes nothing and sends no second email.
    await lead.get(`/returns/${returnId}/assignments/${leadership.id}`);
    await lead.post(`/returns/${returnId}/assignments/${leadership.id}`, { assignees: contributorId });
    assert.equal((await historyOf('theme_assigned')).length, 1);
    assert.equal(
      (await t.mailTo(COUNCIL_CONTRIBUTOR)).filter((m) => /asked to answer/.test(m.subject)).length,
      1,
    );
  });

  it('refuses someone who is not a contributor of the agency, keeping the valid choices', async () => {
    await lead.get(`/returns/${returnId}/assignments/${training.id}`);
    const res = await lead.post(`/returns/${returnId}/assignments/${training.id}`, {
      assignees: [contributorId, t.ids.userIds.nhsContributor!],
    });
    assert.equal(res.status, 422);
    assert.match(res.body, /govuk-error-summary/);
    assert.match(res.body, /Select only people listed here/);
    assert.match(res.body, new RegExp(`value="${contributorId}" checked`));
    assert.equal((await assignmentsOf(training.id)).length, 0);
  });

  it('shows a contributor only their themes, on the returns list and the task list', async () => {
    const list = await contributor.get('/returns');
    assert.match(list.body, /Your themes: 0 of 2 themes completed/);
    const page = await contributor.get(`/returns/${returnId}`);
    assert.equal(page.status, 200);
    assert.ok(page.body.includes(`/returns/${returnId}/themes/${safer.id}`));
    assert.ok(page.body.includes(`/returns/${returnId}/themes/${leadership.id}`));
    assert.ok(!page.body.includes(`/returns/${returnId}/themes/${training.id}`));
    const others = page.body.slice(page.body.indexOf('Other themes'));
    assert.ok(others.includes(training.title), 'other themes are listed by title');
    assert.ok(!others.includes(safer.title), 'assigned themes are not among the others');
    assert.ok(!page.body.includes(`/returns/${returnId}/details"`));
    assert.ok(!page.body.includes(`/returns/${returnId}/sign-off"`));
    assert.ok(!page.body.includes(`/returns/${returnId}/assignments"`));
    assert.ok(!page.body.includes(`/returns/${returnId}/copy"`));
  });

  it('lets a contributor open and save an assigned theme, and the lead sees who changed it', async () => {
    const open = await contributor.get(`/returns/${returnId}/themes/${leadership.id}`);
    assert.equal(open.status, 200);
    const save = await contributor.post(
      `/returns/${returnId}/themes/${leadership.id}`,
      completeThemeFields(leadership, { 'q1-comment': 'Board minutes, March' }),
    );
    assert.equal(save.status, 303);
    assert.equal(save.location, `/returns/${returnId}/themes/${safer.id}`, 'on to their next theme');
    const saved = await t.database.db
      .select()
      .from(answers)
      .where(and(eq(answers.returnId, returnId), eq(answers.questionId, leadership.questions[0]!.id)));
    assert.equal(saved[0]?.comment, 'Board minutes, March');
    assert.equal(saved[0]?.updatedBy, contributorId);
    const overview = await lead.get(`/returns/${returnId}/assignments`);
    const row = overview.body.slice(overview.body.indexOf(leadership.title)).slice(0, 600);
    assert.match(row, /Completed/);
    assert.match(row, /Tom Bradley, 10:00am on Monday 23 November 2026/);
    const list = await contributor.get('/returns');
    assert.match(list.body, /Your themes: 1 of 2 themes completed/);
  });

  it('refuses a contributor a theme not assigned to them, reading or saving (403)', async () => {
    const read = await contributor.get(`/returns/${returnId}/themes/${training.id}`);
    assert.equal(read.status, 403);
    assert.match(read.body, /This theme is not assigned to you/);
    await contributor.get(`/returns/${returnId}/themes/${safer.id}`);
    const forged = await contributor.post(
      `/returns/${returnId}/themes/${training.id}`,
      completeThemeFields(training, { 'q1-comment': 'Forged' }),
    );
    assert.equal(forged.status, 403);
    const stored = await t.database.db
      .select()
      .from(answers)
      .where(and(eq(answers.returnId, returnId), eq(answers.questionId, training.questions[0]!.id)));
    assert.equal(stored.length, 0);
  });

  it('refuses a contributor sign-off, submission, the details and the whole-return records', async () => {
    await contributor.get(`/returns/${returnId}/sign-off`);
    const signoff = await contributor.post(`/returns/${returnId}/sign-off`, {
      signoffName: 'Jane Morgan',
      signoffJobTitle: 'Director',
      'signoffDate-day': '20',
      'signoffDate-month': '11',
      'signoffDate-year': '2026',
      confirm: 'yes',
    });
    assert.equal(signoff.status, 403);
    const submit = await contributor.post(`/returns/${returnId}/submit`);
    assert.equal(submit.status, 403);
    assert.equal((await contributor.get(`/returns/${returnId}/details`)).status, 403);
    const details = await contributor.post(`/returns/${returnId}/details`, {
      completerName: 'Tom Bradley',
      completerRole: 'HR',
      completerEmail: COUNCIL_CONTRIBUTOR,
      completerPhone: '',
    });
    assert.equal(details.status, 403);
    for (const path of ['/copy', '/copy.pdf', '/scores', '/history'])
      assert.equal((await contributor.get(`/returns/${returnId}${path}`)).status, 403, path);
  });

  it('shows a contributor the answers of their themes only on the check page', async () => {
    await lead.get(`/returns/${returnId}/themes/${training.id}`);
    const leadSave = await lead.post(`/returns/${returnId}/themes/${training.id}`, {
      'q1-comment': 'Lead-only training note',
      intent: 'continue',
    });
    assert.equal(leadSave.status, 303);
    const check = await contributor.get(`/returns/${returnId}/check`);
    assert.equal(check.status, 200);
    assert.match(check.body, /Board minutes, March/);
    assert.ok(!check.body.includes('Lead-only training note'));
    assert.match(check.body, /This theme is not assigned to you/);
    assert.ok(!check.body.includes(`${returnId}/submit`), 'no submit button');
    const leadCheck = await lead.get(`/returns/${returnId}/check`);
    assert.ok(leadCheck.body.includes('Lead-only training note'));
  });

  it('shows a contributor the actions of their themes only, and refuses the others', async () => {
    // An Amber rating on an unassigned theme gives an action the contributor must not see.
    await lead.get(`/returns/${returnId}/themes/${training.id}`);
    await lead.post(
      `/returns/${returnId}/themes/${training.id}`,
      completeThemeFields(training, {
        rating: 'amber',
        justification: 'Gaps in refresher training',
        'rating-action': 'Run refresher training for all staff',
        'rating-target-date-day': '31',
        'rating-target-date-month': '3',
        'rating-target-date-year': '2027',
      }),
    );
    const [action] = await t.database.db
      .select()
      .from(actions)
      .where(and(eq(actions.returnId, returnId), eq(actions.themeId, training.id)));
    assert.ok(action);
    const plan = await contributor.get(`/returns/${returnId}/actions`);
    assert.equal(plan.status, 200);
    assert.match(plan.body, /Action plan for your themes/);
    assert.ok(!plan.body.includes('Run refresher training for all staff'));
    assert.equal((await contributor.get(`/returns/${returnId}/actions/${action.id}`)).status, 403);
    const leadPlan = await lead.get(`/returns/${returnId}/actions`);
    assert.ok(leadPlan.body.includes('Run refresher training for all staff'));
  });

  it('unassigns: records it and the contributor can no longer open the theme', async () => {
    await lead.get(`/returns/${returnId}/assignments/${leadership.id}`);
    const res = await lead.post(`/returns/${returnId}/assignments/${leadership.id}`, {});
    assert.equal(res.status, 303);
    assert.equal((await assignmentsOf(leadership.id)).length, 0);
    const [entry] = await historyOf('theme_unassigned');
    assert.equal(entry?.field, `Who answers: ${leadership.title}`);
    assert.equal(entry?.oldValue, 'Tom Bradley');
    const history = await lead.get(`/returns/${returnId}/history`);
    assert.ok(history.body.includes(`Who answers: ${leadership.title}`));
    assert.equal((await contributor.get(`/returns/${returnId}/themes/${leadership.id}`)).status, 403);
    const overview = await lead.get(`/returns/${returnId}/assignments`);
    const row = overview.body.slice(overview.body.indexOf(leadership.title)).slice(0, 600);
    assert.match(row, /Agency leads only/);
  });

  it('is for the agency’s leads: a contributor and the partnership get 403, another agency 404', async () => {
    const url = `/returns/${returnId}/assignments`;
    assert.equal((await contributor.get(url)).status, 403);
    assert.equal((await contributor.get(`${url}/${training.id}`)).status, 403);
    await contributor.get(`/returns/${returnId}`);
    const selfAssign = await contributor.post(`${url}/${training.id}`, { assignees: contributorId });
    assert.equal(selfAssign.status, 403);
    const admin = await t.signIn(ADMIN);
    assert.equal((await admin.get(url)).status, 403);
    const police = await t.signIn(POLICE_LEAD);
    assert.equal((await police.get(url)).status, 404);
    await police.get(`/returns/${t.ids.returnIds.police}`);
    const foreign = await police.post(`${url}/${training.id}`, { assignees: contributorId });
    assert.equal(foreign.status, 404);
    assert.equal((await assignmentsOf(training.id)).length, 0);
  });

  it('tells a contributor with no assignments that their lead has not assigned any yet', async () => {
    const nhs = await t.signIn(NHS_CONTRIBUTOR);
    const list = await nhs.get('/returns');
    assert.match(list.body, /No themes assigned to you yet/);
    const page = await nhs.get(`/returns/${t.ids.returnIds.nhs}`);
    assert.equal(page.status, 200);
    assert.match(page.body, /Your agency lead has not assigned you any themes yet/);
    assert.ok(!page.body.includes(`/returns/${t.ids.returnIds.nhs}/themes/`));
  });

  it('removing a contributor removes their assignments and records it', async () => {
    assert.equal((await assignmentsOf(safer.id)).length, 1);
    const colleagues = `/agencies/${t.ids.agencyIds.council}/colleagues`;
    await lead.get(colleagues);
    const removed = await lead.post(`${colleagues}/${contributorId}/remove`);
    assert.equal(removed.status, 303);
    assert.equal((await assignmentsOf(safer.id)).length, 0);
    const entries = await historyOf('theme_unassigned');
    const entry = entries.find((e) => e.field === `Who answers: ${safer.title}`);
    assert.equal(entry?.oldValue, 'Tom Bradley');
    assert.equal(entry?.note, 'removed from the agency');
  });

  it('refuses changes to who answers once the return is submitted', async () => {
    await t.database.db.execute(
      // Submitted directly: the submission journey is tested elsewhere.
      sql`update returns set status = 'submitted' where id = ${returnId}`,
    );
    const overview = await lead.get(`/returns/${returnId}/assignments`);
    assert.equal(overview.status, 200);
    assert.ok(!overview.body.includes(`/assignments/${training.id}"`));
    assert.equal((await lead.get(`/returns/${returnId}/assignments/${training.id}`)).status, 409);
  });
});
