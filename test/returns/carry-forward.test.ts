import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import {
  actions,
  answers,
  challengeEventReturns,
  challengeEvents,
  returnHistory,
  returns,
  themeRatings,
} from '../../src/db/schema.ts';
import { neglectTheme } from '../../src/features/demo/demo-seed.ts';
import type { QuestionInfo, ThemeInfo } from '../../src/features/returns/return-structure.ts';
import { section11Template } from '../../src/features/templates/builtin/section-11.ts';
import { insertTemplateVersion } from '../../src/features/templates/templates.repository.ts';
import { createOpenAudit, dateFields } from '../helpers/form-fields.ts';
import { completeThemeFields, giveDetailsAndSignOff, themesFor } from '../helpers/return-fixtures.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const ADMIN = 'business.manager@nrscp.example';
const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';
const DAY = 86_400_000;

const graded = (q: QuestionInfo) => q.scale === 'graded';
const notMet = (q: QuestionInfo) => (graded(q) ? 'not_met' : 'no');
const partly = (q: QuestionInfo) => (graded(q) ? 'partly_met' : 'no');
const met = (q: QuestionInfo) => (graded(q) ? 'fully_met' : 'yes');
const target = { 'q2-target-date-day': '31', 'q2-target-date-month': '3', 'q2-target-date-year': '2027' };

describe('carrying answers and open actions forward into the next audit', () => {
  let t: TestApp;
  let lead: TestClient;
  let admin: TestClient;
  let oldTheme: ThemeInfo;
  let newTheme: ThemeInfo;
  let oldReturnId: string;
  let newReturnId: string;
  let answerFields: Record<string, string>;
  let secondTheme: ThemeInfo;
  let eventId: string;

  before(async () => {
    t = await startTestApp();
    lead = await t.signIn(COUNCIL_LEAD);
    admin = await t.signIn(ADMIN);
    oldTheme = (await themesFor(t, 'council'))[0]!;
    oldReturnId = t.ids.returnIds.council!;
  });
  after(async () => t.close());

  it('starts from a submitted return with answers and actions', async () => {
    const [q1, q2, q3] = oldTheme.questions;
    await lead.get(`/returns/${oldReturnId}/themes/${oldTheme.id}`);
    const saved = await lead.post(`/returns/${oldReturnId}/themes/${oldTheme.id}`, {
      'q1-response': notMet(q1!),
      'q1-action': 'Appoint a board safeguarding champion',
      'q1-target-date-day': '30',
      'q1-target-date-month': '1',
      'q1-target-date-year': '2027',
      'q2-response': partly(q2!),
      'q2-action': 'Refresh the safeguarding strategy',
      ...target,
      'q2-evidence-document': 'Strategy 2025',
      'q2-evidence-location': 'Intranet',
      'q2-comment': 'Strategy is two years old',
      'q2-impact': 'Staff know the priorities',
      'q3-response': met(q3!),
      'q3-evidence-document': 'Annual report',
      'q4-response': 'na',
      'q4-na-reason': 'Our parent body holds this duty.',
      intent: 'continue',
    });
    assert.equal(saved.status, 303);
    await giveDetailsAndSignOff(lead, oldReturnId, COUNCIL_LEAD);
    const submitted = await lead.post(`/returns/${oldReturnId}/submit`);
    assert.equal(submitted.status, 303);
    // The theme's own rating was Amber with an area for development, and a challenge event agreed
    // two actions on the second theme (one of them done since).
    secondTheme = (await themesFor(t, 'council'))[1]!;
    const db = t.database.db;
    const base = { partnershipId: t.ids.partnershipId, returnId: oldReturnId, leadPerson: 'Board lead' };
    await db.insert(actions).values({
      ...base,
      themeId: oldTheme.id,
      description: 'Strengthen board oversight of safeguarding',
      targetDate: '2027-06-30',
      status: 'in_progress',
    });
    const [event] = await db
      .insert(challengeEvents)
      .values({
        partnershipId: t.ids.partnershipId,
        cycleId: t.ids.cycleId,
        title: 'Council challenge panel',
        startsAt: t.clock.now(),
        location: 'Town hall',
        chair: 'Independent scrutineer',
      })
      .returning();
    eventId = event!.id;
    await db
      .insert(challengeEventReturns)
      .values({ partnershipId: t.ids.partnershipId, eventId, returnId: oldReturnId });
    await db.insert(actions).values([
      {
        ...base,
        themeId: secondTheme.id,
        challengeEventId: eventId,
        description: 'Share the audit findings with every team',
        status: 'not_started',
      },
      {
        ...base,
        themeId: secondTheme.id,
        challengeEventId: eventId,
        description: 'Brief the new chair',
        status: 'completed',
      },
    ]);
    // Over the year, the first action is completed and the second gets a lead.
    const rows = await t.database.db.select().from(actions).where(eq(actions.returnId, oldReturnId));
    for (const a of rows) {
      if (a.questionId === q1!.id)
        await t.database.db.update(actions).set({ status: 'completed' }).where(eq(actions.id, a.id));
      if (a.questionId === q2!.id)
        await t.database.db
          .update(actions)
          .set({ status: 'in_progress', leadPerson: 'Head of QA' })
          .where(eq(actions.id, a.id));
    }
  });

  it('pre-fills the next audit’s return from it, for unchanged questions only', async () => {
    // Next year's template: question 3 of the first theme is reworded and a question is added.
    const [first, ...rest] = section11Template.themes;
    const reworded = {
      ...first!,
      questions: [
        ...first!.questions.map((q, i) => (i === 2 ? { ...q, text: `${q.text} (reworded)` } : q)),
        {
          key: 'leadership-new',
          text: 'The board receives an annual safeguarding report.',
          guidance: '',
          scale: 'yes_no' as const,
          evidencePrompt: '',
        },
      ],
    };
    const v2 = await insertTemplateVersion(
      t.database.db,
      t.ids.partnershipId,
      { ...section11Template, themes: [reworded, ...rest, neglectTheme] },
      'published',
      t.clock.now(),
      { localityIdsByThemeKey: { neglect: [t.ids.localityIds.riverside] } },
    );
    const { cycleId, location } = await createOpenAudit(t, admin, {
      name: 'Section 11 audit 2027',
      templateVersionId: v2,
      sectors: ['la-childrens-services'],
      carryForward: 'yes',
    });
    assert.match((await admin.get(location)).body, /1 return pre-filled from the last audit/);
    const [row] = await t.database.db.select().from(returns).where(eq(returns.cycleId, cycleId));
    newReturnId = row!.id;
    assert.equal(row?.carriedForwardFromReturnId, oldReturnId);
    assert.equal(row?.status, 'not_started');

    const [q1, q2, , q4] = oldTheme.questions;
    newTheme = (await themesForVersion(t, v2))[0]!;
    const byKey = new Map(newTheme.questions.map((q) => [q.key, q]));
    const carried = await t.database.db.select().from(answers).where(eq(answers.returnId, newReturnId));
    assert.deepEqual(
      carried.map((a) => a.questionId).sort(),
      [q1!.key, q2!.key, q4!.key].map((k) => byKey.get(k)!.id).sort(),
      'the reworded and the new question are not pre-filled',
    );
    const a2 = carried.find((a) => a.questionId === byKey.get(q2!.key)!.id)!;
    assert.equal(a2.response, partly(q2!));
    assert.equal(a2.evidenceDocument, 'Strategy 2025');
    assert.equal(a2.evidenceLocation, 'Intranet');
    assert.equal(a2.comment, 'Strategy is two years old');
    assert.equal(a2.impact, 'Staff know the priorities');
    assert.equal(a2.carriedForwardFromReturnId, oldReturnId);
    assert.notEqual(a2.carriedForwardAt, null);
    assert.equal(a2.confirmedAt, null);
    const a4 = carried.find((a) => a.questionId === byKey.get(q4!.key)!.id)!;
    assert.equal(a4.naReason, 'Our parent body holds this duty.');

    const newActions = await t.database.db.select().from(actions).where(eq(actions.returnId, newReturnId));
    assert.deepEqual(
      newActions.map((a) => a.description).sort(),
      [
        'Refresh the safeguarding strategy',
        'Share the audit findings with every team',
        'Strengthen board oversight of safeguarding',
      ],
      'the open actions are carried (a question’s, a theme rating’s and a challenge event’s), not the completed ones',
    );
    const actionOf = (d: string) => newActions.find((a) => a.description === d)!;
    const questionAction = actionOf('Refresh the safeguarding strategy');
    assert.equal(questionAction.questionId, byKey.get(q2!.key)!.id);
    assert.equal(questionAction.themeId, newTheme.id);
    assert.equal(questionAction.status, 'in_progress');
    assert.equal(questionAction.leadPerson, 'Head of QA');
    const ratingAction = actionOf('Strengthen board oversight of safeguarding');
    assert.equal(ratingAction.themeId, newTheme.id, 'onto the theme with the same key in the new version');
    assert.equal(ratingAction.questionId, null);
    assert.equal(ratingAction.challengeEventId, null);
    assert.equal(ratingAction.status, 'in_progress');
    assert.equal(ratingAction.targetDate, '2027-06-30');
    assert.equal(ratingAction.leadPerson, 'Board lead');
    const eventAction = actionOf('Share the audit findings with every team');
    const newSecond = (await themesForVersion(t, v2)).find((th) => th.key === secondTheme.key)!;
    assert.equal(eventAction.themeId, newSecond.id);
    assert.equal(eventAction.challengeEventId, eventId, 'it keeps its challenge event');
    for (const a of newActions) assert.ok(a.carriedForwardFromActionId, `${a.description} is marked carried`);

    const history = await t.database.db
      .select()
      .from(returnHistory)
      .where(and(eq(returnHistory.returnId, newReturnId), eq(returnHistory.event, 'carried_forward')));
    assert.equal(history.length, 1);
    assert.match(
      history[0]!.newValue ?? '',
      /3 answers to check and confirm, 3 open actions; 1 new question, 1 question changed since then/,
    );
  });

  it('shows pre-filled answers as “From last audit” and counts them as unanswered', async () => {
    const tasks = await lead.get(`/returns/${newReturnId}`);
    assert.match(tasks.body, /3 answers from last audit to check and confirm/);
    assert.match(tasks.body, /0 of \d+ themes completed/);
    const page = await lead.get(`/returns/${newReturnId}/themes/${newTheme.id}`);
    assert.equal(page.status, 200);
    assert.equal((page.body.match(/From last audit – check and confirm/g) ?? []).length, 3);
    const block = (n: number) =>
      page.body.slice(page.body.indexOf(`id="question-${n}"`), page.body.indexOf(`id="question-${n + 1}"`));
    assert.ok(block(3).includes('Changed since last audit'));
    assert.ok(!block(3).includes('From last audit'));
    assert.ok(
      page.body
        .slice(page.body.indexOf(`id="question-${newTheme.questions.length}"`))
        .includes('New question'),
    );
    assert.match(block(2), /id="q2-evidence-document"[^>]*>Strategy 2025<\/textarea>/);
    assert.match(block(2), /Refresh the safeguarding strategy/);
    const check = await lead.get(`/returns/${newReturnId}/check`);
    const all = newTheme.questions.map((q) => q.number).join(', ');
    assert.ok(check.body.includes(`questions ${all}`), 'every question of the theme counts as unanswered');
    const scores = await lead.get(`/returns/${newReturnId}/scores`);
    assert.equal(scores.status, 200);
  });

  it('keeps unchanged answers unconfirmed on “Save and continue later”, but confirms changed ones', async () => {
    const [q1, q2, , q4] = newTheme.questions;
    answerFields = {
      'q1-response': notMet(q1!),
      'q2-response': partly(q2!),
      'q2-action': 'Refresh the safeguarding strategy',
      ...target,
      'q2-evidence-document': 'Strategy 2025',
      'q2-evidence-location': 'Intranet',
      'q2-comment': 'Strategy is two years old',
      'q2-impact': 'Staff know the priorities',
      'q4-response': 'na',
      'q4-na-reason': 'Our parent body holds this duty.',
    };
    const later = await lead.post(`/returns/${newReturnId}/themes/${newTheme.id}`, {
      ...answerFields,
      'q4-na-reason': 'Our parent body holds this duty; see its policy.',
      intent: 'later',
    });
    assert.equal(later.status, 303);
    const rows = await t.database.db.select().from(answers).where(eq(answers.returnId, newReturnId));
    const confirmed = (q: QuestionInfo) => rows.find((a) => a.questionId === q.id)?.confirmedAt !== null;
    assert.equal(confirmed(q1!), false);
    assert.equal(confirmed(q2!), false);
    assert.equal(confirmed(q4!), true, 'a changed answer is confirmed');
    const page = await lead.get(`/returns/${newReturnId}/themes/${newTheme.id}`);
    assert.equal((page.body.match(/From last audit – check and confirm/g) ?? []).length, 2);
  });

  it('confirms the rest on “Save and continue”, and they then count as answered', async () => {
    const [q1, q2] = newTheme.questions;
    const res = await lead.post(`/returns/${newReturnId}/themes/${newTheme.id}`, {
      ...answerFields,
      'q4-na-reason': 'Our parent body holds this duty; see its policy.',
      intent: 'continue',
    });
    assert.equal(res.status, 303);
    const rows = await t.database.db.select().from(answers).where(eq(answers.returnId, newReturnId));
    for (const q of [q1!, q2!]) assert.notEqual(rows.find((a) => a.questionId === q.id)?.confirmedAt, null);
    const confirmations = await t.database.db
      .select()
      .from(returnHistory)
      .where(and(eq(returnHistory.returnId, newReturnId), eq(returnHistory.event, 'answer_confirmed')));
    assert.equal(confirmations.length, 3);
    const check = await lead.get(`/returns/${newReturnId}/check`);
    const remaining = newTheme.questions.filter((q) => q.number === 3 || q.number >= 5).map((q) => q.number);
    assert.ok(
      check.body.includes(`questions ${remaining.join(', ')}`),
      'only the unconfirmed and new remain',
    );
    assert.doesNotMatch(check.body, /From last audit – check and confirm/);
    const kept = await t.database.db.select().from(actions).where(eq(actions.returnId, newReturnId));
    assert.equal(kept.length, 3, 'saving the theme (unrated) keeps every carried action');
    assert.equal(kept.find((a) => a.questionId)!.leadPerson, 'Head of QA');
    const plan = await lead.get(`/returns/${newReturnId}/actions`);
    assert.match(plan.body, /Refresh the safeguarding strategy/);
    assert.equal((plan.body.match(/Carried forward from last audit/g) ?? []).length, 3);
    const rowOf = (text: string) => plan.body.split('<tr').find((r) => r.includes(text)) ?? '';
    assert.match(rowOf('Strengthen board oversight of safeguarding'), /Theme rating/);
    assert.match(rowOf('Share the audit findings with every team'), /Challenge event/);
    assert.doesNotMatch(plan.body, /Brief the new chair/);
    assert.doesNotMatch(
      plan.body,
      /Appoint a board safeguarding champion/,
      'the completed action stayed behind',
    );
  });

  it('keeps a carried theme rating action beside the one this year’s rating generates', async () => {
    const res = await lead.post(`/returns/${newReturnId}/themes/${newTheme.id}`, {
      ...answerFields,
      'q4-na-reason': 'Our parent body holds this duty; see its policy.',
      rating: 'amber',
      justification: 'Oversight is improving but not yet routine.',
      'rating-action': 'Add safeguarding to every board agenda',
      'rating-target-date-day': '30',
      'rating-target-date-month': '9',
      'rating-target-date-year': '2027',
      intent: 'later',
    });
    assert.equal(res.status, 303, res.body.slice(0, 500));
    const themeLevel = (await t.database.db.select().from(actions).where(eq(actions.returnId, newReturnId)))
      .filter((a) => a.themeId === newTheme.id && a.questionId === null)
      .map((a) => [a.description, a.carriedForwardFromActionId !== null]);
    assert.deepEqual(themeLevel.sort(), [
      ['Add safeguarding to every board agenda', false],
      ['Strengthen board oversight of safeguarding', true],
    ]);
    const page = await lead.get(`/returns/${newReturnId}/themes/${newTheme.id}`);
    assert.match(page.body, /Add safeguarding to every board agenda/);
    assert.doesNotMatch(
      page.body,
      /Strengthen board oversight/,
      'the carried one is not this year’s rating’s',
    );
  });
});

describe('an audit set up without carry forward', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => t.close());

  it('starts every return empty even when an earlier return was submitted', async () => {
    const db = t.database.db;
    await db
      .update(returns)
      .set({ status: 'submitted', submittedAt: t.clock.now() })
      .where(eq(returns.id, t.ids.returnIds.council!));
    const theme = (await themesFor(t, 'council'))[0]!;
    await db.insert(answers).values({
      partnershipId: t.ids.partnershipId,
      returnId: t.ids.returnIds.council!,
      questionId: theme.questions[0]!.id,
      response: met(theme.questions[0]!),
    });
    const admin = await t.signIn(ADMIN);
    const now = t.clock.now();
    await admin.get(`/partnerships/${t.ids.partnershipId}/cycles/new`);
    const res = await admin.post(`/partnerships/${t.ids.partnershipId}/cycles`, {
      name: 'Fresh start audit',
      kind: 'biennial',
      templateVersionId: t.ids.templateVersionId,
      ...dateFields('opens', new Date(now.getTime() + DAY)),
      opensTime: '9am',
      ...dateFields('closes', new Date(now.getTime() + 60 * DAY)),
      closesTime: '5pm',
      localities: [t.ids.localityIds.northshire],
      invite: 'sectors',
      sectors: ['la-childrens-services'],
      carryForward: 'no',
    });
    assert.equal(res.status, 303);
    const cycleId = /\/cycles\/([0-9a-f-]+)\?/.exec(res.location!)![1]!;
    const [row] = await db.select().from(returns).where(eq(returns.cycleId, cycleId));
    assert.equal(row?.carriedForwardFromReturnId, null);
    assert.equal((await db.select().from(answers).where(eq(answers.returnId, row!.id))).length, 0);
    // Same template version, carried: the same question id counts as unchanged.
    const again = await admin.post(`/partnerships/${t.ids.partnershipId}/cycles`, {
      name: 'Carried audit',
      kind: 'biennial',
      templateVersionId: t.ids.templateVersionId,
      ...dateFields('opens', new Date(now.getTime() + DAY)),
      opensTime: '9am',
      ...dateFields('closes', new Date(now.getTime() + 60 * DAY)),
      closesTime: '5pm',
      localities: [t.ids.localityIds.northshire],
      invite: 'sectors',
      sectors: ['la-childrens-services'],
      carryForward: 'yes',
    });
    const carriedCycle = /\/cycles\/([0-9a-f-]+)\?/.exec(again.location!)![1]!;
    const [carried] = await db.select().from(returns).where(eq(returns.cycleId, carriedCycle));
    const rows = await db.select().from(answers).where(eq(answers.returnId, carried!.id));
    assert.deepEqual(
      rows.map((a) => a.questionId),
      [theme.questions[0]!.id],
    );

    // Submitted without confirming it, the pre-filled answer is graded as unanswered: its theme is Red.
    t.clock.set(new Date(now.getTime() + 2 * DAY));
    const lead = await t.signIn(COUNCIL_LEAD);
    const returnId = carried!.id;
    const q1 = theme.questions[0]!;
    await lead.get(`/returns/${returnId}/themes/${theme.id}`);
    const saved = await lead.post(
      `/returns/${returnId}/themes/${theme.id}`,
      completeThemeFields(theme, {
        'q1-response': met(q1),
        'q1-evidence-document': '',
        'q1-evidence-location': '',
        intent: 'later',
        completed: 'no',
      }),
    );
    assert.equal(saved.status, 303);
    const [stillCarried] = await db
      .select()
      .from(answers)
      .where(and(eq(answers.returnId, returnId), eq(answers.questionId, q1.id)));
    assert.equal(stillCarried?.confirmedAt, null);
    await giveDetailsAndSignOff(lead, returnId, COUNCIL_LEAD);
    const check = await lead.get(`/returns/${returnId}/check`);
    assert.match(check.body, /will be graded Red/);
    assert.ok(
      check.body.includes(`${theme.title}</a>: question 1`),
      'the pre-filled answer is listed as unanswered',
    );
    const submitted = await lead.post(`/returns/${returnId}/submit`);
    assert.equal(submitted.status, 303);
    const [rating] = await db
      .select()
      .from(themeRatings)
      .where(and(eq(themeRatings.returnId, returnId), eq(themeRatings.themeId, theme.id)));
    assert.equal(rating?.rating, 'red', 'the theme rated Green is graded Red at submission');
    const copy = await lead.get(`/returns/${returnId}/copy`);
    assert.match(copy.body, /From last audit – not confirmed/);
  });
});

async function themesForVersion(t: TestApp, versionId: string): Promise<ThemeInfo[]> {
  const { loadReturnStructure } = await import('../../src/features/returns/return-structure.repository.ts');
  const { applicableThemes } = await import('../../src/features/returns/return-rules.ts');
  const structure = await loadReturnStructure(t.database.db, t.ids.partnershipId, versionId);
  return applicableThemes(structure.themes, [t.ids.localityIds.northshire], 'la-childrens-services');
}
