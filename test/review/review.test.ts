/**
 * The partnership reviews a submitted return, over HTTP on a real migrated database: challenges and
 * the agency's answers, moderated grades, evidence requests (a reference, an upload, a refused fake
 * file), the overdue list, returning it for changes to named themes only, resubmission and
 * acceptance, and challenge events whose agreed actions join the action plan.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { escapeHtml } from '@kitajs/html';
import { and, eq } from 'drizzle-orm';
import {
  actions,
  challenges,
  cyclePartnerships,
  evidenceFiles,
  evidenceRequests,
  returnHistory,
  returns,
  themeModerations,
  themeRatings,
  users,
} from '../../src/db/schema.ts';
import type { ThemeInfo } from '../../src/features/returns/return-structure.ts';
import { assertCharacterCount } from '../helpers/character-count.ts';
import { decoded } from '../helpers/form-fields.ts';
import { addOtherPartnership } from '../helpers/other-partnership.ts';
import { completeThemeFields, giveDetailsAndSignOff, themesFor } from '../helpers/return-fixtures.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';
const CONTRIBUTOR = 'hr.adviser@northshire-council.example';
const SCRUTINEER = 'scrutineer@nrscp.example';
const ADMIN = 'business.manager@nrscp.example';
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 7),
]);

/** The task list item (decoded) whose title is `title`. */
const taskListRow = (body: string, title: string) =>
  decoded(body)
    .split('<li class="govuk-task-list__item')
    .find((item) => item.includes(`>${title}<`) || item.includes(`>\n${title}`)) ?? '';
const idFrom = (location: string | undefined, kind: string) =>
  new RegExp(`/${kind}/([0-9a-f-]{36})`).exec(location ?? '')?.[1] ?? '';

describe('the partnership reviews a return', () => {
  let t: TestApp;
  let lead: TestClient;
  let contributor: TestClient;
  let reviewer: TestClient;
  let other: TestClient;
  let themes: ThemeInfo[];
  let returnId: string;
  let saferRecruitment: ThemeInfo;
  let wholeChallengeId: string;
  let contributorChallengeId: string;
  let firstThemeChallengeId: string;
  let reference: string;

  before(async () => {
    t = await startTestApp();
    returnId = t.ids.returnIds.council!;
    themes = await themesFor(t, 'council');
    saferRecruitment = themes.find((th) => th.key === 'safer-recruitment')!;
    lead = await t.signIn(COUNCIL_LEAD);
    for (const theme of themes.slice(0, 2)) {
      await lead.get(`/returns/${returnId}/themes/${theme.id}`);
      const saved = await lead.post(`/returns/${returnId}/themes/${theme.id}`, completeThemeFields(theme));
      assert.equal(saved.status, 303, saved.body.slice(0, 500));
    }
    await lead.get(`/returns/${returnId}/details`);
    await giveDetailsAndSignOff(lead, returnId, COUNCIL_LEAD);
    await lead.get(`/returns/${returnId}/check`);
    const submitted = await lead.post(`/returns/${returnId}/submit`);
    assert.equal(submitted.status, 303, submitted.body.slice(0, 500));
    const [row] = await t.database.db.select().from(returns).where(eq(returns.id, returnId));
    reference = row!.reference!;
    contributor = await t.signIn(CONTRIBUTOR);
    reviewer = await t.signIn(SCRUTINEER);
    const westvale = await addOtherPartnership(t);
    other = await t.signIn(westvale.adminEmail);
  });
  after(async () => t.close());

  it('is linked from the monitoring page and the read-only return', async () => {
    const monitoring = await reviewer.get(`/cycles/${t.ids.cycleId}`);
    assert.ok(monitoring.body.includes(`/returns/${returnId}/review`));
    assert.ok(monitoring.body.includes(`/cycles/${t.ids.cycleId}/challenge-events`));
    const read = await reviewer.get(`/returns/${returnId}`);
    assert.match(read.body, new RegExp(`href="/returns/${returnId}/review"[^>]*>\\s*Review this return`));
    const page = await reviewer.get(`/returns/${returnId}/review`);
    assert.equal(page.status, 200);
    assert.match(page.body, /Review of the return/);
    assert.ok(page.body.includes(reference));
  });

  it('gives another partnership a 404 for every part of the review', async () => {
    for (const url of [
      `/returns/${returnId}/review`,
      `/returns/${returnId}/review/challenges/new`,
      `/returns/${returnId}/review/grades/${themes[0]!.id}`,
      `/returns/${returnId}/challenges`,
      `/returns/${returnId}/evidence`,
      `/cycles/${t.ids.cycleId}/challenge-events`,
      `/cycles/${t.ids.cycleId}/evidence-requests`,
    ])
      assert.equal((await other.get(url)).status, 404, url);
    const forged = await other.post(`/returns/${returnId}/review/grades/${themes[0]!.id}`, {
      rating: 'red',
      reason: 'Forged',
    });
    assert.equal(forged.status, 404);
    const rows = await t.database.db.select().from(themeModerations);
    assert.equal(rows.length, 0);
  });

  it('refuses the agency the partnership’s side: it cannot record a moderated grade or a challenge', async () => {
    assert.equal((await lead.get(`/returns/${returnId}/review`)).status, 403);
    await lead.get(`/returns/${returnId}`);
    const grade = await lead.post(`/returns/${returnId}/review/grades/${themes[0]!.id}`, {
      rating: 'green',
      reason: 'We think we are green',
    });
    assert.equal(grade.status, 403);
    const challenge = await lead.post(`/returns/${returnId}/review/challenges/new`, {
      themeId: '',
      body: 'A question to ourselves',
    });
    assert.equal(challenge.status, 403);
    assert.equal((await t.database.db.select().from(themeModerations)).length, 0);
    assert.equal((await t.database.db.select().from(challenges)).length, 0);
  });

  it('records challenges theme by theme or on the whole return, emailing a link but never the text', async () => {
    await reviewer.get(`/returns/${returnId}/review/challenges/new`);
    const empty = await reviewer.post(`/returns/${returnId}/review/challenges/new`, {
      themeId: 'not-a-theme',
      body: '   ',
    });
    assert.equal(empty.status, 422);
    assert.match(empty.body, /govuk-error-summary/);
    assert.match(empty.body, /Enter your challenge question or comment/);
    assert.match(empty.body, /Select a theme, or the return as a whole/);

    const whole = await reviewer.post(`/returns/${returnId}/review/challenges/new`, {
      themeId: '',
      body: 'How does the board hear about safeguarding complaints?',
    });
    assert.equal(whole.status, 303);
    wholeChallengeId = idFrom(whole.location, 'challenges');
    const onTheme = await reviewer.post(`/returns/${returnId}/review/challenges/new`, {
      themeId: saferRecruitment.id,
      body: 'What proportion of DBS checks were renewed on time?',
    });
    contributorChallengeId = idFrom(onTheme.location, 'challenges');
    const first = await reviewer.post(`/returns/${returnId}/review/challenges/new`, {
      themeId: themes[0]!.id,
      body: 'Who deputises for the board lead?',
    });
    firstThemeChallengeId = idFrom(first.location, 'challenges');
    assert.ok(wholeChallengeId && contributorChallengeId && firstThemeChallengeId);

    const leadMail = (await t.mailTo(COUNCIL_LEAD)).filter((m) =>
      /A challenge on your Section 11 return/.test(m.subject),
    );
    assert.equal(leadMail.length, 3);
    const contributorMail = (await t.mailTo(CONTRIBUTOR)).filter((m) =>
      /A challenge on your Section 11 return/.test(m.subject),
    );
    assert.equal(contributorMail.length, 1, 'the contributor hears only of its theme');
    assert.ok(
      contributorMail[0]!.bodyText.includes(`/returns/${returnId}/challenges/${contributorChallengeId}`),
    );
    for (const mail of [...leadMail, ...contributorMail]) {
      assert.doesNotMatch(mail.bodyText, /DBS checks|board hear|deputises/);
    }
    const history = await t.database.db
      .select()
      .from(returnHistory)
      .where(and(eq(returnHistory.returnId, returnId), eq(returnHistory.event, 'challenge_raised')));
    assert.equal(history.length, 3);
  });

  it('shows a contributor only the challenges on its themes', async () => {
    const list = await contributor.get(`/returns/${returnId}/challenges`);
    assert.equal(list.status, 200);
    assert.ok(list.body.includes(`/challenges/${contributorChallengeId}`));
    assert.ok(!list.body.includes(`/challenges/${wholeChallengeId}`));
    assert.ok(!list.body.includes(`/challenges/${firstThemeChallengeId}`));
    assert.equal((await contributor.get(`/returns/${returnId}/challenges/${wholeChallengeId}`)).status, 404);
    const own = await contributor.get(`/returns/${returnId}/challenges/${contributorChallengeId}`);
    assert.equal(own.status, 200);
    assert.match(own.body, /What proportion of DBS checks/);
    const answered = await contributor.post(`/returns/${returnId}/challenges/${contributorChallengeId}`, {
      message: '96% were renewed on time; the rest within a fortnight.',
    });
    assert.equal(answered.status, 303);
    const task = await contributor.get(`/returns/${returnId}`);
    assert.match(task.body, /Challenges from the partnership/);
  });

  it('lets the agency answer, the reviewer follow up and close, and keeps the thread with dates and authors', async () => {
    const page = await lead.get(`/returns/${returnId}`);
    assert.match(page.body, /Challenges from the partnership/);
    assert.match(page.body, /2 challenges to answer/);
    await lead.get(`/returns/${returnId}/challenges/${wholeChallengeId}`);
    const blank = await lead.post(`/returns/${returnId}/challenges/${wholeChallengeId}`, { message: '' });
    assert.equal(blank.status, 422);
    assert.match(blank.body, /Enter your answer/);
    const answer = await lead.post(`/returns/${returnId}/challenges/${wholeChallengeId}`, {
      message: 'A quarterly report goes to the board.',
    });
    assert.equal(answer.status, 303);
    const notified = await t.mailTo(SCRUTINEER);
    assert.match(notified[0]!.subject, /has answered a challenge/);
    assert.doesNotMatch(notified[0]!.bodyText, /quarterly report/);

    await reviewer.get(`/returns/${returnId}/challenges/${wholeChallengeId}`);
    const follow = await reviewer.post(`/returns/${returnId}/challenges/${wholeChallengeId}`, {
      message: 'Please share the last two reports.',
    });
    assert.equal(follow.status, 303);
    const [open] = await t.database.db.select().from(challenges).where(eq(challenges.id, wholeChallengeId));
    assert.equal(open!.status, 'open', 'a follow-up waits on the agency again');
    await lead.get(`/returns/${returnId}/challenges/${wholeChallengeId}`);
    await lead.post(`/returns/${returnId}/challenges/${wholeChallengeId}`, {
      message: 'Attached to the evidence request.',
    });
    const close = await reviewer.post(`/returns/${returnId}/challenges/${wholeChallengeId}/close`);
    assert.equal(close.status, 303);
    const thread = await lead.get(`/returns/${returnId}/challenges/${wholeChallengeId}`);
    assert.match(thread.body, /How does the board hear/);
    assert.match(thread.body, /A quarterly report goes to the board/);
    assert.match(thread.body, /Please share the last two reports/);
    assert.match(thread.body, /Sam Okafor|Helen|Lead/);
    assert.match(thread.body, /\d{1,2} \w+ 2026/);
    assert.match(thread.body, /The partnership has closed this challenge/);
    const late = await lead.post(`/returns/${returnId}/challenges/${wholeChallengeId}`, {
      message: 'One more thing',
    });
    assert.equal(late.status, 409);
  });

  it('records a moderated grade beside the agency’s own rating, in the history, shown to the agency', async () => {
    const theme = themes[0]!;
    await reviewer.get(`/returns/${returnId}/review/grades/${theme.id}`);
    const bad = await reviewer.post(`/returns/${returnId}/review/grades/${theme.id}`, {
      rating: 'purple',
      reason: 'Gaps in deputising arrangements',
    });
    assert.equal(bad.status, 422);
    assert.match(bad.body, /Select the moderated grade/);
    assert.match(bad.body, /Gaps in deputising arrangements/, 'what was typed is kept');
    const ok = await reviewer.post(`/returns/${returnId}/review/grades/${theme.id}`, {
      rating: 'amber',
      reason: 'Gaps in deputising arrangements',
    });
    assert.equal(ok.status, 303);
    const review = await reviewer.get(`/returns/${returnId}/review`);
    assert.match(review.body, /app-rag--green[\s\S]*app-rag--amber/, 'own rating, then the moderated grade');
    const [history] = await t.database.db
      .select()
      .from(returnHistory)
      .where(and(eq(returnHistory.returnId, returnId), eq(returnHistory.event, 'moderated')));
    assert.equal(history!.newValue, 'Amber');
    assert.equal(history!.note, 'Gaps in deputising arrangements');
    const agency = await lead.get(`/returns/${returnId}`);
    assert.match(agency.body, /Moderated grades/);
    assert.match(
      agency.body,
      /id="moderated-grades"[\s\S]*app-rag--green[\s\S]*app-rag--amber/,
      'the agency sees its own rating beside the moderated grade',
    );
    assert.match(agency.body, /Gaps in deputising arrangements/);
    const ratings = await t.database.db
      .select()
      .from(themeRatings)
      .where(and(eq(themeRatings.returnId, returnId), eq(themeRatings.themeId, theme.id)));
    assert.equal(ratings[0]!.rating, 'green', 'the agency’s own rating is kept');
  });

  it('requests evidence, takes a reference, an upload, and refuses a fake file', async () => {
    await reviewer.get(`/returns/${returnId}/review/evidence/new`);
    const past = await reviewer.post(`/returns/${returnId}/review/evidence/new`, {
      themeId: '',
      description: 'Board safeguarding reports',
      'dueDate-day': '1',
      'dueDate-month': '1',
      'dueDate-year': '2026',
    });
    assert.equal(past.status, 422);
    assert.match(past.body, /must be today or in the future/);
    assert.match(past.body, /Board safeguarding reports/);
    const first = await reviewer.post(`/returns/${returnId}/review/evidence/new`, {
      themeId: '',
      description: 'Board safeguarding reports',
      'dueDate-day': '24',
      'dueDate-month': '11',
      'dueDate-year': '2026',
    });
    assert.equal(first.status, 303);
    const firstId = idFrom(first.location, 'evidence');
    const second = await reviewer.post(`/returns/${returnId}/review/evidence/new`, {
      themeId: themes[0]!.id,
      description: 'Deputy board lead appointment letter',
      'dueDate-day': '30',
      'dueDate-month': '11',
      'dueDate-year': '2026',
    });
    const secondId = idFrom(second.location, 'evidence');
    const mail = await t.mailTo(COUNCIL_LEAD);
    assert.match(mail[0]!.subject, /Evidence requested/);
    assert.doesNotMatch(mail[0]!.bodyText, /appointment letter/);

    await lead.get(`/returns/${returnId}/evidence/${secondId}`);
    const nothing = await lead.postFile(`/returns/${returnId}/evidence/${secondId}`, null, { reference: '' });
    assert.equal(nothing.status, 422);
    assert.match(nothing.body, /Enter where the evidence is kept, or choose a file to upload/);
    const fake = await lead.postFile(
      `/returns/${returnId}/evidence/${secondId}`,
      { name: 'letter.pdf', data: 'MZ not really a PDF', type: 'application/pdf' },
      { reference: 'HR file 22' },
    );
    assert.equal(fake.status, 422);
    assert.match(fake.body, /must be a PDF, Word, Excel, PNG or JPEG file/);
    const long = await lead.postFile(`/returns/${returnId}/evidence/${secondId}`, null, {
      reference: 'é'.repeat(1001),
    });
    assert.equal(long.status, 422, 'a long reference is refused, not cut short');
    assert.match(long.body, /must be 1,000 characters or fewer/);
    assert.match(fake.body, /HR file 22/, 'the reference typed is kept');
    assert.equal((await t.database.db.select().from(evidenceFiles)).length, 0);
    const tooBig = await lead.postFile(
      `/returns/${returnId}/evidence/${secondId}`,
      { name: 'scan.png', data: Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]) },
      { reference: '' },
    );
    assert.equal(tooBig.status, 422);
    assert.match(tooBig.body, /smaller than 5 MB/);
    const upload = await lead.postFile(
      `/returns/${returnId}/evidence/${secondId}`,
      { name: 'appointment.png', data: PNG, type: 'application/octet-stream' },
      { reference: 'HR file 22' },
    );
    assert.equal(upload.status, 303, upload.body.slice(0, 500));
    const [file] = await t.database.db.select().from(evidenceFiles);
    assert.equal(file!.contentType, 'image/png', 'the type comes from the bytes');
    const download = await reviewer.download(`/returns/${returnId}/evidence/${secondId}/files/${file!.id}`);
    assert.equal(download.status, 200);
    assert.equal(download.headers['content-type'], 'image/png');
    assert.match(String(download.headers['content-disposition']), /attachment; filename="appointment.png"/);
    assert.ok(download.bytes.equals(PNG));
    assert.equal(
      (await other.download(`/returns/${returnId}/evidence/${secondId}/files/${file!.id}`)).status,
      404,
    );
    // A contributor is not shown requests beyond its themes.
    assert.equal((await contributor.get(`/returns/${returnId}/evidence/${secondId}`)).status, 404);

    const satisfied = await reviewer.post(`/returns/${returnId}/evidence/${secondId}/satisfied`);
    assert.equal(satisfied.status, 303);
    const [closed] = await t.database.db
      .select()
      .from(evidenceRequests)
      .where(eq(evidenceRequests.id, secondId));
    assert.ok(closed!.closedAt);
    assert.equal(closed!.responseReference, 'HR file 22');

    // The first request is answered with a reference only, later (see the overdue test).
    assert.ok(firstId);
  });

  it('lists overdue requests for the partnership per cycle and flags them to the agency', async () => {
    // The board reports were needed by the 24th; it is now past that date (sessions stay signed in).
    await t.database.db
      .update(evidenceRequests)
      .set({ dueDate: '2026-11-20' })
      .where(eq(evidenceRequests.description, 'Board safeguarding reports'));
    const list = await reviewer.get(`/cycles/${t.ids.cycleId}/evidence-requests`);
    assert.equal(list.status, 200);
    assert.match(list.body, /Board safeguarding reports/);
    assert.doesNotMatch(
      list.body,
      /Deputy board lead appointment letter/,
      'a satisfied request is not overdue',
    );
    const task = await lead.get(`/returns/${returnId}`);
    assert.match(task.body, /1 request overdue/);
    const [request] = await t.database.db
      .select()
      .from(evidenceRequests)
      .where(eq(evidenceRequests.description, 'Board safeguarding reports'));
    await lead.get(`/returns/${returnId}/evidence/${request!.id}`);
    const answered = await lead.postFile(`/returns/${returnId}/evidence/${request!.id}`, null, {
      reference: 'Board papers, March and June, on the governance site',
    });
    assert.equal(answered.status, 303);
    const after = await reviewer.get(`/cycles/${t.ids.cycleId}/evidence-requests`);
    assert.match(after.body, /No evidence requests are overdue/);
  });

  it('shows every limited text’s character count, marks optional fields, and gives staff staff wording', async () => {
    const raise = await reviewer.get(`/returns/${returnId}/review/challenges/new`);
    assertCharacterCount(raise.body, 'body', 5000);
    for (const person of [reviewer, lead]) {
      const thread = await person.get(`/returns/${returnId}/challenges/${firstThemeChallengeId}`);
      assertCharacterCount(thread.body, 'message', 5000);
    }
    const grade = await reviewer.get(`/returns/${returnId}/review/grades/${themes[1]!.id}`);
    assertCharacterCount(grade.body, 'reason', 5000);
    const ask = await reviewer.get(`/returns/${returnId}/review/evidence/new`);
    assertCharacterCount(ask.body, 'description', 2000);
    const outcome = await reviewer.get(`/returns/${returnId}/review/outcome`);
    assertCharacterCount(outcome.body, 'reasons', 5000);
    const [request] = await t.database.db
      .select()
      .from(evidenceRequests)
      .where(eq(evidenceRequests.description, 'Board safeguarding reports'));
    const answer = await lead.get(`/returns/${returnId}/evidence/${request!.id}`);
    assertCharacterCount(answer.body, 'reference', 1000);
    assert.match(answer.body, /Upload a file \(optional\)/);

    // The partnership's staff are taken back to their review, in their words; the agency to its return.
    for (const page of ['challenges', 'evidence']) {
      const staff = await reviewer.get(`/returns/${returnId}/${page}`);
      assert.match(staff.body, new RegExp(`href="/returns/${returnId}/review"[^>]*>Back to the review<`));
      assert.doesNotMatch(
        staff.body,
        /your return|from the partnership/i,
        `${page}: no agency wording for staff`,
      );
      const agency = await lead.get(`/returns/${returnId}/${page}`);
      assert.match(agency.body, new RegExp(`href="/returns/${returnId}"[^>]*>Back to your return<`));
    }
  });

  it('returns it for changes reopening only the named themes, then locks it again on resubmission', async () => {
    const [reopen, locked] = [themes[0]!, themes[1]!];
    await reviewer.get(`/returns/${returnId}/review/outcome`);
    const bad = await reviewer.post(`/returns/${returnId}/review/outcome`, {
      decision: 'returned',
      reasons: '',
    });
    assert.equal(bad.status, 422);
    assert.match(bad.body, /Enter the reasons the return needs changes/);
    assert.match(bad.body, /Select the themes the agency must change/);
    t.clock.advance(5 * 60_000); // the reviewer decides after the agency's last save
    const returned = await reviewer.post(`/returns/${returnId}/review/outcome`, {
      decision: 'returned',
      reasons: 'Name the deputy board lead and update the rating.',
      themeIds: [reopen.id],
    });
    assert.equal(returned.status, 303);
    const [row] = await t.database.db.select().from(returns).where(eq(returns.id, returnId));
    assert.equal(row!.status, 'returned');
    assert.deepEqual(row!.reopenedThemeIds, [reopen.id]);
    const ratings = await t.database.db
      .select()
      .from(themeRatings)
      .where(eq(themeRatings.returnId, returnId));
    assert.equal(ratings.find((r) => r.themeId === reopen.id)!.completedAt, null, 'completion cleared');
    assert.ok(ratings.find((r) => r.themeId === locked.id)!.completedAt, 'other themes keep theirs');
    const mail = await t.mailTo(COUNCIL_LEAD);
    assert.match(mail[0]!.subject, /returned for changes/);
    assert.doesNotMatch(mail[0]!.bodyText, /Name the deputy/);
    const history = await t.database.db
      .select()
      .from(returnHistory)
      .where(and(eq(returnHistory.returnId, returnId), eq(returnHistory.event, 'returned_for_changes')));
    assert.equal(history[0]!.note, 'Name the deputy board lead and update the rating.');

    const task = await lead.get(`/returns/${returnId}`);
    assert.match(task.body, /Returned for changes/);
    assert.match(task.body, /Name the deputy board lead/);
    // The task list: the reopened theme is a link; a locked one is not, and says why.
    assert.match(task.body, new RegExp(`href="/returns/${returnId}/themes/${reopen.id}"`));
    assert.doesNotMatch(task.body, new RegExp(`href="/returns/${returnId}/themes/${locked.id}"`));
    const lockedRow = taskListRow(task.body, locked.title);
    assert.match(lockedRow, /govuk-task-list__status--cannot-start-yet[^>]*>\s*Locked\s*</);
    assert.match(lockedRow, /Only the themes it reopened can be changed/);
    assert.doesNotMatch(lockedRow, /Completed/);
    assert.doesNotMatch(taskListRow(task.body, reopen.title), /Locked/);
    assert.match(task.body, /returned this return for changes at \d{1,2}:\d{2}[ap]m on \w+day \d/);
    // Who is doing what credits the reviewer who reopened the theme, not the lead who last saved it.
    const [scrutineer] = await t.database.db.select().from(users).where(eq(users.email, SCRUTINEER));
    const [councilLead] = await t.database.db.select().from(users).where(eq(users.email, COUNCIL_LEAD));
    const who = await lead.get(`/returns/${returnId}/assignments`);
    const rowOf = (theme: ThemeInfo) =>
      who.body.split('<tr').find((r) => r.includes(escapeHtml(`${theme.number}. ${theme.title}`))) ?? '';
    assert.ok(
      rowOf(reopen).includes(escapeHtml(`${scrutineer!.name} (partnership), `)),
      `the reopened theme was last changed by the partnership’s reviewer: ${rowOf(reopen)}`,
    );
    assert.ok(!rowOf(reopen).includes(escapeHtml(councilLead!.name)));
    assert.ok(rowOf(locked).includes(escapeHtml(`${councilLead!.name}, `)), 'other themes keep their editor');
    const lockedPage = await lead.get(`/returns/${returnId}/themes/${locked.id}`);
    assert.equal(lockedPage.status, 303, 'a theme not reopened opens read-only');
    // …on the check page, which says it is locked.
    const check = await lead.get(lockedPage.location!);
    assert.equal(check.status, 200);
    assert.match(check.body, new RegExp(`id="theme-${locked.number}-locked"[^>]*>[\\s\\S]*?Locked`));
    assert.doesNotMatch(check.body, new RegExp(`id="theme-${reopen.number}-locked"`));
    await lead.get(`/returns/${returnId}/themes/${reopen.id}`);
    const refused = await lead.post(
      `/returns/${returnId}/themes/${locked.id}`,
      completeThemeFields(locked, { justification: 'Changed behind the partnership’s back' }),
    );
    assert.equal(refused.status, 409);
    assert.match(refused.body, /This theme has not been reopened/);
    const kept = await t.database.db
      .select()
      .from(themeRatings)
      .where(and(eq(themeRatings.returnId, returnId), eq(themeRatings.themeId, locked.id)));
    assert.equal(kept[0]!.justification, 'Everything is in place and evidenced.');
    const changed = await lead.post(
      `/returns/${returnId}/themes/${reopen.id}`,
      completeThemeFields(reopen, { justification: 'Deputy board lead named in October.' }),
    );
    assert.equal(changed.status, 303, changed.body.slice(0, 500));

    // The partnership cannot decide again until the agency resubmits.
    assert.equal((await reviewer.get(`/returns/${returnId}/review/outcome`)).status, 409);

    await lead.get(`/returns/${returnId}/check`);
    const resubmit = await lead.post(`/returns/${returnId}/submit`);
    assert.equal(resubmit.status, 303, resubmit.body.slice(0, 500));
    const [after] = await t.database.db.select().from(returns).where(eq(returns.id, returnId));
    assert.equal(after!.status, 'resubmitted');
    assert.deepEqual(after!.reopenedThemeIds, []);
    assert.equal(after!.reference, reference, 'the reference is kept');
    const again = await lead.post(
      `/returns/${returnId}/themes/${reopen.id}`,
      completeThemeFields(reopen, { justification: 'One more change' }),
    );
    assert.equal(again.status, 409, 'locked again');
    const partnershipMail = await t.mailTo('section11@nrscp.example');
    assert.match(partnershipMail[0]!.subject, /resubmitted/);
  });

  it('accepts the resubmitted return, after which nothing new is recorded', async () => {
    await reviewer.get(`/returns/${returnId}/review/outcome`);
    const accepted = await reviewer.post(`/returns/${returnId}/review/outcome`, {
      decision: 'accepted',
      reasons: '',
    });
    assert.equal(accepted.status, 303);
    const [row] = await t.database.db.select().from(returns).where(eq(returns.id, returnId));
    assert.equal(row!.status, 'accepted');
    assert.match((await t.mailTo(COUNCIL_LEAD))[0]!.subject, /accepted/);
    await reviewer.get(`/returns/${returnId}/review`);
    const late = await reviewer.post(`/returns/${returnId}/review/challenges/new`, {
      themeId: '',
      body: 'Too late',
    });
    assert.equal(late.status, 409);
    const review = await reviewer.get(`/returns/${returnId}/review`);
    assert.match(review.body, /Accepted/);
    assert.match(review.body, /Returned for changes/);
    assert.match(review.body, /Returned for changes<\/strong>\s*<span[^>]*>at \d{1,2}:\d{2}[ap]m on \w+day/);
  });

  it('schedules a challenge event, records its notes, and adds agreed actions to the action plan', async () => {
    const admin = await t.signIn(ADMIN);
    await admin.get(`/cycles/${t.ids.cycleId}/challenge-events/new`);
    const bad = await admin.post(`/cycles/${t.ids.cycleId}/challenge-events/new`, {
      title: 'Council challenge panel',
      'date-day': '10',
      'date-month': '12',
      'date-year': '2026',
      time: 'teatime',
      location: '',
      chair: 'Independent scrutineer',
    });
    assert.equal(bad.status, 422);
    assert.match(bad.body, /Select the agencies taking part/);
    assert.match(bad.body, /Enter the time it starts/);
    assert.match(bad.body, /Enter where it is held/);
    assert.match(bad.body, /Council challenge panel/);
    assertCharacterCount(bad.body, 'location', 1000);
    assertCharacterCount(bad.body, 'attendees', 5000);
    assert.match(bad.body, /Attendees \(optional\)/);
    const ok = await admin.post(`/cycles/${t.ids.cycleId}/challenge-events/new`, {
      title: 'Council challenge panel',
      returnIds: [returnId, t.ids.returnIds.police!],
      'date-day': '10',
      'date-month': '12',
      'date-year': '2026',
      time: '2pm',
      location: 'Room 4, County Hall',
      chair: 'Independent scrutineer',
      attendees: 'Chair\nCouncil safeguarding lead',
    });
    assert.equal(ok.status, 303);
    const eventId = idFrom(ok.location, 'challenge-events');
    const invite = (await t.mailTo(COUNCIL_LEAD))[0]!;
    assert.match(invite.subject, /challenge event/);
    assert.match(invite.bodyText, /10 December 2026/);
    const list = await reviewer.get(`/cycles/${t.ids.cycleId}/challenge-events`);
    assert.match(list.body, /Council challenge panel/);
    assert.match(list.body, /Northshire Police|Northshire County Council/);

    const eventPage = await admin.get(`/cycles/${t.ids.cycleId}/challenge-events/${eventId}`);
    assertCharacterCount(eventPage.body, 'notes', 20000);
    assertCharacterCount(eventPage.body, 'description', 2000);
    const noNotes = await admin.post(`/cycles/${t.ids.cycleId}/challenge-events/${eventId}/notes`, {
      notes: ' ',
    });
    assert.equal(noNotes.status, 422);
    assert.match(noNotes.body, /href="#notes"[^>]*>Enter the notes of the event/);
    const notes = await admin.post(`/cycles/${t.ids.cycleId}/challenge-events/${eventId}/notes`, {
      notes: 'Agreed the council will brief the board quarterly.',
    });
    assert.equal(notes.status, 303);
    const noTheme = await admin.post(`/cycles/${t.ids.cycleId}/challenge-events/${eventId}/actions`, {
      returnId,
      themeId: '',
      description: 'Brief the board quarterly',
      leadPerson: 'Director of Children’s Services',
      'targetDate-day': '31',
      'targetDate-month': '3',
      'targetDate-year': '2027',
    });
    assert.equal(noTheme.status, 422);
    assert.match(noTheme.body, /Select the theme the action is about/);
    assert.match(noTheme.body, /Brief the board quarterly/);
    const added = await admin.post(`/cycles/${t.ids.cycleId}/challenge-events/${eventId}/actions`, {
      returnId,
      themeId: themes[0]!.id,
      description: 'Brief the board quarterly',
      leadPerson: 'Director of Children’s Services',
      'targetDate-day': '31',
      'targetDate-month': '3',
      'targetDate-year': '2027',
    });
    assert.equal(added.status, 303);
    const [action] = await t.database.db.select().from(actions).where(eq(actions.challengeEventId, eventId));
    assert.equal(action!.returnId, returnId);
    assert.equal(action!.themeId, themes[0]!.id);
    const plan = await lead.get(`/returns/${returnId}/actions`);
    assert.match(plan.body, /Brief the board quarterly/);
    assert.match(plan.body, /Challenge event/);
    const event = await admin.get(`/cycles/${t.ids.cycleId}/challenge-events/${eventId}`);
    assert.match(event.body, /Agreed the council will brief the board quarterly/);
    assert.match(event.body, /Brief the board quarterly/);
    assert.equal((await other.get(`/cycles/${t.ids.cycleId}/challenge-events/${eventId}`)).status, 404);
  });
});

describe('a joint partner reviews the returns of its own member agencies', () => {
  let t: TestApp;
  let partner: TestClient;
  let partnerId: string;
  let policeReturnId: string;

  before(async () => {
    t = await startTestApp();
    const westvale = await addOtherPartnership(t, { shareAgencies: [t.ids.agencyIds.police!] });
    partnerId = westvale.partnershipId;
    await t.database.db
      .insert(cyclePartnerships)
      .values({ cycleId: t.ids.cycleId, partnershipId: partnerId });
    policeReturnId = t.ids.returnIds.police!;
    await t.database.db
      .update(returns)
      .set({ status: 'submitted', submittedAt: t.clock.now(), reference: 'S11-2026-JOINT1' })
      .where(eq(returns.id, policeReturnId));
    partner = await t.signIn(westvale.adminEmail);
  });
  after(async () => t.close());

  it('challenges one shared review, but only the partnership running the audit decides the outcome', async () => {
    const page = await partner.get(`/returns/${policeReturnId}/review`);
    assert.equal(page.status, 200);
    assert.match(page.body, /runs this joint audit and records the outcome/);
    await partner.get(`/returns/${policeReturnId}/review/challenges/new`);
    const raised = await partner.post(`/returns/${policeReturnId}/review/challenges/new`, {
      themeId: '',
      body: 'How do you share information across both areas?',
    });
    assert.equal(raised.status, 303);
    const [row] = await t.database.db
      .select()
      .from(challenges)
      .where(eq(challenges.returnId, policeReturnId));
    assert.equal(
      row!.partnershipId,
      t.ids.partnershipId,
      'one review, under the partnership running the audit',
    );
    const reviewer = await t.signIn(SCRUTINEER);
    assert.match((await reviewer.get(`/returns/${policeReturnId}/challenges`)).body, /Challenge 1/);

    assert.equal((await partner.get(`/returns/${policeReturnId}/review/outcome`)).status, 403);
    const forced = await partner.post(`/returns/${policeReturnId}/review/outcome`, { decision: 'accepted' });
    assert.equal(forced.status, 403);
    const [unchanged] = await t.database.db.select().from(returns).where(eq(returns.id, policeReturnId));
    assert.equal(unchanged!.status, 'submitted');
    // A return of an agency that is not the partner's member stays hidden.
    assert.equal((await partner.get(`/returns/${t.ids.returnIds.council}/review`)).status, 404);
  });

  it('schedules challenge events with its own member agencies only', async () => {
    const form = await partner.get(`/cycles/${t.ids.cycleId}/challenge-events/new`);
    assert.equal(form.status, 200);
    assert.ok(form.body.includes(`value="${policeReturnId}"`));
    assert.ok(!form.body.includes(`value="${t.ids.returnIds.council}"`));
    const forged = await partner.post(`/cycles/${t.ids.cycleId}/challenge-events/new`, {
      title: 'Westvale panel',
      returnIds: [t.ids.returnIds.council!],
      'date-day': '10',
      'date-month': '12',
      'date-year': '2026',
      time: '10am',
      location: 'Westvale House',
      chair: 'Chair',
    });
    assert.equal(forged.status, 422, 'an agency it cannot see is refused');
    const ok = await partner.post(`/cycles/${t.ids.cycleId}/challenge-events/new`, {
      title: 'Westvale panel',
      returnIds: [policeReturnId],
      'date-day': '10',
      'date-month': '12',
      'date-year': '2026',
      time: '10am',
      location: 'Westvale House',
      chair: 'Chair',
    });
    assert.equal(ok.status, 303);
    const admin = await t.signIn(ADMIN);
    assert.doesNotMatch(
      (await admin.get(`/cycles/${t.ids.cycleId}/challenge-events`)).body,
      /Westvale panel/,
      'each partnership lists its own events',
    );
  });
});
