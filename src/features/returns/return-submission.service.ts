/** Submitting a return: final for the agency, graded, referenced, and copied to the partnership. */
import { randomInt } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { returns } from '../../db/schema.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { possessive } from '../../lib/words.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { assertAgencyLead, assertEditable } from './return-access.ts';
import { gradeCodesOf, keepGradeCodes, shapeOf } from './return-grade-codes.ts';
import { applicableThemes, ratingAtSubmission, unansweredQuestions } from './return-rules.ts';
import type { ReturnStructure } from './return-structure.ts';
import {
  type HistoryEntry,
  loadAnswers,
  loadRatings,
  lockReturnState,
  type ReturnContext,
  recordHistory,
  upsertRating,
} from './returns.repository.ts';

export type SubmissionProblem = 'details' | 'signoff';

/** What must be in place before the agency lead can submit. */
export function submissionProblems(ctx: ReturnContext): SubmissionProblem[] {
  const problems: SubmissionProblem[] = [];
  if (!ctx.completerName || !ctx.completerRole || !ctx.completerEmail) problems.push('details');
  if (!ctx.signoffConfirmedAt || !ctx.signoffName || !ctx.signoffJobTitle || !ctx.signoffDate)
    problems.push('signoff');
  return problems;
}

const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function newReference(now: Date): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return `S11-${now.getUTCFullYear()}-${code}`;
}

export class SubmissionBlocked extends Error {
  constructor(readonly problems: SubmissionProblem[]) {
    super('Return is not ready to submit');
  }
}

export interface SubmitDeps {
  db: Db;
  mailer: Mailer;
  baseUrl: string;
}

export async function submitReturn(
  deps: SubmitDeps,
  ctx: ReturnContext,
  structure: ReturnStructure,
  user: { id: string; name: string; email: string },
  now: Date,
): Promise<{ reference: string }> {
  assertAgencyLead(ctx);
  let resubmitted = false;
  const reference = await deps.db.transaction(async (tx) => {
    const state = await lockReturnState(tx, ctx.partnershipId, ctx.id);
    const status = state?.status ?? 'submitted';
    assertEditable({ ...ctx, status, reopenedThemeIds: state?.reopenedThemeIds ?? [] }, now);
    resubmitted = status === 'returned';
    const problems = submissionProblems(ctx);
    if (problems.length) throw new SubmissionBlocked(problems);

    const answers = await loadAnswers(tx, ctx.partnershipId, ctx.id);
    const ratings = await loadRatings(tx, ctx.partnershipId, ctx.id);
    const history: HistoryEntry[] = [];
    for (const theme of applicableThemes(structure.themes, ctx.agencyLocalityIds, ctx.agencySector)) {
      const own = ratings.get(theme.id);
      const graded = ratingAtSubmission(theme, answers, own);
      if (!graded.defaulted) continue;
      const unanswered = unansweredQuestions(theme, answers).length;
      await upsertRating(
        tx,
        ctx.partnershipId,
        ctx.id,
        theme.id,
        { rating: 'red', justification: own?.justification ?? '', completedAt: null },
        user.id,
        now,
      );
      history.push({
        event: 'rating_defaulted',
        field: `${theme.title}: rating`,
        oldValue: own?.rating ?? null,
        newValue:
          unanswered > 0
            ? `Red (${unanswered} question${unanswered === 1 ? '' : 's'} unanswered at submission)`
            : 'Red (no rating given at submission)',
      });
    }
    // A resubmitted return keeps the reference it was first submitted with.
    let ref = resubmitted && ctx.reference ? ctx.reference : newReference(now);
    for (let attempt = 0; attempt < 5 && !(resubmitted && ref === ctx.reference); attempt++) {
      const clash = await queryRows<{ n: number }>(
        tx,
        sql`select 1 as n from returns where reference = ${ref}`,
      );
      if (clash.length === 0) break;
      ref = newReference(now);
    }
    await tx
      .update(returns)
      .set({
        status: resubmitted ? 'resubmitted' : 'submitted',
        reference: ref,
        submittedAt: now,
        submittedBy: user.id,
        lastActivityAt: now,
        // Locked again: the themes reopened for changes close with the resubmission.
        reopenedThemeIds: [],
      })
      .where(and(eq(returns.id, ctx.id), eq(returns.partnershipId, ctx.partnershipId)));
    history.push(
      resubmitted
        ? { event: 'resubmitted', field: 'Return', newValue: `Resubmitted after changes (reference ${ref})` }
        : { event: 'submitted', field: 'Return', newValue: `Submitted with reference ${ref}` },
    );
    await recordHistory(tx, ctx.partnershipId, ctx.id, user.id, now, history);
    // Its grades kept for the results now, from what was just read, so the results of a large audit
    // need not work them out from its answers (a cache: if it cannot be written, nothing is undone).
    await keepGradeCodes(tx, ctx.partnershipId, shapeOf(structure), [
      {
        returnId: ctx.id,
        submittedAt: now.toISOString(),
        codes: gradeCodesOf(structure, answers, (themeId) => ratings.get(themeId)?.rating ?? null),
      },
    ]);
    return ref;
  });

  const leads = await queryRows<{ email: string }>(
    deps.db,
    sql`select u.email from agency_users au join users u on u.id = au.user_id where au.agency_id = ${ctx.agencyId} and au.role = 'agency_lead'`,
  );
  const recipients = new Set([user.email, ...leads.map((l) => l.email)]);
  const link = `${deps.baseUrl}/returns/${ctx.id}`;
  for (const to of recipients) {
    await deps.mailer.send({
      partnershipId: ctx.partnershipId,
      to,
      subject: `Section 11 return ${resubmitted ? 'resubmitted' : 'submitted'}: ${ctx.agencyName} (${reference})`,
      text: [
        `${user.name} ${resubmitted ? 'resubmitted' : 'submitted'} ${possessive(ctx.agencyName)} Section 11 return for ${ctx.cycleName} at ${formatDateTime(now)}.`,
        '',
        `Reference: ${reference}`,
        '',
        'You can download a copy of the return, its score summary and its action plan at any time:',
        link,
      ].join('\n'),
    });
  }
  // The partnership running the audit receives the return; in a joint audit, so does each partner
  // partnership the agency is a member of (one return, both receive it).
  const partners = await queryRows<{ partnership_id: string; contact_email: string }>(
    deps.db,
    sql`select p.id as partnership_id, p.contact_email from cycle_partnerships cp
          join partnerships p on p.id = cp.partnership_id
          join agency_memberships am on am.partnership_id = cp.partnership_id and am.agency_id = ${ctx.agencyId}
        where cp.cycle_id = ${ctx.cycleId}
        order by p.name`,
  );
  const partnerships = new Map([
    [
      ctx.partnershipContactEmail.toLowerCase(),
      { to: ctx.partnershipContactEmail, partnershipId: ctx.partnershipId },
    ],
  ]);
  for (const p of partners)
    if (!partnerships.has(p.contact_email.toLowerCase()))
      partnerships.set(p.contact_email.toLowerCase(), {
        to: p.contact_email,
        partnershipId: p.partnership_id,
      });
  for (const { to, partnershipId } of partnerships.values()) {
    await deps.mailer.send({
      partnershipId,
      to,
      subject: `Section 11 return ${resubmitted ? 'resubmitted after changes' : 'received'}: ${ctx.agencyName} (${reference})`,
      text: [
        `${ctx.agencyName} ${resubmitted ? 'resubmitted' : 'submitted'} its Section 11 return for ${ctx.cycleName} at ${formatDateTime(now)}.`,
        `Submitted by ${user.name} (${user.email}). Signed off by ${ctx.signoffName}, ${ctx.signoffJobTitle}.`,
        '',
        `Reference: ${reference}`,
        `Read it: ${link}`,
        `Download the copy: ${link}/copy.pdf`,
      ].join('\n'),
    });
  }
  return { reference };
}
