import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { actions, answers, returns, themeRatings, users } from '../../src/db/schema.ts';
import { loadCurrentUser } from '../../src/features/auth/users.repository.ts';
import { detailsOf, saveDetails } from '../../src/features/returns/return-editing.service.ts';
import type { ThemeInfo } from '../../src/features/returns/return-structure.ts';
import { findAccessibleReturn } from '../../src/features/returns/returns.repository.ts';
import { HttpError } from '../../src/lib/http-errors.ts';
import { completeThemeFields, themesFor } from '../helpers/return-fixtures.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';
const NHS_LEAD = 'named.nurse@nr-nhs.example';

describe('an agency completes and submits its return', () => {
  let t: TestApp;
  let lead: TestClient;
  let themes: ThemeInfo[];
  let returnId: string;

  before(async () => {
    t = await startTestApp();
    lead = await t.signIn(COUNCIL_LEAD);
    themes = await themesFor(t, 'council');
    returnId = t.ids.returnIds.council!;
  });
  after(async () => t.close());

  it('lists the agency’s returns with honest progress', async () => {
    const page = await lead.get('/returns');
    assert.equal(page.status, 200);
    assert.match(page.body, /Northshire County Council Children’s Services/);
    assert.match(page.body, new RegExp(`0 of ${themes.length} themes completed`));
    assert.match(page.body, /Not started/);
  });

  it('shows a task list without the locality-only theme the agency does not serve', async () => {
    const page = await lead.get(`/returns/${returnId}`);
    assert.equal(page.status, 200);
    for (const theme of themes)
      assert.ok(page.body.includes(`/returns/${returnId}/themes/${theme.id}`), theme.title);
    assert.doesNotMatch(page.body, />\s*Neglect\s*</);
    const nhs = await t.signIn(NHS_LEAD);
    const nhsPage = await nhs.get(`/returns/${t.ids.returnIds.nhs}`);
    assert.match(nhsPage.body, />\s*Neglect\s*</);
  });

  it('numbers each theme page as the template does, never past its count', async () => {
    // The council does not serve Neglect's locality, so it has one theme fewer than the template
    // (which the NHS trust, serving both localities, has all of). Its theme pages keep the
    // template's numbers and count.
    const all = await themesFor(t, 'nhs');
    assert.equal(all.length, themes.length + 1);
    for (const theme of [themes[0]!, themes.at(-1)!]) {
      const page = await lead.get(`/returns/${returnId}/themes/${theme.id}`);
      const caption = /Theme (\d+) of (\d+)/.exec(page.body);
      assert.ok(caption, 'the theme page has its caption');
      assert.deepEqual([Number(caption[1]), Number(caption[2])], [theme.number, all.length]);
    }
  });

  it('rejects missing details with the error summary and keeps what was typed', async () => {
    await lead.get(`/returns/${returnId}/details`);
    const res = await lead.post(`/returns/${returnId}/details`, {
      completerName: 'Helen Ward',
      completerRole: '',
      completerEmail: 'not-an-email',
      completerPhone: '',
    });
    assert.equal(res.status, 422);
    assert.match(res.body, /govuk-error-summary/);
    assert.match(res.body, /href="#completerRole"[^>]*>Enter their role/);
    assert.match(res.body, /Enter an email address in the correct format/);
    assert.match(res.body, /value="not-an-email"/);
    const state = async () =>
      (
        await t.database.db
          .select({ status: returns.status, lastActivityAt: returns.lastActivityAt })
          .from(returns)
          .where(eq(returns.id, returnId))
      )[0];
    assert.deepEqual(await state(), { status: 'not_started', lastActivityAt: null }, 'nothing saved yet');
    const ok = await lead.post(`/returns/${returnId}/details`, {
      completerName: 'Helen Ward',
      completerRole: 'Head of Safeguarding',
      completerEmail: COUNCIL_LEAD,
      completerPhone: '01632 960 001',
    });
    assert.equal(ok.status, 303);
    assert.equal(ok.location, `/returns/${returnId}/themes/${themes[0]!.id}`);
    // Saving marks the return active, and started.
    assert.deepEqual(await state(), { status: 'in_progress', lastActivityAt: t.clock.now() });
  });

  it('refuses, under its lock, a change to a return submitted since the page was read, leaving no mark', async () => {
    const db = t.database.db;
    const [person] = await db.select({ id: users.id }).from(users).where(eq(users.email, COUNCIL_LEAD));
    const user = (await loadCurrentUser(db, person!.id))!;
    // The return as the page read it (editable), then submitted by someone else before the save.
    const ctx = (await findAccessibleReturn(db, user, returnId))!;
    const [was] = await db.select().from(returns).where(eq(returns.id, returnId));
    await db.update(returns).set({ status: 'submitted' }).where(eq(returns.id, returnId));
    t.clock.advance(60_000);
    await assert.rejects(
      saveDetails(db, ctx, { ...detailsOf(was!), completerName: 'Late change' }, user.id, t.clock.now()),
      (e: unknown) => e instanceof HttpError && e.statusCode === 409 && /submitted/.test(e.title),
    );
    const [after] = await db.select().from(returns).where(eq(returns.id, returnId));
    assert.equal(after!.completerName, was!.completerName);
    assert.deepEqual(after!.lastActivityAt, was!.lastActivityAt, 'the lock marked nothing');
    await db.update(returns).set({ status: was!.status }).where(eq(returns.id, returnId));
  });

  it('saves partial answers, and refuses to mark a theme complete until the rules are met', async () => {
    const theme = themes[0]!;
    await lead.get(`/returns/${returnId}/themes/${theme.id}`);
    const q1 = theme.questions[0]!;
    const q2 = theme.questions[1]!;
    const na = q1.scale === 'graded' ? 'na' : 'na';
    const notMet = q2.scale === 'graded' ? 'not_met' : 'no';
    const res = await lead.post(`/returns/${returnId}/themes/${theme.id}`, {
      'q1-response': na,
      'q2-response': notMet,
      'q2-comment': 'Draft comment kept',
      rating: 'amber',
      justification: 'Partly in place',
      completed: 'yes',
      intent: 'continue',
    });
    assert.equal(res.status, 422);
    assert.match(res.body, /Explain why question 1 does not apply/);
    assert.match(res.body, /Describe the area for development for question 2/);
    assert.match(res.body, /Enter a target date for the area for development for question 2/);
    assert.match(res.body, /Select an answer for question 3/);
    assert.match(res.body, /Describe the area for development for this theme/);
    assert.match(res.body, /Draft comment kept/);
    // Saved as typed, though not complete.
    const saved = await t.database.db
      .select()
      .from(answers)
      .where(and(eq(answers.returnId, returnId), eq(answers.questionId, q2.id)));
    assert.equal(saved[0]?.response, notMet);
    assert.equal(saved[0]?.comment, 'Draft comment kept');
    const [rating] = await t.database.db
      .select()
      .from(themeRatings)
      .where(and(eq(themeRatings.returnId, returnId), eq(themeRatings.themeId, theme.id)));
    assert.equal(rating?.completedAt, null);
    const reload = await lead.get(`/returns/${returnId}/themes/${theme.id}`);
    assert.match(reload.body, /Draft comment kept/);
    const list = await lead.get(`/returns/${returnId}`);
    assert.match(list.body, /In progress/);
  });

  it('turns Not met, Partly met and No into actions, and Red or Amber ratings too', async () => {
    const theme = themes[0]!;
    const q2 = theme.questions[1]!;
    const fields = completeThemeFields(theme, {
      'q2-response': q2.scale === 'graded' ? 'partly_met' : 'no',
      'q2-action': 'Refresh the policy and brief managers',
      'q2-target-date-day': '31',
      'q2-target-date-month': '3',
      'q2-target-date-year': '2027',
      'q1-response': 'na',
      'q1-na-reason': 'Not relevant: our parent body holds this duty, and its policy covers us.',
      rating: 'amber',
      justification: 'Mostly in place; the policy needs refreshing.',
      'rating-action': 'Complete the policy refresh',
      'rating-target-date-day': '30',
      'rating-target-date-month': '4',
      'rating-target-date-year': '2027',
    });
    const res = await lead.post(`/returns/${returnId}/themes/${theme.id}`, fields);
    assert.equal(res.status, 303, res.body.slice(0, 2000));
    assert.equal(res.location, `/returns/${returnId}/themes/${themes[1]!.id}`);
    const rows = await t.database.db.select().from(actions).where(eq(actions.returnId, returnId));
    assert.deepEqual(
      rows
        .map((a) => [a.questionId, a.description, a.targetDate])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      [
        [q2.id, 'Refresh the policy and brief managers', '2027-03-31'],
        [null, 'Complete the policy refresh', '2027-04-30'],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    const list = await lead.get('/returns');
    assert.match(list.body, new RegExp(`1 of ${themes.length} themes completed`));
    // The theme page shows everything as saved: answers, reasons, actions with their dates, the rating.
    const page = (await lead.get(`/returns/${returnId}/themes/${theme.id}`)).body;
    assert.match(page, /name="q1-response" type="radio" value="na" checked/);
    assert.match(
      page,
      /Not relevant: our parent body holds this duty, and its policy covers us\.<\/textarea>/,
    );
    assert.match(page, /Refresh the policy and brief managers<\/textarea>/);
    assert.match(page, /name="q2-target-date-day" type="text" value="31"/);
    assert.match(page, /name="q2-target-date-year" type="text" value="2027"/);
    assert.match(page, /name="rating" type="radio" value="amber" checked/);
    assert.match(page, /Complete the policy refresh<\/textarea>/);
    assert.match(page, /name="rating-target-date-month" type="text" value="4"/);
    assert.match(page, /Mostly in place; the policy needs refreshing\.<\/textarea>/);
  });

  it('refuses over-long text and impossible dates without saving anything', async () => {
    const theme = themes[0]!;
    const res = await lead.post(
      `/returns/${returnId}/themes/${theme.id}`,
      completeThemeFields(theme, {
        'q3-comment': 'x'.repeat(5001),
        'q2-target-date-day': '31',
        'q2-target-date-month': '2',
        'q2-target-date-year': '2027',
      }),
    );
    assert.equal(res.status, 422);
    assert.match(res.body, /Question 3: comments must be 5,000 characters or fewer/);
    assert.match(res.body, /target date must be a real date/);
    const [rating] = await t.database.db
      .select()
      .from(themeRatings)
      .where(and(eq(themeRatings.returnId, returnId), eq(themeRatings.themeId, theme.id)));
    assert.equal(rating?.rating, 'amber', 'the earlier save is untouched');
    assert.notEqual(rating?.completedAt, null);
  });

  it('saves and emails a link back when continuing later', async () => {
    const theme = themes[1]!;
    await lead.get(`/returns/${returnId}/themes/${theme.id}`);
    const res = await lead.post(`/returns/${returnId}/themes/${theme.id}`, {
      'q1-comment': 'Half done',
      intent: 'later',
    });
    assert.equal(res.status, 303);
    const confirm = await lead.get(res.location!);
    assert.match(confirm.body, /Your progress has been saved/);
    assert.match(confirm.body, new RegExp(COUNCIL_LEAD.replace(/\./g, '\\.')));
    const [mail] = await t.mailTo(COUNCIL_LEAD);
    assert.match(mail!.subject, /Section 11 return saved/);
    assert.ok(mail!.bodyText.includes(`http://localhost:3000/returns/${returnId}/themes/${theme.id}`));
  });

  it('lets the agency lead record the senior officer’s sign-off, checking every field', async () => {
    await lead.get(`/returns/${returnId}/sign-off`);
    const bad = await lead.post(`/returns/${returnId}/sign-off`, {
      signoffName: '',
      signoffJobTitle: 'Director of Children’s Services',
      'signoffDate-day': '1',
      'signoffDate-month': '1',
      'signoffDate-year': '2030',
    });
    assert.equal(bad.status, 422);
    assert.match(bad.body, /Enter the senior officer&#39;s name|Enter the senior officer's name/);
    assert.match(bad.body, /must be today or in the past/);
    assert.match(bad.body, /Confirm the senior officer has read/);
    assert.match(bad.body, /Director of Children’s Services/);
    const ok = await lead.post(`/returns/${returnId}/sign-off`, {
      signoffName: 'Jane Morgan',
      signoffJobTitle: 'Director of Children’s Services',
      'signoffDate-day': '20',
      'signoffDate-month': '11',
      'signoffDate-year': '2026',
      confirm: 'yes',
    });
    assert.equal(ok.status, 303);
  });

  it('warns on the check page which unanswered questions will be graded Red', async () => {
    const page = await lead.get(`/returns/${returnId}/check`);
    assert.equal(page.status, 200);
    assert.match(page.body, /will be graded Red/);
    assert.ok(page.body.includes(themes[1]!.title));
    assert.match(page.body, /Submit return/);
  });

  it('submits: locks the return, grades unanswered themes Red, gives a reference and emails both sides', async () => {
    const res = await lead.post(`/returns/${returnId}/submit`);
    assert.equal(res.status, 303);
    assert.equal(res.location, `/returns/${returnId}/confirmation`);
    const [row] = await t.database.db.select().from(returns).where(eq(returns.id, returnId));
    assert.equal(row?.status, 'submitted');
    assert.match(row?.reference ?? '', /^S11-2026-[A-Z2-9]{6}$/);
    const confirm = await lead.get(res.location!);
    assert.ok(confirm.body.includes(row!.reference!));
    assert.match(confirm.body, /copy\.pdf/);
    const ratings = await t.database.db
      .select()
      .from(themeRatings)
      .where(eq(themeRatings.returnId, returnId));
    const byTheme = new Map(ratings.map((r) => [r.themeId, r.rating]));
    assert.equal(byTheme.get(themes[0]!.id), 'amber', 'a completed theme keeps its own rating');
    for (const theme of themes.slice(1))
      assert.equal(byTheme.get(theme.id), 'red', `${theme.title} defaults to Red`);
    const [leadMail] = await t.mailTo(COUNCIL_LEAD);
    assert.match(leadMail!.subject, /Section 11 return submitted/);
    const [partnershipMail] = await t.mailTo('section11@nrscp.example');
    assert.match(partnershipMail!.subject, /Section 11 return received/);
    assert.ok(partnershipMail!.bodyText.includes(row!.reference!));
  });

  it('keeps the submitted return’s grades for the results, the same as the results work out from its answers', async () => {
    const kept = () =>
      queryRows<{ self_codes: string; response_codes: string; same_submission: boolean }>(
        t.database.db,
        sql`select g.self_codes, g.response_codes, g.submitted_at = r.submitted_at as same_submission
            from return_grades g join returns r on r.id = g.return_id where g.return_id = ${returnId}`,
      );
    const [atSubmission] = await kept();
    assert.ok(atSubmission, 'kept at submission');
    assert.equal(atSubmission.same_submission, true);
    assert.match(atSubmission.self_codes, /^[RAG]+$/);
    // Worked out again by the results from the answers: the same letters.
    await t.database.db.execute(sql`delete from return_grades where return_id = ${returnId}`);
    const admin = await t.signIn('business.manager@nrscp.example');
    assert.equal((await admin.get(`/cycles/${t.ids.cycleId}/results`)).status, 200);
    const [byResults] = await kept();
    assert.deepEqual(byResults, atSubmission);
  });

  it('refuses a second submit and any edit after submission, losing nothing', async () => {
    const again = await lead.post(`/returns/${returnId}/submit`);
    assert.equal(again.status, 409);
    assert.match(again.body, /already been submitted/);
    const theme = themes[0]!;
    const stale = await lead.post(
      `/returns/${returnId}/themes/${theme.id}`,
      completeThemeFields(theme, { rating: 'green' }),
    );
    assert.equal(stale.status, 409);
    const [rating] = await t.database.db
      .select()
      .from(themeRatings)
      .where(and(eq(themeRatings.returnId, returnId), eq(themeRatings.themeId, theme.id)));
    assert.equal(rating?.rating, 'amber');
    const activity = async () =>
      (
        await t.database.db
          .select({ at: returns.lastActivityAt })
          .from(returns)
          .where(eq(returns.id, returnId))
      )[0]?.at;
    const before = await activity();
    t.clock.advance(60_000);
    const details = await lead.post(`/returns/${returnId}/details`, {
      completerName: 'Someone else',
      completerRole: 'x',
      completerEmail: 'x@example.org',
      completerPhone: '',
    });
    assert.equal(details.status, 409);
    // The refused change left the return as it was, its last activity too.
    assert.deepEqual(await activity(), before);
    const themePage = await lead.get(`/returns/${returnId}/themes/${theme.id}`);
    assert.equal(themePage.status, 303, 'a submitted theme is shown read-only on the check page');
  });
});

describe('one agency cannot reach another’s return', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => t.close());

  it('answers 404 to reading, changing or submitting it, and to forged ids', async () => {
    const police = await t.signIn('public.protection@northshire-police.example');
    const councilReturn = t.ids.returnIds.council!;
    const [theme] = await themesFor(t, 'council');
    for (const path of ['', '/details', `/themes/${theme!.id}`, '/check', '/sign-off', '/confirmation']) {
      const res = await police.get(`/returns/${councilReturn}${path}`);
      assert.equal(res.status, 404, `GET ${path}`);
    }
    await police.get(`/returns/${t.ids.returnIds.police}`);
    const post = await police.post(`/returns/${councilReturn}/themes/${theme!.id}`, {
      'q1-comment': 'intrusion',
      intent: 'continue',
    });
    assert.equal(post.status, 404);
    const submit = await police.post(`/returns/${councilReturn}/submit`);
    assert.equal(submit.status, 404);
    const stored = await t.database.db.select().from(answers).where(eq(answers.returnId, councilReturn));
    assert.equal(stored.length, 0);
    assert.equal((await police.get('/returns/00000000-0000-4000-8000-000000000000')).status, 404);
    assert.equal((await police.get('/returns/not-a-uuid')).status, 404);
    assert.equal((await police.get(`/returns/${t.ids.returnIds.police}/themes/not-a-uuid`)).status, 404);
  });

  it('lets a contributor work on the themes assigned to them but not sign off or submit', async () => {
    const contributor = await t.signIn('hr.adviser@northshire-council.example');
    const councilReturn = t.ids.returnIds.council!;
    const themes = await themesFor(t, 'council');
    // The demo council lead has assigned Safer recruitment to this contributor.
    const theme = themes.find((x) => x.key === 'safer-recruitment')!;
    await contributor.get(`/returns/${councilReturn}/themes/${theme.id}`);
    const save = await contributor.post(`/returns/${councilReturn}/themes/${theme.id}`, {
      'q1-comment': 'HR evidence to follow',
      intent: 'continue',
    });
    assert.equal(save.status, 303);
    const other = themes.find((x) => x.id !== theme.id)!;
    const refused = await contributor.post(`/returns/${councilReturn}/themes/${other.id}`, {
      'q1-comment': 'not mine',
      intent: 'continue',
    });
    assert.equal(refused.status, 403);
    const signoff = await contributor.post(`/returns/${councilReturn}/sign-off`, { signoffName: 'x' });
    assert.equal(signoff.status, 403);
    const submit = await contributor.post(`/returns/${councilReturn}/submit`);
    assert.equal(submit.status, 403);
  });

  it('lets the partnership read a return but not change it', async () => {
    const admin = await t.signIn('business.manager@nrscp.example');
    const res = await admin.get(`/returns/${t.ids.returnIds.council}`);
    assert.equal(res.status, 200);
    assert.match(res.body, /Only the agency can change it/);
    const [theme] = await themesFor(t, 'council');
    const post = await admin.post(`/returns/${t.ids.returnIds.council}/themes/${theme!.id}`, {
      'q1-comment': 'x',
      intent: 'continue',
    });
    assert.equal(post.status, 403);
  });
});
