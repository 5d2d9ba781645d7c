/** Database access for returns. Every function takes the partnership id and filters by it. */

import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { inSystemContext } from '../../db/acting-partnership.ts';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/client.ts';
import { readRows, statement } from '../../db/prepared.ts';
import {
  type ActionStatus,
  actions,
  actionUpdates,
  answers,
  type Rag,
  type ReturnStatus,
  returnHistory,
  themeRatings,
  users,
} from '../../db/schema.ts';
import type { CurrentUser } from '../auth/users.repository.ts';
import type { AnswerValues, ThemeRatingValues } from './return-structure.ts';

export type ReturnAccess = 'agency_lead' | 'contributor' | 'partnership_admin' | 'reviewer';

export interface ReturnContext {
  id: string;
  partnershipId: string;
  partnershipName: string;
  partnershipContactEmail: string;
  /** The partnership's branding: its pages show it. */
  partnershipHeaderColour: string | null;
  partnershipLogoSha256: string | null;
  /** The partnership's introduction for agencies (may be empty). */
  partnershipIntroduction: string;
  /** In a joint audit, the other partnerships receiving this return (those the agency belongs to). */
  jointPartnershipNames: string[];
  cycleId: string;
  cycleName: string;
  /** The partnership's introduction to this audit, for agencies. */
  cycleIntroduction: string;
  /** Questions highlighted to agencies this cycle. */
  focusQuestionIds: string[];
  /** The earlier return this one was pre-filled from, and its template version (for flags). */
  carriedForwardFromReturnId: string | null;
  previousTemplateVersionId: string | null;
  opensAt: Date;
  /** This return's deadline: the cycle's closing time, or the agency's extension. */
  closesAt: Date;
  cycleClosesAt: Date;
  extendedUntil: Date | null;
  templateVersionId: string;
  agencyId: string;
  agencyName: string;
  agencyLocalityIds: string[];
  /** The agency's sector: themes limited to some sectors apply only to agencies in them. */
  agencySector: string;
  status: ReturnStatus;
  reference: string | null;
  completerName: string | null;
  completerRole: string | null;
  completerEmail: string | null;
  completerPhone: string | null;
  signoffName: string | null;
  signoffJobTitle: string | null;
  signoffDate: string | null;
  signoffConfirmedAt: Date | null;
  submittedAt: Date | null;
  submittedByName: string | null;
  lastActivityAt: Date | null;
  access: ReturnAccess;
  /** The themes assigned to the signed-in person on this return (what a contributor may work on). */
  assignedThemeIds: string[];
  /** While returned for changes: the themes the partnership reopened (the only ones the agency may change). */
  reopenedThemeIds: string[];
}

type ContextRow = {
  id: string;
  partnership_id: string;
  partnership_name: string;
  partnership_contact_email: string;
  partnership_header_colour: string | null;
  partnership_logo_sha256: string | null;
  partnership_introduction: string;
  joint_partnership_names: string[] | null;
  cycle_id: string;
  cycle_name: string;
  cycle_introduction: string;
  focus_question_ids: string[] | null;
  carried_forward_from_return_id: string | null;
  previous_template_version_id: string | null;
  opens_at: string | Date;
  closes_at: string | Date;
  cycle_closes_at: string | Date;
  extended_until: string | Date | null;
  template_version_id: string;
  agency_id: string;
  agency_name: string;
  agency_locality_ids: string[] | null;
  agency_sector: string;
  status: ReturnStatus;
  reference: string | null;
  completer_name: string | null;
  completer_role: string | null;
  completer_email: string | null;
  completer_phone: string | null;
  signoff_name: string | null;
  signoff_job_title: string | null;
  signoff_date: string | Date | null;
  signoff_confirmed_at: string | Date | null;
  submitted_at: string | Date | null;
  submitted_by_name: string | null;
  last_activity_at: string | Date | null;
  agency_role: 'agency_lead' | 'contributor' | null;
  partnership_role: 'partnership_admin' | 'reviewer' | null;
  assigned_theme_ids: string[] | null;
  reopened_theme_ids: string[] | null;
};

const toDate = (v: string | Date | null): Date | null =>
  v === null ? null : v instanceof Date ? v : new Date(v);
const toDay = (v: string | Date | null): string | null =>
  v === null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10);

const RETURN_CONTEXT = statement(
  'return_context',
  `
    select r.id, r.partnership_id, p.name as partnership_name, p.contact_email as partnership_contact_email,
      p.header_colour as partnership_header_colour,
      (select l.sha256 from partnership_logos l where l.partnership_id = r.partnership_id) as partnership_logo_sha256,
      p.introduction as partnership_introduction,
      (select array_agg(jp.name order by jp.name) from cycle_partnerships cp
         join partnerships jp on jp.id = cp.partnership_id
         join agency_memberships jm on jm.partnership_id = cp.partnership_id and jm.agency_id = r.agency_id
       where cp.cycle_id = r.cycle_id) as joint_partnership_names,
      c.id as cycle_id, c.name as cycle_name, c.introduction as cycle_introduction,
      c.focus_question_ids, r.carried_forward_from_return_id,
      (select pc.template_version_id from returns pr join cycles pc on pc.id = pr.cycle_id
        where pr.id = r.carried_forward_from_return_id and pr.partnership_id = r.partnership_id) as previous_template_version_id,
      c.opens_at, greatest(r.extended_until, c.closes_at) as closes_at,
      c.closes_at as cycle_closes_at, r.extended_until, c.template_version_id,
      a.id as agency_id, a.name as agency_name, a.sector as agency_sector,
      (select array_agg(al.locality_id) from agency_localities al
        where al.agency_id = a.id and al.partnership_id = r.partnership_id) as agency_locality_ids,
      r.status, r.reference, r.completer_name, r.completer_role, r.completer_email, r.completer_phone,
      r.signoff_name, r.signoff_job_title, r.signoff_date::text as signoff_date, r.signoff_confirmed_at,
      r.submitted_at, su.name as submitted_by_name, r.last_activity_at, r.reopened_theme_ids,
      (select au.role from agency_users au where au.agency_id = r.agency_id and au.user_id = $2) as agency_role,
      coalesce(
        (select pr.role from partnership_roles pr where pr.partnership_id = r.partnership_id and pr.user_id = $2),
        (select pr.role from cycle_partnerships cp
           join partnership_roles pr on pr.partnership_id = cp.partnership_id and pr.user_id = $2
           join agency_memberships am on am.partnership_id = cp.partnership_id and am.agency_id = r.agency_id
         where cp.cycle_id = r.cycle_id
         order by pr.role limit 1)) as partnership_role,
      (select array_agg(ta.theme_id) from theme_assignments ta
        where ta.return_id = r.id and ta.partnership_id = r.partnership_id and ta.user_id = $2) as assigned_theme_ids
    from returns r
      join cycles c on c.id = r.cycle_id and c.partnership_id = r.partnership_id
      join agencies a on a.id = r.agency_id
      join partnerships p on p.id = r.partnership_id
      left join users su on su.id = r.submitted_by
    where r.id = $1`,
);

/**
 * The return with everything its pages need, if `user` may see it: through the agency it belongs to,
 * a role in the partnership that runs its cycle, or a role in a joint partner of the cycle of which
 * the agency is a member (read only, like the lead partnership). Otherwise null (a forged or foreign id).
 */
export async function findAccessibleReturn(
  db: DbOrTx,
  user: CurrentUser,
  returnId: string,
): Promise<ReturnContext | null> {
  // The person's right to it is decided from their own roles, before any partnership is acted for.
  const rows = await inSystemContext(() => readRows<ContextRow>(db, RETURN_CONTEXT, [returnId, user.id]));
  const row = rows[0];
  if (!row) return null;
  const access: ReturnAccess | null = row.agency_role ?? row.partnership_role;
  if (!access) return null;
  return {
    id: row.id,
    partnershipId: row.partnership_id,
    partnershipName: row.partnership_name,
    partnershipContactEmail: row.partnership_contact_email,
    partnershipHeaderColour: row.partnership_header_colour,
    partnershipLogoSha256: row.partnership_logo_sha256,
    partnershipIntroduction: row.partnership_introduction,
    jointPartnershipNames: row.joint_partnership_names ?? [],
    cycleId: row.cycle_id,
    cycleName: row.cycle_name,
    cycleIntroduction: row.cycle_introduction,
    focusQuestionIds: row.focus_question_ids ?? [],
    carriedForwardFromReturnId: row.carried_forward_from_return_id,
    previousTemplateVersionId: row.previous_template_version_id,
    opensAt: toDate(row.opens_at)!,
    closesAt: toDate(row.closes_at)!,
    cycleClosesAt: toDate(row.cycle_closes_at)!,
    extendedUntil: toDate(row.extended_until),
    templateVersionId: row.template_version_id,
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    agencyLocalityIds: row.agency_locality_ids ?? [],
    agencySector: row.agency_sector,
    status: row.status,
    reference: row.reference,
    completerName: row.completer_name,
    completerRole: row.completer_role,
    completerEmail: row.completer_email,
    completerPhone: row.completer_phone,
    signoffName: row.signoff_name,
    signoffJobTitle: row.signoff_job_title,
    signoffDate: toDay(row.signoff_date),
    signoffConfirmedAt: toDate(row.signoff_confirmed_at),
    submittedAt: toDate(row.submitted_at),
    submittedByName: row.submitted_by_name,
    lastActivityAt: toDate(row.last_activity_at),
    access,
    assignedThemeIds: row.assigned_theme_ids ?? [],
    reopenedThemeIds: row.reopened_theme_ids ?? [],
  };
}

/** Answers of a return, with the area for development (action) of each question that has one. */
const RETURN_ANSWERS = statement(
  'return_answers',
  `select a.question_id, a.response, a.choices, a.value, a.na_reason, a.evidence_document, a.evidence_location, a.comment, a.impact,
     (a.carried_forward_at is not null and a.confirmed_at is null) as awaiting_confirmation,
     ac.description as action_description, ac.target_date::text as action_target_date
   from answers a
     left join actions ac on ac.return_id = a.return_id and ac.question_id = a.question_id
   where a.partnership_id = $1 and a.return_id = $2`,
);

/** Answers of a return, with the area for development (action) of each question that has one. */
export async function loadAnswers(
  db: DbOrTx,
  partnershipId: string,
  returnId: string,
): Promise<Map<string, AnswerValues>> {
  const rows = await readRows<{
    question_id: string;
    response: AnswerValues['response'];
    choices: string[] | null;
    value: string;
    na_reason: string;
    evidence_document: string;
    evidence_location: string;
    comment: string;
    impact: string;
    awaiting_confirmation: boolean;
    action_description: string | null;
    action_target_date: string | null;
  }>(db, RETURN_ANSWERS, [partnershipId, returnId]);
  const map = new Map<string, AnswerValues>();
  for (const a of rows) {
    map.set(a.question_id, {
      response: a.response,
      choices: a.choices ?? [],
      value: a.value,
      naReason: a.na_reason,
      evidenceDocument: a.evidence_document,
      evidenceLocation: a.evidence_location,
      comment: a.comment,
      impact: a.impact,
      actionDescription: a.action_description ?? '',
      actionTargetDate: a.action_target_date ?? null,
      awaitingConfirmation: a.awaiting_confirmation === true,
    });
  }
  return map;
}

/** Marks an answer carried forward from the last audit as confirmed (or changed) by the agency. */
export async function confirmAnswer(
  tx: DbOrTx,
  partnershipId: string,
  returnId: string,
  questionId: string,
  userId: string,
  now: Date,
): Promise<void> {
  await tx
    .update(answers)
    .set({ confirmedAt: now, updatedBy: userId, updatedAt: now })
    .where(
      and(
        eq(answers.partnershipId, partnershipId),
        eq(answers.returnId, returnId),
        eq(answers.questionId, questionId),
      ),
    );
}

const RETURN_RATINGS = statement(
  'return_ratings',
  `select tr.theme_id, tr.rating, tr.justification, tr.completed_at is not null as completed,
     ac.description as action_description, ac.target_date::text as action_target_date
   from theme_ratings tr
     left join actions ac on ac.return_id = tr.return_id and ac.theme_id = tr.theme_id and ac.question_id is null and ac.challenge_event_id is null
       and ac.carried_forward_from_action_id is null
   where tr.partnership_id = $1 and tr.return_id = $2`,
);

export async function loadRatings(
  db: DbOrTx,
  partnershipId: string,
  returnId: string,
): Promise<Map<string, ThemeRatingValues>> {
  const rows = await readRows<{
    theme_id: string;
    rating: Rag | null;
    justification: string;
    completed: boolean;
    action_description: string | null;
    action_target_date: string | null;
  }>(db, RETURN_RATINGS, [partnershipId, returnId]);
  const map = new Map<string, ThemeRatingValues>();
  for (const r of rows) {
    map.set(r.theme_id, {
      rating: r.rating,
      justification: r.justification,
      actionDescription: r.action_description ?? '',
      actionTargetDate: r.action_target_date ?? null,
      completed: r.completed,
    });
  }
  return map;
}

const THEME_VALUES = statement(
  'theme_values',
  `select
     (select json_agg(json_build_object(
         'questionId', a.question_id, 'response', a.response, 'choices', a.choices, 'value', a.value,
         'naReason', a.na_reason,
         'evidenceDocument', a.evidence_document, 'evidenceLocation', a.evidence_location,
         'comment', a.comment, 'impact', a.impact,
         'awaitingConfirmation', a.carried_forward_at is not null and a.confirmed_at is null,
         'actionDescription', coalesce(ac.description, ''), 'actionTargetDate', ac.target_date::text))
      from answers a
        left join actions ac on ac.return_id = a.return_id and ac.question_id = a.question_id
      where a.return_id = $2 and a.question_id = any($4::uuid[]) and a.partnership_id = $1) as answers,
     (select json_build_object(
         'rating', tr.rating, 'justification', tr.justification, 'completed', tr.completed_at is not null,
         'actionDescription', coalesce(ac.description, ''), 'actionTargetDate', ac.target_date::text)
      from theme_ratings tr
        left join actions ac on ac.return_id = tr.return_id and ac.theme_id = tr.theme_id and ac.question_id is null and ac.challenge_event_id is null
       and ac.carried_forward_from_action_id is null
      where tr.partnership_id = $1 and tr.return_id = $2 and tr.theme_id = $3) as rating`,
);

/**
 * One theme's saved answers and rating, in one trip (the theme page's read). The answers are found
 * by the theme's question ids, straight from the (return, question) index.
 */
export async function loadThemeValues(
  db: DbOrTx,
  partnershipId: string,
  returnId: string,
  theme: { id: string; questions: ReadonlyArray<{ id: string }> },
): Promise<{ answers: Map<string, AnswerValues>; rating: ThemeRatingValues | undefined }> {
  const [row] = await readRows<{
    answers: Array<AnswerValues & { questionId: string }> | null;
    rating: ThemeRatingValues | null;
  }>(db, THEME_VALUES, [partnershipId, returnId, theme.id, theme.questions.map((q) => q.id)]);
  const answers = new Map<string, AnswerValues>();
  for (const { questionId, ...values } of row?.answers ?? []) answers.set(questionId, values);
  return { answers, rating: row?.rating ?? undefined };
}

export interface HistoryEntry {
  event: string;
  field?: string | null;
  oldValue?: string | null;
  newValue?: string | null;
  note?: string | null;
}

export async function recordHistory(
  db: DbOrTx,
  partnershipId: string,
  returnId: string,
  userId: string | null,
  now: Date,
  entries: HistoryEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await db.insert(returnHistory).values(
    entries.map((e) => ({
      partnershipId,
      returnId,
      userId,
      event: e.event,
      field: e.field ?? null,
      oldValue: e.oldValue ?? null,
      newValue: e.newValue ?? null,
      note: e.note ?? null,
      createdAt: now,
    })),
  );
}

/** How many entries the return's change history has. */
export async function countHistory(db: DbOrTx, partnershipId: string, returnId: string): Promise<number> {
  const [row] = await db
    .select({ total: count() })
    .from(returnHistory)
    .where(and(eq(returnHistory.partnershipId, partnershipId), eq(returnHistory.returnId, returnId)));
  return row?.total ?? 0;
}

export async function loadHistory(
  db: DbOrTx,
  partnershipId: string,
  returnId: string,
  page: { limit: number; offset: number } = { limit: 1000, offset: 0 },
) {
  return db
    .select({
      id: returnHistory.id,
      event: returnHistory.event,
      field: returnHistory.field,
      oldValue: returnHistory.oldValue,
      newValue: returnHistory.newValue,
      note: returnHistory.note,
      createdAt: returnHistory.createdAt,
      userName: users.name,
    })
    .from(returnHistory)
    .leftJoin(users, eq(users.id, returnHistory.userId))
    .where(and(eq(returnHistory.partnershipId, partnershipId), eq(returnHistory.returnId, returnId)))
    .orderBy(desc(returnHistory.createdAt), desc(returnHistory.id))
    .limit(page.limit)
    .offset(page.offset);
}

/** Who last changed each of these fields of the return (by their change-history name), and when. */
export async function lastFieldChanges(
  db: DbOrTx,
  partnershipId: string,
  returnId: string,
  fields: string[],
): Promise<Map<string, { userName: string | null; at: Date }>> {
  if (fields.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([returnHistory.field], {
      field: returnHistory.field,
      at: returnHistory.createdAt,
      userName: users.name,
    })
    .from(returnHistory)
    .leftJoin(users, eq(users.id, returnHistory.userId))
    .where(
      and(
        eq(returnHistory.partnershipId, partnershipId),
        eq(returnHistory.returnId, returnId),
        inArray(returnHistory.field, fields),
      ),
    )
    .orderBy(returnHistory.field, desc(returnHistory.createdAt), desc(returnHistory.id));
  return new Map(rows.map((r) => [r.field ?? '', { userName: r.userName, at: r.at }]));
}

/** Locks the return row for the rest of the transaction and gives its current status. */
export async function lockReturn(
  tx: DbOrTx,
  partnershipId: string,
  returnId: string,
): Promise<ReturnStatus | null> {
  return (await lockReturnState(tx, partnershipId, returnId))?.status ?? null;
}

/** Locks the return row and gives its status and the themes reopened for changes. */
export async function lockReturnState(
  tx: DbOrTx,
  partnershipId: string,
  returnId: string,
): Promise<{ status: ReturnStatus; reopenedThemeIds: string[] } | null> {
  const rows = await queryRows<{ status: ReturnStatus; reopened_theme_ids: string[] | null }>(
    tx,
    sql`select status, reopened_theme_ids from returns where id = ${returnId} and partnership_id = ${partnershipId} for update`,
  );
  const row = rows[0];
  return row ? { status: row.status, reopenedThemeIds: row.reopened_theme_ids ?? [] } : null;
}

const LOCK_MARKING_ACTIVITY = statement(
  'lock_marking_activity',
  `update returns set last_activity_at = $1,
     status = case when status = 'not_started' then 'in_progress' else status end
   where id = $2 and partnership_id = $3
   returning status, reopened_theme_ids`,
);

/**
 * Locks the return row for a change and marks it active now (started, if it was not), in one
 * statement where a lock and then an update were two: its status as it stands after that (not
 * started is in progress: both can be changed) and the themes reopened for changes; null when there is
 * no such row. Whoever goes on to refuse the change rolls the transaction back, and the mark with it.
 */
export async function lockMarkingActivity(
  tx: DbOrTx,
  partnershipId: string,
  returnId: string,
  now: Date,
): Promise<{ status: ReturnStatus; reopenedThemeIds: string[] } | null> {
  const [row] = await readRows<{ status: ReturnStatus; reopened_theme_ids: string[] | null }>(
    tx,
    LOCK_MARKING_ACTIVITY,
    [now.toISOString(), returnId, partnershipId],
  );
  return row ? { status: row.status, reopenedThemeIds: row.reopened_theme_ids ?? [] } : null;
}

export interface ActionRow {
  id: string;
  themeId: string;
  questionId: string | null;
  description: string;
  targetDate: string | null;
  leadPerson: string;
  successCriteria: string;
  status: ActionStatus;
  updatedAt: Date;
  /** Set when the action was carried forward, still open, from the agency's last audit. */
  carriedForwardFromActionId?: string | null;
  /** Set when the action was agreed at a challenge event. */
  challengeEventId?: string | null;
}

export async function loadActions(db: DbOrTx, partnershipId: string, returnId: string): Promise<ActionRow[]> {
  return db
    .select({
      id: actions.id,
      themeId: actions.themeId,
      questionId: actions.questionId,
      description: actions.description,
      targetDate: actions.targetDate,
      leadPerson: actions.leadPerson,
      successCriteria: actions.successCriteria,
      status: actions.status,
      updatedAt: actions.updatedAt,
      carriedForwardFromActionId: actions.carriedForwardFromActionId,
      challengeEventId: actions.challengeEventId,
    })
    .from(actions)
    .where(and(eq(actions.partnershipId, partnershipId), eq(actions.returnId, returnId)))
    .orderBy(asc(actions.createdAt), asc(actions.id));
}

export async function loadActionUpdates(db: DbOrTx, partnershipId: string, actionIds: string[]) {
  if (actionIds.length === 0) return [];
  return db
    .select({
      actionId: actionUpdates.actionId,
      status: actionUpdates.status,
      note: actionUpdates.note,
      createdAt: actionUpdates.createdAt,
      userName: users.name,
    })
    .from(actionUpdates)
    .leftJoin(users, eq(users.id, actionUpdates.userId))
    .where(and(eq(actionUpdates.partnershipId, partnershipId), inArray(actionUpdates.actionId, actionIds)))
    .orderBy(desc(actionUpdates.createdAt));
}

/** Creates, updates or removes the action that an answer or a theme rating generates. */
export async function syncAction(
  tx: DbOrTx,
  partnershipId: string,
  returnId: string,
  themeId: string,
  questionId: string | null,
  wanted: { description: string; targetDate: string | null } | null,
  now: Date,
): Promise<void> {
  const where = and(
    eq(actions.partnershipId, partnershipId),
    eq(actions.returnId, returnId),
    questionId
      ? eq(actions.questionId, questionId)
      : and(
          eq(actions.themeId, themeId),
          isNull(actions.questionId),
          isNull(actions.challengeEventId),
          isNull(actions.carriedForwardFromActionId),
        ),
  );
  const [existing] = await tx
    .select({ id: actions.id, description: actions.description, targetDate: actions.targetDate })
    .from(actions)
    .where(where);
  if (!wanted?.description.trim()) {
    if (existing) await tx.delete(actions).where(eq(actions.id, existing.id));
    return;
  }
  if (existing) {
    if (existing.description !== wanted.description || existing.targetDate !== wanted.targetDate) {
      await tx
        .update(actions)
        .set({ description: wanted.description, targetDate: wanted.targetDate, updatedAt: now })
        .where(eq(actions.id, existing.id));
    }
    return;
  }
  await tx.insert(actions).values({
    partnershipId,
    returnId,
    themeId,
    questionId,
    description: wanted.description,
    targetDate: wanted.targetDate,
    createdAt: now,
    updatedAt: now,
  });
}

export async function upsertAnswer(
  tx: DbOrTx,
  partnershipId: string,
  returnId: string,
  questionId: string,
  values: AnswerValues,
  userId: string,
  now: Date,
): Promise<void> {
  const set = {
    response: values.response,
    choices: values.choices,
    value: values.value,
    naReason: values.naReason,
    evidenceDocument: values.evidenceDocument,
    evidenceLocation: values.evidenceLocation,
    comment: values.comment,
    impact: values.impact,
    updatedBy: userId,
    updatedAt: now,
  };
  await tx
    .insert(answers)
    .values({ partnershipId, returnId, questionId, ...set })
    .onConflictDoUpdate({ target: [answers.returnId, answers.questionId], set });
}

export async function upsertRating(
  tx: DbOrTx,
  partnershipId: string,
  returnId: string,
  themeId: string,
  values: { rating: Rag | null; justification: string; completedAt: Date | null },
  userId: string,
  now: Date,
): Promise<void> {
  const set = { ...values, updatedBy: userId, updatedAt: now };
  await tx
    .insert(themeRatings)
    .values({ partnershipId, returnId, themeId, ...set })
    .onConflictDoUpdate({ target: [themeRatings.returnId, themeRatings.themeId], set });
}

export interface ReturnListItem {
  id: string;
  partnershipId: string;
  partnershipName: string;
  partnershipIntroduction: string;
  cycleName: string;
  opensAt: Date;
  closesAt: Date;
  templateVersionId: string;
  agencyId: string;
  agencyName: string;
  agencyLocalityIds: string[];
  /** The agency's sector: themes limited to some sectors apply only to agencies in them. */
  agencySector: string;
  status: ReturnStatus;
  reference: string | null;
  submittedAt: Date | null;
  completedThemeIds: string[];
  /** The themes of this return assigned to the person listing it. */
  assignedThemeIds: string[];
}

/** Every return of the agencies `user` belongs to, newest cycle first. */
export async function listAgencyReturns(db: DbOrTx, user: CurrentUser): Promise<ReturnListItem[]> {
  const agencyIds = user.agencies.map((a) => a.agencyId);
  if (agencyIds.length === 0) return [];
  const rows = await queryRows<{
    id: string;
    partnership_id: string;
    partnership_name: string;
    partnership_introduction: string;
    cycle_name: string;
    opens_at: string | Date;
    closes_at: string | Date;
    template_version_id: string;
    agency_id: string;
    agency_name: string;
    agency_locality_ids: string[] | null;
    agency_sector: string;
    status: ReturnStatus;
    reference: string | null;
    submitted_at: string | Date | null;
    completed_theme_ids: string[] | null;
    assigned_theme_ids: string[] | null;
  }>(
    db,
    sql`
    select r.id, r.partnership_id, p.name as partnership_name, p.introduction as partnership_introduction,
      c.name as cycle_name, c.opens_at,
      greatest(r.extended_until, c.closes_at) as closes_at,
      c.template_version_id, a.id as agency_id, a.name as agency_name, a.sector as agency_sector,
      (select array_agg(al.locality_id) from agency_localities al where al.agency_id = a.id and al.partnership_id = r.partnership_id) as agency_locality_ids,
      r.status, r.reference, r.submitted_at,
      (select array_agg(tr.theme_id) from theme_ratings tr where tr.return_id = r.id and tr.completed_at is not null) as completed_theme_ids,
      (select array_agg(ta.theme_id) from theme_assignments ta
        where ta.return_id = r.id and ta.partnership_id = r.partnership_id and ta.user_id = ${user.id}) as assigned_theme_ids
    from returns r
      join cycles c on c.id = r.cycle_id
      join agencies a on a.id = r.agency_id
      join partnerships p on p.id = r.partnership_id
    where r.agency_id in (${sql.join(
      agencyIds.map((id) => sql`${id}`),
      sql`, `,
    )})
    order by greatest(r.extended_until, c.closes_at) desc, a.name`,
  );
  return rows.map((row) => ({
    id: row.id,
    partnershipId: row.partnership_id,
    partnershipName: row.partnership_name,
    partnershipIntroduction: row.partnership_introduction,
    cycleName: row.cycle_name,
    opensAt: toDate(row.opens_at)!,
    closesAt: toDate(row.closes_at)!,
    templateVersionId: row.template_version_id,
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    agencyLocalityIds: row.agency_locality_ids ?? [],
    agencySector: row.agency_sector,
    status: row.status,
    reference: row.reference,
    submittedAt: toDate(row.submitted_at),
    completedThemeIds: row.completed_theme_ids ?? [],
    assignedThemeIds: row.assigned_theme_ids ?? [],
  }));
}
