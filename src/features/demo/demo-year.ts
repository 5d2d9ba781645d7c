/**
 * A demo of a whole year, added after `seedDemo` (never by default in tests: they count on the
 * plain demo). The partnership's previous audit is closed, every return submitted, some moderated
 * and challenged; the current audit is part-way, some returns carried forward awaiting
 * confirmation, one returned for changes, one with more time. It goes through the app's own
 * services, so history rows, actions and scores are as real use makes them. Deterministic: answers
 * come from a seeded generator, and the random references are replaced by fixed ones.
 */
import { and, eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import {
  agencyUsers,
  cycleLocalities,
  cycles,
  type Rag,
  returnNotices,
  returns,
  type SurveyAnswer,
  users,
} from '../../db/schema.ts';
import { findPartnershipCycle } from '../../domain/cycle-access.repository.ts';
import type { Clock } from '../../lib/clock.ts';
import { londonTime } from '../../lib/dates.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { type CurrentUser, loadCurrentUser } from '../auth/users.repository.ts';
import { extendReturn } from '../cycles/deadlines.ts';
import { finaliseReport, saveReportText } from '../results/findings-report.repository.ts';
import { draftReport } from '../results/findings-report.ts';
import { cycleResults } from '../results/results.service.ts';
import { updateAction } from '../returns/action-plan.service.ts';
import { carryForwardReturn } from '../returns/carry-forward.repository.ts';
import { recordSignoff, saveDetails, saveTheme } from '../returns/return-editing.service.ts';
import { applicableThemes } from '../returns/return-rules.ts';
import { loadReturnStructure } from '../returns/return-structure.repository.ts';
import {
  type AnswerValues,
  emptyAnswer,
  type ReturnStructure,
  type ThemeInfo,
} from '../returns/return-structure.ts';
import { submitReturn } from '../returns/return-submission.service.ts';
import { findAccessibleReturn, loadActions, type ReturnContext } from '../returns/returns.repository.ts';
import { insertEvent, saveEventNotes } from '../review/challenge-events.repository.ts';
import {
  addToChallenge,
  closeChallengeFor,
  decideOutcome,
  moderateTheme,
  raiseChallenge,
} from '../review/review.service.ts';
import { insertResponse, saveSurveySettings } from '../survey/survey.repository.ts';
import { defaultStatementsFor } from '../survey/survey-statements.ts';
import type { DemoIds } from './demo-seed.ts';

const DAY = 86_400_000;
const BASE_URL = 'http://localhost:3000';

/** Leads for the agencies the plain demo leaves without one, so every return has someone to submit it. */
const EXTRA_LEADS: Array<{ agency: string; key: string; email: string; name: string; jobTitle: string }> = [
  {
    agency: 'riverside-council',
    key: 'riversideCouncilLead',
    email: 'safeguarding@riverside-council.example',
    name: 'Nadia Hussain',
    jobTitle: 'Safeguarding Children Manager',
  },
  {
    agency: 'icb',
    key: 'icbLead',
    email: 'designated.nurse@northshire-icb.example',
    name: 'Ruth Lawson',
    jobTitle: 'Designated Nurse for Safeguarding Children',
  },
  {
    agency: 'probation',
    key: 'probationLead',
    email: 'spo@probation-northshire.example',
    name: 'Callum Frost',
    jobTitle: 'Senior Probation Officer, Safeguarding',
  },
  {
    agency: 'district',
    key: 'districtLead',
    email: 'safeguarding@eastmoor.example',
    name: 'Beth Marsden',
    jobTitle: 'Community Safety and Safeguarding Officer',
  },
];

/** Each agency's lead, by agency key (the plain demo's and the extra ones). */
const LEAD_KEYS: Record<string, string> = {
  council: 'councilLead',
  police: 'policeLead',
  nhs: 'nhsLead',
  yjs: 'yjsLead',
  charity: 'charityLead',
  ...Object.fromEntries(EXTRA_LEADS.map((l) => [l.agency, l.key])),
};

/** How strong each agency is, 0 to 1: it tilts its answers towards met. */
const STRENGTH: Record<string, number> = {
  council: 0.8,
  'riverside-council': 0.6,
  police: 0.75,
  nhs: 0.85,
  icb: 0.7,
  probation: 0.55,
  yjs: 0.65,
  district: 0.45,
  charity: 0.5,
};

/** A small deterministic generator (mulberry32), seeded from a string. */
function generator(seed: string): () => number {
  let h = 1779033703;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** A theme's answers and rating for an agency, varied by the agency's strength and the theme. */
function themeValues(theme: ThemeInfo, agencyKey: string, year: string, targetDay: string) {
  const random = generator(`${year}:${agencyKey}:${theme.key}`);
  const strength = STRENGTH[agencyKey] ?? 0.6;
  const answers = new Map<string, AnswerValues>();
  let met = 0;
  let counted = 0;
  for (const q of theme.questions) {
    const a = emptyAnswer();
    const r = random();
    const isMet = r < strength;
    const partly = !isMet && r < strength + (1 - strength) / 2;
    if (q.scale === 'graded') a.response = isMet ? 'fully_met' : partly ? 'partly_met' : 'not_met';
    else if (q.scale === 'yes_no') a.response = isMet ? 'yes' : 'no';
    else continue;
    counted++;
    if (isMet) met++;
    a.evidenceDocument = isMet ? `${theme.title} policy and audit` : `${theme.title} improvement plan`;
    a.evidenceLocation = 'Safeguarding shared drive';
    a.comment = isMet ? 'In place and checked this year.' : 'Work has started but is not yet embedded.';
    if (!isMet) {
      a.actionDescription = `Strengthen practice on: ${q.text.slice(0, 120)}`;
      a.actionTargetDate = targetDay;
    }
    answers.set(q.id, a);
  }
  const share = counted ? met / counted : 1;
  const rating: Rag = share >= 0.8 ? 'green' : share >= 0.5 ? 'amber' : 'red';
  return {
    answers,
    rating: {
      rating,
      justification:
        rating === 'green'
          ? 'Every standard is met and evidenced.'
          : rating === 'amber'
            ? 'Most standards are met; the gaps have actions with dates.'
            : 'Several standards are not met yet; an improvement plan is agreed.',
      actionDescription: rating === 'green' ? '' : `Improve ${theme.title.toLowerCase()} across the agency`,
      actionTargetDate: rating === 'green' ? null : targetDay,
      completed: true,
    },
  };
}

interface Ctx {
  db: Db;
  clock: Clock;
  ids: DemoIds;
  mailer: Mailer;
  people: Map<string, CurrentUser>;
  structure: ReturnStructure;
}

async function person(c: Ctx, key: string): Promise<CurrentUser> {
  const known = c.people.get(key);
  if (known) return known;
  const user = await loadCurrentUser(c.db, c.ids.userIds[key]!);
  if (!user) throw new Error(`demo user ${key} missing`);
  c.people.set(key, user);
  return user;
}

async function context(c: Ctx, userKey: string, returnId: string): Promise<ReturnContext> {
  const ctx = await findAccessibleReturn(c.db, await person(c, userKey), returnId);
  if (!ctx) throw new Error(`demo return ${returnId} not visible to ${userKey}`);
  return ctx;
}

/** Answers every theme of a return (confirming any carried-forward answers), as its lead. */
async function answerAll(
  c: Ctx,
  agencyKey: string,
  returnId: string,
  year: string,
  at: Date,
  targetDay: string,
) {
  const leadKey = LEAD_KEYS[agencyKey]!;
  const lead = await person(c, leadKey);
  let ctx = await context(c, leadKey, returnId);
  for (const theme of applicableThemes(c.structure.themes, ctx.agencyLocalityIds, ctx.agencySector)) {
    const v = themeValues(theme, agencyKey, year, targetDay);
    await saveTheme(
      c.db,
      ctx,
      theme,
      { answers: v.answers, rating: v.rating, completeRequested: true, confirmCarriedForward: true },
      lead.id,
      at,
    );
  }
  ctx = await context(c, leadKey, returnId);
  return { ctx, lead };
}

/** Answers, details, sign-off and submission of a return by its lead, at `at`. */
async function completeAndSubmit(
  c: Ctx,
  agencyKey: string,
  returnId: string,
  year: string,
  at: Date,
  targetDay: string,
  reference: string,
): Promise<void> {
  const { lead } = await answerAll(c, agencyKey, returnId, year, at, targetDay);
  let ctx = await context(c, LEAD_KEYS[agencyKey]!, returnId);
  await saveDetails(
    c.db,
    ctx,
    {
      completerName: lead.name,
      completerRole: 'Safeguarding lead',
      completerEmail: lead.email,
      completerPhone: '',
    },
    lead.id,
    at,
  );
  ctx = await context(c, LEAD_KEYS[agencyKey]!, returnId);
  await recordSignoff(
    c.db,
    ctx,
    { signoffName: 'Chief Officer', signoffJobTitle: 'Chief Executive', signoffDate: isoDay(at) },
    lead.id,
    at,
  );
  ctx = await context(c, LEAD_KEYS[agencyKey]!, returnId);
  await submitReturn({ db: c.db, mailer: c.mailer, baseUrl: BASE_URL }, ctx, c.structure, lead, at);
  // References are random; the demo's are fixed so that two seeds give the same data.
  await c.db
    .update(returns)
    .set({ reference })
    .where(and(eq(returns.id, returnId), eq(returns.partnershipId, c.ids.partnershipId)));
}

export interface DemoYearIds {
  previousCycleId: string;
  previousReturnIds: Record<string, string>;
  userIds: Record<string, string>;
}

export async function seedDemoYear(db: Db, clock: Clock, ids: DemoIds): Promise<DemoYearIds> {
  const now = clock.now();
  const partnershipId = ids.partnershipId;
  const userIds = { ...ids.userIds };

  for (const l of EXTRA_LEADS) {
    const [u] = await db
      .insert(users)
      .values({ email: l.email, name: l.name, jobTitle: l.jobTitle, createdAt: now })
      .returning();
    userIds[l.key] = u!.id;
    await db
      .insert(agencyUsers)
      .values({ agencyId: ids.agencyIds[l.agency]!, userId: u!.id, role: 'agency_lead', createdAt: now });
  }
  const c: Ctx = {
    db,
    clock,
    ids: { ...ids, userIds },
    // The seed's emails are not news to anyone: they are not sent, and the development mailbox
    // does not fill with them (sent mail is append-only, so they could not be taken back).
    mailer: { send: async () => {} },
    people: new Map(),
    structure: await loadReturnStructure(db, partnershipId, ids.templateVersionId),
  };

  // The previous audit: a year before the current one, closed ten months ago.
  const prevOpens = new Date(now.getTime() - 380 * DAY);
  const prevCloses = londonTime(isoDay(new Date(now.getTime() - 320 * DAY)), '17:00');
  const prevYear = String(prevOpens.getUTCFullYear());
  const [prev] = await db
    .insert(cycles)
    .values({
      partnershipId,
      templateVersionId: ids.templateVersionId,
      name: `Section 11 audit ${prevYear}`,
      opensAt: prevOpens,
      closesAt: prevCloses,
      introduction:
        'Every partner agency is asked to complete its Section 11 self-assessment by the deadline.',
      kind: 'annual',
      createdAt: prevOpens,
    })
    .returning();
  const previousCycleId = prev!.id;
  await db.insert(cycleLocalities).values([
    { partnershipId, cycleId: previousCycleId, localityId: ids.localityIds.northshire },
    { partnershipId, cycleId: previousCycleId, localityId: ids.localityIds.riverside },
  ]);
  const agencyKeys = Object.keys(ids.agencyIds);
  const previousReturnIds: Record<string, string> = {};
  const prevTarget = isoDay(new Date(now.getTime() - 60 * DAY));
  for (const [i, key] of agencyKeys.entries()) {
    const [row] = await db
      .insert(returns)
      .values({
        partnershipId,
        cycleId: previousCycleId,
        agencyId: ids.agencyIds[key]!,
        createdAt: prevOpens,
      })
      .returning();
    previousReturnIds[key] = row!.id;
    await db.insert(returnNotices).values({
      partnershipId,
      returnId: row!.id,
      notice: 'invitation',
      sentTo: (await person(c, LEAD_KEYS[key]!)).email,
      createdAt: prevOpens,
    });
    const at = new Date(prevOpens.getTime() + (12 + i * 5) * DAY);
    await completeAndSubmit(
      c,
      key,
      row!.id,
      prevYear,
      at,
      prevTarget,
      `S11-${prevYear}-DEMO${String(i + 1).padStart(2, '0')}`,
    );
  }

  // The review: the scrutineer moderates and challenges some returns, then accepts every one.
  const reviewAt = new Date(prevCloses.getTime() + 7 * DAY);
  const reviewer = await person(c, 'reviewer');
  const review = { db, mailer: c.mailer, baseUrl: BASE_URL };
  for (const [i, key] of agencyKeys.entries()) {
    const returnId = previousReturnIds[key]!;
    const ctx = await context(c, 'reviewer', returnId);
    const themes = applicableThemes(c.structure.themes, ctx.agencyLocalityIds, ctx.agencySector);
    if (i % 3 === 0) {
      const theme = themes[i % themes.length]!;
      await moderateTheme(
        review,
        ctx,
        theme,
        { rating: 'amber', reason: 'The evidence seen at the panel does not yet support Green.' },
        reviewer.id,
        reviewAt,
      );
      const challengeId = await raiseChallenge(
        review,
        ctx,
        theme,
        'How do you know the training has changed practice? Please give an example from the last six months.',
        reviewer,
        reviewAt,
      );
      const lead = await person(c, LEAD_KEYS[key]!);
      const leadCtx = await context(c, LEAD_KEYS[key]!, returnId);
      await addToChallenge(
        review,
        leadCtx,
        { id: challengeId, themeId: theme.id, raisedByEmail: reviewer.email },
        theme,
        'agency',
        'Our case file audit in the spring found the new escalation steps used in 9 of 12 cases; the report is on the shared drive.',
        lead,
        new Date(reviewAt.getTime() + 3 * DAY),
      );
      await closeChallengeFor(
        review,
        ctx,
        challengeId,
        theme,
        reviewer.id,
        new Date(reviewAt.getTime() + 5 * DAY),
      );
    }
    await decideOutcome(
      review,
      await context(c, 'reviewer', returnId),
      themes,
      { decision: 'accepted', reasons: 'Accepted by the scrutiny panel.', themeIds: [] },
      reviewer,
      new Date(reviewAt.getTime() + 10 * DAY),
    );
  }

  // The challenge event: a panel on three agencies' returns, with its notes.
  const eventAt = new Date(prevCloses.getTime() + 14 * DAY);
  const eventId = await insertEvent(db, partnershipId, previousCycleId, {
    title: 'Section 11 challenge panel: health and justice',
    startsAt: eventAt,
    location: 'Council Chamber, Northshire County Hall',
    chair: 'Martin Okafor, Independent Scrutineer',
    attendees: 'Safeguarding leads of the NHS trust, the constabulary and the youth justice service',
    returnIds: [previousReturnIds.nhs!, previousReturnIds.police!, previousReturnIds.yjs!],
    userId: userIds.admin!,
    now: reviewAt,
  });
  await saveEventNotes(
    db,
    partnershipId,
    eventId,
    'Each agency presented its return. The panel agreed that supervision records should show how escalation is used, and asked for an update at the spring panel.',
    userIds.admin!,
    new Date(eventAt.getTime() + DAY),
  );

  // The staff survey: default statements for each theme, anonymous responses from six agencies.
  const surveyThemes = c.structure.themes.filter((t) => defaultStatementsFor(t.key).length > 0);
  await saveSurveySettings(
    db,
    partnershipId,
    previousCycleId,
    {
      enabled: true,
      closesOn: null,
      statements: Object.fromEntries(surveyThemes.map((t) => [t.id, defaultStatementsFor(t.key)])),
    },
    true,
    userIds.admin!,
    prevOpens,
  );
  const statements = await queryRows<{ id: string }>(
    db,
    sql`select id from survey_statements where partnership_id = ${partnershipId} and cycle_id = ${previousCycleId}
        order by theme_id, position`,
  );
  const SCALE: SurveyAnswer[] = [
    'strongly_disagree',
    'disagree',
    'neither',
    'agree',
    'strongly_agree',
    'dont_know',
  ];
  for (const [i, key] of ['council', 'police', 'nhs', 'yjs', 'charity', 'district'].entries()) {
    const random = generator(`survey:${key}`);
    const strength = STRENGTH[key] ?? 0.6;
    for (let n = 0; n < 6 + i; n++) {
      const answers = new Map<string, SurveyAnswer>();
      for (const st of statements) {
        const r = random();
        answers.set(st.id, r < 0.05 ? 'dont_know' : SCALE[Math.min(4, Math.floor((r + strength) * 2.6))]!);
      }
      await insertResponse(
        db,
        { partnershipId, cycleId: previousCycleId, returnId: previousReturnIds[key]! },
        { answers, comment: n === 0 ? 'Supervision helps me think about the children on my caseload.' : '' },
        isoDay(new Date(prevOpens.getTime() + (5 + n) * DAY)),
        1000,
      );
    }
  }

  // Actions kept up to date through the year.
  for (const key of agencyKeys) {
    const returnId = previousReturnIds[key]!;
    const leadKey = LEAD_KEYS[key]!;
    const lead = await person(c, leadKey);
    const ctx = await context(c, leadKey, returnId);
    // In a fixed order (loading order is not), so that every seed updates the same actions.
    const list = (await loadActions(db, partnershipId, returnId)).sort((a, b) =>
      a.description.localeCompare(b.description),
    );
    for (const [j, action] of list.slice(0, 3).entries()) {
      await updateAction(
        db,
        ctx,
        action.id,
        {
          leadPerson: lead.name,
          successCriteria: 'Seen in the next case file audit.',
          targetDate: prevTarget,
          status: j === 0 ? 'completed' : 'in_progress',
          note: j === 0 ? 'Done: the new procedure is in use.' : 'Training booked for every team.',
        },
        lead.id,
        new Date(reviewAt.getTime() + (40 + j * 30) * DAY),
      );
    }
  }

  // The final findings report.
  const reportAt = new Date(prevCloses.getTime() + 60 * DAY);
  const admin = await person(c, 'admin');
  const results = await cycleResults(db, admin, previousCycleId, {}, reportAt);
  const draft = draftReport(results.cycle, results.figures, reportAt);
  await saveReportText(
    db,
    partnershipId,
    previousCycleId,
    {
      ...draft,
      summary:
        'Every partner agency submitted its Section 11 return. Most standards are met; supervision and the voice of the child are the areas the partnership will follow up.',
      improvements: 'Safer recruitment and training records are stronger than at the last audit.',
      recommendations:
        '1. Agencies graded Amber or Red on supervision report progress to the spring panel.\n2. The partnership runs a multi-agency audit of escalation.',
    },
    userIds.admin!,
    reportAt,
  );
  await finaliseReport(db, partnershipId, previousCycleId, results.figures, userIds.admin!, reportAt);

  // The current audit, part-way.
  const current = await findPartnershipCycle(db, await person(c, 'admin'), ids.cycleId);
  await db
    .update(cycles)
    .set({ carryForward: true })
    .where(and(eq(cycles.id, ids.cycleId), eq(cycles.partnershipId, partnershipId)));
  const curYear = String(now.getUTCFullYear());
  const curTarget = isoDay(new Date(now.getTime() + 180 * DAY));
  for (const key of agencyKeys)
    await carryForwardReturn(
      db,
      partnershipId,
      {
        returnId: ids.returnIds[key]!,
        agencyId: ids.agencyIds[key]!,
        cycleId: ids.cycleId,
        templateVersionId: ids.templateVersionId,
      },
      null,
      new Date(now.getTime() - 14 * DAY),
    );
  // Submitted: the police, the district council and the youth justice service (returned for changes).
  for (const [i, key] of ['police', 'district', 'yjs'].entries())
    await completeAndSubmit(
      c,
      key,
      ids.returnIds[key]!,
      curYear,
      new Date(now.getTime() - (6 - i * 2) * DAY),
      curTarget,
      `S11-${curYear}-DEMO${String(i + 1).padStart(2, '0')}`,
    );
  {
    const ctx = await context(c, 'reviewer', ids.returnIds.yjs!);
    const themes = applicableThemes(c.structure.themes, ctx.agencyLocalityIds, ctx.agencySector);
    await decideOutcome(
      review,
      ctx,
      themes,
      {
        decision: 'returned',
        reasons: 'Please add the evidence of your training figures to the training theme.',
        themeIds: [themes.find((t) => t.key === 'training')?.id ?? themes[0]!.id],
      },
      reviewer,
      new Date(now.getTime() - DAY),
    );
  }
  // In progress: the NHS trust has confirmed two themes of last year's answers; the rest await it.
  {
    const lead = await person(c, 'nhsLead');
    const ctx = await context(c, 'nhsLead', ids.returnIds.nhs!);
    for (const theme of applicableThemes(c.structure.themes, ctx.agencyLocalityIds, ctx.agencySector).slice(
      0,
      2,
    )) {
      const v = themeValues(theme, 'nhs', curYear, curTarget);
      await saveTheme(
        db,
        ctx,
        theme,
        { answers: v.answers, rating: v.rating, completeRequested: true, confirmCarriedForward: true },
        lead.id,
        new Date(now.getTime() - 3 * DAY),
      );
    }
  }
  // More time for probation.
  if (current)
    await extendReturn(
      { db, mailer: c.mailer, baseUrl: BASE_URL },
      current,
      ids.returnIds.probation!,
      londonTime(isoDay(new Date(now.getTime() + 42 * DAY)), '17:00'),
      'The service is being reorganised; agreed with the business manager.',
      userIds.admin!,
      new Date(now.getTime() - 2 * DAY),
    );

  return { previousCycleId, previousReturnIds, userIds };
}
