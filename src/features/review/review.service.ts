/**
 * The partnership's review of a return: challenges, moderated grades, evidence requests and the
 * outcome. Each change that matters to the return's record goes into its change history; emails say
 * what happened and link to it, but never carry what was written (it stays behind sign-in).
 */

import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type Rag, returnOutcomes, returns, themeRatings } from '../../db/schema.ts';
import { RAG_LABELS } from '../../domain/rag.ts';
import { changedFields, type RecordRef, recordChanges } from '../../domain/record-history.repository.ts';
import { formatDate } from '../../lib/dates.ts';
import { HttpError } from '../../lib/http-errors.ts';
import { possessive } from '../../lib/words.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { type FieldConflict, type FormVersion, mergeFormRecord } from '../../web/form-version.ts';
import { loadAudience } from '../notifications/agency-recipients.repository.ts';
import { type AgencyMessage, greeting, whoIsTold } from '../notifications/agency-recipients.ts';
import { RETURN_STATUS_TAGS } from '../returns/return-presenters.ts';
import type { ThemeInfo } from '../returns/return-structure.ts';
import { lockReturn, type ReturnContext, recordHistory } from '../returns/returns.repository.ts';
import {
  addChallengeMessage,
  closeChallenge,
  closeEvidenceRequest,
  insertChallenge,
  insertEvidenceRequest,
  listModerations,
  recordEvidenceResponse,
  upsertModeration,
} from './review.repository.ts';
import { AWAITING_OUTCOME, UNDER_REVIEW } from './review-access.ts';

export interface ReviewDeps {
  db: Db;
  mailer: Mailer;
  baseUrl: string;
}

type Actor = { id: string; name: string; email: string };

const SECURITY_LINE = 'For your security, what was written is not included in this email.';

async function mailAgency(
  deps: ReviewDeps,
  ctx: ReturnContext,
  message: AgencyMessage,
  themeIds: readonly string[],
  subject: string,
  lines: string[],
): Promise<void> {
  const audience = await loadAudience(deps.db, ctx.partnershipId, ctx.id);
  for (const r of whoIsTold(message, audience, themeIds))
    await deps.mailer.send({
      partnershipId: ctx.partnershipId,
      to: r.email,
      subject,
      text: [greeting(r), '', ...lines].join('\n'),
    });
}

async function mailPerson(
  deps: ReviewDeps,
  ctx: ReturnContext,
  to: string | null,
  subject: string,
  lines: string[],
): Promise<void> {
  await deps.mailer.send({
    partnershipId: ctx.partnershipId,
    to: to ?? ctx.partnershipContactEmail,
    subject,
    text: lines.join('\n'),
  });
}

/** Re-checks, with the return locked, that it is still under review (a decision may have come first). */
async function lockUnderReview(tx: Parameters<Parameters<Db['transaction']>[0]>[0], ctx: ReturnContext) {
  const status = await lockReturn(tx, ctx.partnershipId, ctx.id);
  if (!status || !UNDER_REVIEW.has(status))
    throw new HttpError(409, 'This return is no longer under review', 'Nothing was recorded.', [
      { text: 'Go to the review', href: `/returns/${ctx.id}/review` },
    ]);
}

const themeLabel = (theme: ThemeInfo | null) =>
  theme ? `${theme.number}. ${theme.title}` : 'the return as a whole';

export async function raiseChallenge(
  deps: ReviewDeps,
  ctx: ReturnContext,
  theme: ThemeInfo | null,
  body: string,
  user: Actor,
  now: Date,
): Promise<string> {
  const id = await deps.db.transaction(async (tx) => {
    await lockUnderReview(tx, ctx);
    const challengeId = await insertChallenge(tx, ctx.partnershipId, ctx.id, {
      themeId: theme?.id ?? null,
      body,
      userId: user.id,
      now,
    });
    await recordHistory(tx, ctx.partnershipId, ctx.id, user.id, now, [
      { event: 'challenge_raised', field: `Challenge on ${themeLabel(theme)}`, newValue: body },
    ]);
    return challengeId;
  });
  await mailAgency(
    deps,
    ctx,
    'challenge',
    theme ? [theme.id] : [],
    `A challenge on your Section 11 return: ${ctx.agencyName}`,
    [
      `${ctx.partnershipName} has a challenge question on ${themeLabel(theme)} of ${possessive(ctx.agencyName)} Section 11 return (${ctx.cycleName}).`,
      '',
      `Read and answer it (you will need to sign in): ${deps.baseUrl}/returns/${ctx.id}/challenges/${id}`,
      '',
      SECURITY_LINE,
    ],
  );
  return id;
}

/** Adds the agency's answer or the partnership's follow-up to a challenge, and tells the other side. */
export async function addToChallenge(
  deps: ReviewDeps,
  ctx: ReturnContext,
  challenge: { id: string; themeId: string | null; raisedByEmail: string | null },
  theme: ThemeInfo | null,
  side: 'agency' | 'partnership',
  body: string,
  user: Actor,
  now: Date,
): Promise<boolean> {
  const added = await deps.db.transaction(async (tx) => {
    const ok = await addChallengeMessage(tx, ctx.partnershipId, challenge.id, {
      side,
      body,
      userId: user.id,
      now,
    });
    if (ok)
      await recordHistory(tx, ctx.partnershipId, ctx.id, user.id, now, [
        {
          event: side === 'agency' ? 'challenge_answered' : 'challenge_followed_up',
          field: `Challenge on ${themeLabel(theme)}`,
          newValue: body,
        },
      ]);
    return ok;
  });
  if (!added) return false;
  const link = `${deps.baseUrl}/returns/${ctx.id}/challenges/${challenge.id}`;
  if (side === 'agency')
    await mailPerson(deps, ctx, challenge.raisedByEmail, `${ctx.agencyName} has answered a challenge`, [
      `${user.name} of ${ctx.agencyName} has answered a challenge on ${themeLabel(theme)} of its Section 11 return (${ctx.cycleName}).`,
      '',
      `Read the answer (you will need to sign in): ${link}`,
      '',
      SECURITY_LINE,
    ]);
  else
    await mailAgency(
      deps,
      ctx,
      'challenge',
      challenge.themeId ? [challenge.themeId] : [],
      `A follow-up on a challenge to your Section 11 return: ${ctx.agencyName}`,
      [
        `${ctx.partnershipName} has followed up a challenge on ${themeLabel(theme)} of ${possessive(ctx.agencyName)} Section 11 return (${ctx.cycleName}).`,
        '',
        `Read and answer it (you will need to sign in): ${link}`,
        '',
        SECURITY_LINE,
      ],
    );
  return true;
}

export async function closeChallengeFor(
  deps: ReviewDeps,
  ctx: ReturnContext,
  challengeId: string,
  theme: ThemeInfo | null,
  userId: string,
  now: Date,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await closeChallenge(tx, ctx.partnershipId, challengeId, now);
    await recordHistory(tx, ctx.partnershipId, ctx.id, userId, now, [
      { event: 'challenge_closed', field: `Challenge on ${themeLabel(theme)}`, newValue: 'Closed' },
    ]);
  });
}

/** Records (or changes) the moderated grade of a theme, kept beside the agency's own rating. */
/** A moderated grade's record in the conflict rule, and its history (`record_history`). */
export const GRADE_RECORD = 'grade';
export const gradeRecord = (
  ctx: Pick<ReturnContext, 'partnershipId' | 'id'>,
  themeId: string,
): RecordRef => ({
  partnershipId: ctx.partnershipId,
  kind: 'moderated_grade',
  id: `${ctx.id}.${themeId}`,
});
export const GRADE_LABELS = { rating: 'Moderated grade', reason: 'Reason for the moderated grade' } as const;
/** A moderated grade as its form shows it (nothing recorded yet: both empty). */
export const gradeFields = (m: { rating: Rag; reason: string } | undefined) => ({
  rating: m?.rating ?? '',
  reason: m?.reason ?? '',
});

/**
 * Records a theme's moderated grade under the conflict rule: a form shown before another reviewer
 * saved keeps their grade and reason where it did not change them; where both changed one, nothing is
 * saved until the person chooses.
 */
export async function moderateTheme(
  deps: ReviewDeps,
  ctx: ReturnContext,
  theme: ThemeInfo,
  values: { rating: Rag; reason: string },
  userId: string,
  now: Date,
  form: FormVersion = {},
): Promise<{ saved: true } | { conflicts: FieldConflict<'rating' | 'reason'>[] }> {
  return deps.db.transaction(async (tx) => {
    await lockUnderReview(tx, ctx);
    const before = (await listModerations(tx, ctx.partnershipId, ctx.id)).get(theme.id);
    const current = gradeFields(before);
    const merge = mergeFormRecord(GRADE_RECORD, gradeFields(values), current, form);
    if (merge.conflicts.length > 0) return { conflicts: merge.conflicts };
    const rating = merge.merged.rating as Rag;
    const reason = merge.merged.reason;
    if (before && before.rating === rating && before.reason === reason) return { saved: true } as const;
    await upsertModeration(tx, ctx.partnershipId, ctx.id, { themeId: theme.id, rating, reason, userId, now });
    await recordHistory(tx, ctx.partnershipId, ctx.id, userId, now, [
      {
        event: 'moderated',
        field: `${theme.title}: moderated grade`,
        oldValue: before ? RAG_LABELS[before.rating] : null,
        newValue: RAG_LABELS[rating],
        note: reason,
      },
    ]);
    await recordChanges(tx, gradeRecord(ctx, theme.id), userId, now, changedFields(current, merge.merged));
    return { saved: true } as const;
  });
}

export async function requestEvidence(
  deps: ReviewDeps,
  ctx: ReturnContext,
  theme: ThemeInfo | null,
  values: { description: string; dueDate: string },
  userId: string,
  now: Date,
): Promise<string> {
  const id = await deps.db.transaction(async (tx) => {
    await lockUnderReview(tx, ctx);
    const requestId = await insertEvidenceRequest(tx, ctx.partnershipId, ctx.id, {
      themeId: theme?.id ?? null,
      ...values,
      userId,
      now,
    });
    await recordHistory(tx, ctx.partnershipId, ctx.id, userId, now, [
      {
        event: 'evidence_requested',
        field: `Evidence request on ${themeLabel(theme)}`,
        newValue: `${values.description} (by ${formatDate(values.dueDate)})`,
      },
    ]);
    return requestId;
  });
  await mailAgency(
    deps,
    ctx,
    'evidence_request',
    theme ? [theme.id] : [],
    `Evidence requested for your Section 11 return: ${ctx.agencyName}`,
    [
      `${ctx.partnershipName} has asked for evidence on ${themeLabel(theme)} of ${possessive(ctx.agencyName)} Section 11 return (${ctx.cycleName}), by ${formatDate(values.dueDate)}.`,
      '',
      `See what is needed and answer (you will need to sign in): ${deps.baseUrl}/returns/${ctx.id}/evidence/${id}`,
      '',
      SECURITY_LINE,
    ],
  );
  return id;
}

export async function answerEvidence(
  deps: ReviewDeps,
  ctx: ReturnContext,
  request: { id: string; requestedByEmail: string | null },
  theme: ThemeInfo | null,
  values: { reference: string; file: { fileName: string; contentType: string; data: Buffer } | null },
  user: Actor,
  now: Date,
): Promise<boolean> {
  const ok = await recordEvidenceResponse(deps.db, ctx.partnershipId, request.id, {
    ...values,
    userId: user.id,
    now,
  });
  if (!ok) return false;
  await recordHistory(deps.db, ctx.partnershipId, ctx.id, user.id, now, [
    {
      event: 'evidence_provided',
      field: `Evidence request on ${themeLabel(theme)}`,
      newValue: [values.reference, values.file ? `File: ${values.file.fileName}` : '']
        .filter(Boolean)
        .join('; '),
    },
  ]);
  await mailPerson(
    deps,
    ctx,
    request.requestedByEmail,
    `${ctx.agencyName} has answered an evidence request`,
    [
      `${user.name} of ${ctx.agencyName} has answered an evidence request on ${themeLabel(theme)} of its Section 11 return (${ctx.cycleName}).`,
      '',
      `See it (you will need to sign in): ${deps.baseUrl}/returns/${ctx.id}/evidence/${request.id}`,
    ],
  );
  return true;
}

export async function markEvidenceSatisfied(
  deps: ReviewDeps,
  ctx: ReturnContext,
  requestId: string,
  theme: ThemeInfo | null,
  userId: string,
  now: Date,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await closeEvidenceRequest(tx, ctx.partnershipId, requestId, now);
    await recordHistory(tx, ctx.partnershipId, ctx.id, userId, now, [
      {
        event: 'evidence_satisfied',
        field: `Evidence request on ${themeLabel(theme)}`,
        newValue: 'Satisfied',
      },
    ]);
  });
}

/**
 * Accepts the return, or returns it for changes to the named themes: only those become editable
 * again for the agency, and their completion is cleared so the agency works through them again.
 */
export async function decideOutcome(
  deps: ReviewDeps,
  ctx: ReturnContext,
  themes: ThemeInfo[],
  values: { decision: 'accepted' | 'returned'; reasons: string; themeIds: string[] },
  user: Actor,
  now: Date,
): Promise<void> {
  const reopened = themes.filter((t) => values.themeIds.includes(t.id));
  await deps.db.transaction(async (tx) => {
    const status = await lockReturn(tx, ctx.partnershipId, ctx.id);
    if (!status || !AWAITING_OUTCOME.has(status))
      throw new HttpError(
        409,
        'This return is not awaiting a decision',
        'Someone else may have decided first. Nothing was recorded.',
        [{ text: 'Go to the review', href: `/returns/${ctx.id}/review` }],
      );
    const where = and(eq(returns.id, ctx.id), eq(returns.partnershipId, ctx.partnershipId));
    await tx.insert(returnOutcomes).values({
      partnershipId: ctx.partnershipId,
      returnId: ctx.id,
      decision: values.decision,
      reasons: values.reasons,
      themeIds: reopened.map((t) => t.id),
      decidedBy: user.id,
      createdAt: now,
    });
    if (values.decision === 'accepted') {
      await tx.update(returns).set({ status: 'accepted', reopenedThemeIds: [] }).where(where);
      await recordHistory(tx, ctx.partnershipId, ctx.id, user.id, now, [
        {
          event: 'accepted',
          field: 'Return',
          oldValue: RETURN_STATUS_TAGS[status].text,
          newValue: 'Accepted by the partnership',
          note: values.reasons || null,
        },
      ]);
      return;
    }
    await tx
      .update(returns)
      .set({ status: 'returned', reopenedThemeIds: reopened.map((t) => t.id) })
      .where(where);
    await tx
      .update(themeRatings)
      // The reviewer made this change: "who is doing what" credits them, not the agency's last editor.
      .set({ completedAt: null, updatedBy: user.id, updatedAt: now })
      .where(
        and(
          eq(themeRatings.partnershipId, ctx.partnershipId),
          eq(themeRatings.returnId, ctx.id),
          inArray(
            themeRatings.themeId,
            reopened.map((t) => t.id),
          ),
        ),
      );
    await recordHistory(tx, ctx.partnershipId, ctx.id, user.id, now, [
      {
        event: 'returned_for_changes',
        field: 'Return',
        oldValue: RETURN_STATUS_TAGS[status].text,
        newValue: `Returned for changes to: ${reopened.map((t) => `${t.number}. ${t.title}`).join('; ')}`,
        note: values.reasons,
      },
      ...reopened.map((t) => ({ event: 'theme_reopened', field: t.title, newValue: 'Reopened for changes' })),
    ]);
  });
  const link = `${deps.baseUrl}/returns/${ctx.id}`;
  if (values.decision === 'accepted')
    await mailAgency(deps, ctx, 'accepted', [], `Section 11 return accepted: ${ctx.agencyName}`, [
      `${ctx.partnershipName} has accepted ${possessive(ctx.agencyName)} Section 11 return for ${ctx.cycleName}${ctx.reference ? ` (${ctx.reference})` : ''}.`,
      '',
      `See the return, the moderated grades and your action plan (you will need to sign in): ${link}`,
    ]);
  else
    await mailAgency(
      deps,
      ctx,
      'returned_for_changes',
      reopened.map((t) => t.id),
      `Section 11 return returned for changes: ${ctx.agencyName}`,
      [
        `${ctx.partnershipName} has returned ${possessive(ctx.agencyName)} Section 11 return for ${ctx.cycleName} for changes to these themes:`,
        ...reopened.map((t) => `- ${t.number}. ${t.title}`),
        '',
        `Read why, make the changes and submit it again through check and submit (you will need to sign in): ${link}`,
        '',
        SECURITY_LINE,
      ],
    );
}
