/**
 * Database access for the partnership's review of a return: challenges and their threads, moderated
 * grades, evidence requests and their files, and outcomes. Every function takes the partnership id of
 * the return (the partnership running its cycle) and filters by it; in a joint cycle the lead's and
 * the partner's reviewers share one review of the return.
 */
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import { readQuery } from '../../db/prepared.ts';
import {
  challengeMessages,
  challenges,
  evidenceFiles,
  evidenceRequests,
  type Rag,
  type ReturnOutcome,
  returnOutcomes,
  themeModerations,
  users,
} from '../../db/schema.ts';

export type ChallengeStatus = 'open' | 'answered' | 'closed';

export interface ChallengeMessage {
  id: string;
  side: 'agency' | 'partnership';
  body: string;
  authorName: string | null;
  createdAt: Date;
}

export interface Challenge {
  id: string;
  themeId: string | null;
  body: string;
  status: ChallengeStatus;
  raisedBy: string | null;
  raisedByName: string | null;
  raisedByEmail: string | null;
  createdAt: Date;
  updatedAt: Date;
  messages: ChallengeMessage[];
}

export async function listChallenges(
  db: DbOrTx,
  partnershipId: string,
  returnId: string,
): Promise<Challenge[]> {
  const rows = await db
    .select({
      id: challenges.id,
      themeId: challenges.themeId,
      body: challenges.body,
      status: challenges.status,
      raisedBy: challenges.raisedBy,
      raisedByName: users.name,
      raisedByEmail: users.email,
      createdAt: challenges.createdAt,
      updatedAt: challenges.updatedAt,
    })
    .from(challenges)
    .leftJoin(users, eq(users.id, challenges.raisedBy))
    .where(and(eq(challenges.partnershipId, partnershipId), eq(challenges.returnId, returnId)))
    .orderBy(asc(challenges.createdAt), asc(challenges.id));
  if (rows.length === 0) return [];
  const messages = await db
    .select({
      id: challengeMessages.id,
      challengeId: challengeMessages.challengeId,
      side: challengeMessages.side,
      body: challengeMessages.body,
      authorName: users.name,
      createdAt: challengeMessages.createdAt,
    })
    .from(challengeMessages)
    .leftJoin(users, eq(users.id, challengeMessages.userId))
    .where(
      and(
        eq(challengeMessages.partnershipId, partnershipId),
        inArray(
          challengeMessages.challengeId,
          rows.map((r) => r.id),
        ),
      ),
    )
    .orderBy(asc(challengeMessages.createdAt), asc(challengeMessages.id));
  return rows.map((r) => ({
    ...r,
    messages: messages.filter((m) => m.challengeId === r.id).map(({ challengeId: _, ...m }) => m),
  }));
}

export async function insertChallenge(
  db: DbOrTx,
  partnershipId: string,
  returnId: string,
  values: { themeId: string | null; body: string; userId: string; now: Date },
): Promise<string> {
  const [row] = await db
    .insert(challenges)
    .values({
      partnershipId,
      returnId,
      themeId: values.themeId,
      body: values.body,
      raisedBy: values.userId,
      status: 'open',
      createdAt: values.now,
      updatedAt: values.now,
    })
    .returning({ id: challenges.id });
  return row!.id;
}

/** Adds a message to a challenge's thread and sets the challenge's status, unless it is closed. */
export async function addChallengeMessage(
  db: DbOrTx,
  partnershipId: string,
  challengeId: string,
  values: { side: 'agency' | 'partnership'; body: string; userId: string; now: Date },
): Promise<boolean> {
  const updated = await db
    .update(challenges)
    .set({ status: values.side === 'agency' ? 'answered' : 'open', updatedAt: values.now })
    .where(
      and(
        eq(challenges.id, challengeId),
        eq(challenges.partnershipId, partnershipId),
        sql`${challenges.status} <> 'closed'`,
      ),
    )
    .returning({ id: challenges.id });
  if (updated.length === 0) return false;
  await db.insert(challengeMessages).values({
    partnershipId,
    challengeId,
    userId: values.userId,
    side: values.side,
    body: values.body,
    createdAt: values.now,
  });
  return true;
}

export async function closeChallenge(
  db: DbOrTx,
  partnershipId: string,
  challengeId: string,
  now: Date,
): Promise<void> {
  await db
    .update(challenges)
    .set({ status: 'closed', updatedAt: now })
    .where(and(eq(challenges.id, challengeId), eq(challenges.partnershipId, partnershipId)));
}

export interface Moderation {
  themeId: string;
  rating: Rag;
  reason: string;
  moderatedByName: string | null;
  updatedAt: Date;
}

export async function listModerations(
  db: DbOrTx,
  partnershipId: string,
  returnId: string,
): Promise<Map<string, Moderation>> {
  const rows = await db
    .select({
      themeId: themeModerations.themeId,
      rating: themeModerations.rating,
      reason: themeModerations.reason,
      moderatedByName: users.name,
      updatedAt: themeModerations.updatedAt,
    })
    .from(themeModerations)
    .leftJoin(users, eq(users.id, themeModerations.moderatedBy))
    .where(and(eq(themeModerations.partnershipId, partnershipId), eq(themeModerations.returnId, returnId)));
  return new Map(rows.map((r) => [r.themeId, r]));
}

export async function upsertModeration(
  db: DbOrTx,
  partnershipId: string,
  returnId: string,
  values: { themeId: string; rating: Rag; reason: string; userId: string; now: Date },
): Promise<void> {
  const set = {
    rating: values.rating,
    reason: values.reason,
    moderatedBy: values.userId,
    updatedAt: values.now,
  };
  await db
    .insert(themeModerations)
    .values({ partnershipId, returnId, themeId: values.themeId, ...set, createdAt: values.now })
    .onConflictDoUpdate({ target: [themeModerations.returnId, themeModerations.themeId], set });
}

export interface EvidenceFileInfo {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  uploadedByName: string | null;
  createdAt: Date;
}

export interface EvidenceRequest {
  id: string;
  themeId: string | null;
  description: string;
  dueDate: string;
  requestedBy: string | null;
  requestedByName: string | null;
  requestedByEmail: string | null;
  responseReference: string;
  respondedAt: Date | null;
  respondedByName: string | null;
  closedAt: Date | null;
  createdAt: Date;
  files: EvidenceFileInfo[];
}

export async function listEvidenceRequests(
  db: DbOrTx,
  partnershipId: string,
  returnId: string,
): Promise<EvidenceRequest[]> {
  const rows = await queryRows<{
    id: string;
    theme_id: string | null;
    description: string;
    due_date: string;
    requested_by: string | null;
    requested_by_name: string | null;
    requested_by_email: string | null;
    response_reference: string;
    responded_at: string | Date | null;
    responded_by_name: string | null;
    closed_at: string | Date | null;
    created_at: string | Date;
  }>(
    db,
    sql`select er.id, er.theme_id, er.description, er.due_date::text as due_date, er.requested_by,
          rq.name as requested_by_name, rq.email as requested_by_email, er.response_reference,
          er.responded_at, rs.name as responded_by_name, er.closed_at, er.created_at
        from evidence_requests er
          left join users rq on rq.id = er.requested_by
          left join users rs on rs.id = er.responded_by
        where er.partnership_id = ${partnershipId} and er.return_id = ${returnId}
        order by er.due_date, er.created_at, er.id`,
  );
  if (rows.length === 0) return [];
  const files = await db
    .select({
      id: evidenceFiles.id,
      requestId: evidenceFiles.evidenceRequestId,
      fileName: evidenceFiles.fileName,
      contentType: evidenceFiles.contentType,
      size: evidenceFiles.size,
      uploadedByName: users.name,
      createdAt: evidenceFiles.createdAt,
    })
    .from(evidenceFiles)
    .leftJoin(users, eq(users.id, evidenceFiles.uploadedBy))
    .where(
      and(
        eq(evidenceFiles.partnershipId, partnershipId),
        inArray(
          evidenceFiles.evidenceRequestId,
          rows.map((r) => r.id),
        ),
      ),
    )
    .orderBy(asc(evidenceFiles.createdAt), asc(evidenceFiles.id));
  const date = (v: string | Date | null) => (v === null ? null : new Date(v));
  return rows.map((r) => ({
    id: r.id,
    themeId: r.theme_id,
    description: r.description,
    dueDate: r.due_date.slice(0, 10),
    requestedBy: r.requested_by,
    requestedByName: r.requested_by_name,
    requestedByEmail: r.requested_by_email,
    responseReference: r.response_reference,
    respondedAt: date(r.responded_at),
    respondedByName: r.responded_by_name,
    closedAt: date(r.closed_at),
    createdAt: date(r.created_at)!,
    files: files.filter((f) => f.requestId === r.id).map(({ requestId: _, ...f }) => f),
  }));
}

export async function insertEvidenceRequest(
  db: DbOrTx,
  partnershipId: string,
  returnId: string,
  values: { themeId: string | null; description: string; dueDate: string; userId: string; now: Date },
): Promise<string> {
  const [row] = await db
    .insert(evidenceRequests)
    .values({
      partnershipId,
      returnId,
      themeId: values.themeId,
      description: values.description,
      dueDate: values.dueDate,
      requestedBy: values.userId,
      createdAt: values.now,
    })
    .returning({ id: evidenceRequests.id });
  return row!.id;
}

/** Records the agency's answer (reference and, optionally, a file) to an open request. */
export async function recordEvidenceResponse(
  db: DbOrTx,
  partnershipId: string,
  requestId: string,
  values: {
    reference: string;
    file: { fileName: string; contentType: string; data: Buffer } | null;
    userId: string;
    now: Date;
  },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(evidenceRequests)
      .set({ responseReference: values.reference, respondedAt: values.now, respondedBy: values.userId })
      .where(
        and(
          eq(evidenceRequests.id, requestId),
          eq(evidenceRequests.partnershipId, partnershipId),
          isNull(evidenceRequests.closedAt),
        ),
      )
      .returning({ id: evidenceRequests.id });
    if (updated.length === 0) return false;
    if (values.file)
      await tx.insert(evidenceFiles).values({
        partnershipId,
        evidenceRequestId: requestId,
        fileName: values.file.fileName,
        contentType: values.file.contentType,
        size: values.file.data.length,
        data: values.file.data,
        uploadedBy: values.userId,
        createdAt: values.now,
      });
    return true;
  });
}

export async function closeEvidenceRequest(
  db: DbOrTx,
  partnershipId: string,
  requestId: string,
  now: Date,
): Promise<void> {
  await db
    .update(evidenceRequests)
    .set({ closedAt: now })
    .where(
      and(
        eq(evidenceRequests.id, requestId),
        eq(evidenceRequests.partnershipId, partnershipId),
        isNull(evidenceRequests.closedAt),
      ),
    );
}

/** One uploaded file of a request of this return, with its bytes. */
export async function findEvidenceFile(
  db: DbOrTx,
  partnershipId: string,
  returnId: string,
  requestId: string,
  fileId: string,
) {
  const [row] = await db
    .select({
      id: evidenceFiles.id,
      fileName: evidenceFiles.fileName,
      contentType: evidenceFiles.contentType,
      data: evidenceFiles.data,
    })
    .from(evidenceFiles)
    .innerJoin(evidenceRequests, eq(evidenceRequests.id, evidenceFiles.evidenceRequestId))
    .where(
      and(
        eq(evidenceFiles.id, fileId),
        eq(evidenceFiles.partnershipId, partnershipId),
        eq(evidenceRequests.id, requestId),
        eq(evidenceRequests.returnId, returnId),
        eq(evidenceRequests.partnershipId, partnershipId),
      ),
    );
  return row ?? null;
}

export interface OverdueEvidence {
  requestId: string;
  returnId: string;
  agencyName: string;
  themeTitle: string | null;
  description: string;
  dueDate: string;
}

/**
 * Evidence requests of these returns that are past their date with no answer from the agency and
 * not yet satisfied, oldest first.
 */
export async function listOverdueEvidence(
  db: DbOrTx,
  partnershipId: string,
  returnIds: string[],
  today: string,
): Promise<OverdueEvidence[]> {
  if (returnIds.length === 0) return [];
  const rows = await queryRows<{
    request_id: string;
    return_id: string;
    agency_name: string;
    theme_title: string | null;
    description: string;
    due_date: string;
  }>(
    db,
    sql`select er.id as request_id, er.return_id, a.name as agency_name, t.title as theme_title,
          er.description, er.due_date::text as due_date
        from evidence_requests er
          join returns r on r.id = er.return_id and r.partnership_id = er.partnership_id
          join agencies a on a.id = r.agency_id
          left join template_themes t on t.id = er.theme_id
        where er.partnership_id = ${partnershipId}
          and er.return_id in (${sql.join(
            returnIds.map((id) => sql`${id}`),
            sql`, `,
          )})
          and er.closed_at is null and er.responded_at is null and er.due_date < ${today}
        order by er.due_date, a.name, er.id`,
  );
  return rows.map((r) => ({
    requestId: r.request_id,
    returnId: r.return_id,
    agencyName: r.agency_name,
    themeTitle: r.theme_title,
    description: r.description,
    dueDate: r.due_date.slice(0, 10),
  }));
}

export interface OutcomeRecord {
  decision: ReturnOutcome;
  reasons: string;
  themeIds: string[];
  decidedByName: string | null;
  createdAt: Date;
}

export async function listOutcomes(
  db: DbOrTx,
  partnershipId: string,
  returnId: string,
): Promise<OutcomeRecord[]> {
  return db
    .select({
      decision: returnOutcomes.decision,
      reasons: returnOutcomes.reasons,
      themeIds: returnOutcomes.themeIds,
      decidedByName: users.name,
      createdAt: returnOutcomes.createdAt,
    })
    .from(returnOutcomes)
    .leftJoin(users, eq(users.id, returnOutcomes.decidedBy))
    .where(and(eq(returnOutcomes.partnershipId, partnershipId), eq(returnOutcomes.returnId, returnId)))
    .orderBy(desc(returnOutcomes.createdAt), desc(returnOutcomes.id));
}

/** What a return's task list says about its review, read in one round trip (`reviewSummaryFor`). */
export interface ReviewSummaryRows {
  challenges: Array<{ themeId: string | null; status: ChallengeStatus }>;
  evidence: Array<Pick<EvidenceRequest, 'themeId' | 'dueDate' | 'respondedAt' | 'closedAt'>>;
  moderations: Map<string, { rating: Rag; reason: string }>;
  /** The latest decision to return it for changes (read only while it is returned). */
  lastReturned: { reasons: string; themeIds: string[]; createdAt: Date } | null;
  events: Array<{ title: string; startsAt: Date; location: string; chair: string }>;
}

/**
 * The review items a return's task list counts, in one statement: challenges, evidence requests and
 * moderated grades once it has been submitted, the latest return for changes while it is returned,
 * and the challenge events it was discussed at. Each part is filtered by the partnership.
 */
export async function loadReviewSummaryRows(
  db: DbOrTx,
  partnershipId: string,
  returnId: string,
  read: { submitted: boolean; returned: boolean },
): Promise<ReviewSummaryRows> {
  const none = sql`'[]'::json`;
  // Prepared (four forms of the text): the task list, the page agencies open most, reads it.
  const [row] = await readQuery<{
    challenges: Array<{ themeId: string | null; status: ChallengeStatus }>;
    evidence: Array<{
      themeId: string | null;
      dueDate: string;
      respondedAt: string | null;
      closedAt: string | null;
    }>;
    moderations: Array<{ themeId: string; rating: Rag; reason: string }>;
    returned: { reasons: string; themeIds: string[]; createdAt: string } | null;
    events: Array<{ title: string; startsAt: string; location: string; chair: string }>;
  }>(
    db,
    'review_summary',
    sql`select
      ${
        read.submitted
          ? sql`(select coalesce(json_agg(json_build_object('themeId', c.theme_id, 'status', c.status)), '[]'::json)
                 from challenges c where c.partnership_id = ${partnershipId} and c.return_id = ${returnId})`
          : none
      } as challenges,
      ${
        read.submitted
          ? sql`(select coalesce(json_agg(json_build_object('themeId', er.theme_id, 'dueDate', er.due_date::text,
                   'respondedAt', er.responded_at, 'closedAt', er.closed_at)), '[]'::json)
                 from evidence_requests er where er.partnership_id = ${partnershipId} and er.return_id = ${returnId})`
          : none
      } as evidence,
      ${
        read.submitted
          ? sql`(select coalesce(json_agg(json_build_object('themeId', m.theme_id, 'rating', m.rating, 'reason', m.reason)), '[]'::json)
                 from theme_moderations m where m.partnership_id = ${partnershipId} and m.return_id = ${returnId})`
          : none
      } as moderations,
      ${
        read.returned
          ? sql`(select json_build_object('reasons', o.reasons, 'themeIds', o.theme_ids, 'createdAt', o.created_at)
                 from return_outcomes o where o.partnership_id = ${partnershipId} and o.return_id = ${returnId} and o.decision = 'returned'
                 order by o.created_at desc, o.id desc limit 1)`
          : sql`null::json`
      } as returned,
      (select coalesce(json_agg(json_build_object('title', e.title, 'startsAt', e.starts_at,
                'location', e.location, 'chair', e.chair) order by e.starts_at, e.id), '[]'::json)
         from challenge_event_returns cr
           join challenge_events e on e.id = cr.event_id and e.partnership_id = cr.partnership_id
           join returns r on r.id = cr.return_id and r.cycle_id = e.cycle_id
         where cr.return_id = ${returnId} and r.partnership_id = ${partnershipId}) as events`,
  );
  const at = (v: string | null) => (v === null ? null : new Date(v));
  return {
    challenges: row?.challenges ?? [],
    evidence: (row?.evidence ?? []).map((e) => ({
      themeId: e.themeId,
      dueDate: e.dueDate,
      respondedAt: at(e.respondedAt),
      closedAt: at(e.closedAt),
    })),
    moderations: new Map(
      (row?.moderations ?? []).map((m) => [m.themeId, { rating: m.rating, reason: m.reason }]),
    ),
    lastReturned: row?.returned
      ? {
          reasons: row.returned.reasons,
          themeIds: row.returned.themeIds,
          createdAt: new Date(row.returned.createdAt),
        }
      : null,
    events: (row?.events ?? []).map((e) => ({ ...e, startsAt: new Date(e.startsAt) })),
  };
}
