/**
 * Assigning a return's themes to the agency's contributors. The agency lead decides who answers
 * each theme; every change is kept in the return's history, and each newly assigned person is emailed.
 */
import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { HttpError } from '../../lib/http-errors.ts';
import { possessive } from '../../lib/words.ts';
import type { Mailer } from '../../mail/mailer.ts';
import type { CurrentUser } from '../auth/users.repository.ts';
import { EDITABLE_STATUSES } from '../returns/return-access.ts';
import type { ThemeInfo } from '../returns/return-structure.ts';
import {
  type HistoryEntry,
  lockReturn,
  type ReturnContext,
  recordHistory,
} from '../returns/returns.repository.ts';
import {
  addAssignments,
  type Contributor,
  listAssignments,
  listContributors,
  removeAssignments,
} from './theme-assignments.repository.ts';

/** The history's field for who answers a theme: this, then the theme's title. */
const ASSIGNMENT_FIELD_PREFIX = 'Who answers: ';
export const ASSIGNMENT_FIELD = (themeTitle: string) => `${ASSIGNMENT_FIELD_PREFIX}${themeTitle}`;

export function submittedRefusal(ctx: ReturnContext): HttpError {
  return new HttpError(
    409,
    'This return has already been submitted',
    'Who answers each theme can no longer be changed. If the partnership returns it to you for changes, you can assign themes again.',
    [{ text: 'Go to the return', href: `/returns/${ctx.id}` }],
  );
}

/** The ids chosen in the form that are not contributors of the agency (forged, or removed meanwhile). */
export function unknownAssignees(chosen: string[], contributors: Contributor[]): string[] {
  const known = new Set(contributors.map((c) => c.userId));
  return chosen.filter((id) => !known.has(id));
}

export interface AssignmentDeps {
  db: Db;
  mailer: Mailer;
  baseUrl: string;
}

export class UnknownAssignees extends Error {}

/**
 * Makes `userIds` the contributors who answer `theme` of the return: adds the new ones, removes the
 * others, records each in the history and emails those newly assigned. Throws `UnknownAssignees` when
 * one of them is not (or no longer) a contributor of the agency, and a 409 page once it is submitted.
 */
export async function setThemeAssignees(
  deps: AssignmentDeps,
  ctx: ReturnContext,
  theme: ThemeInfo,
  userIds: string[],
  lead: CurrentUser,
  now: Date,
): Promise<{ added: Contributor[]; removed: Contributor[] }> {
  const wanted = [...new Set(userIds)];
  const result = await deps.db.transaction(async (tx) => {
    const status = await lockReturn(tx, ctx.partnershipId, ctx.id);
    if (!status || !EDITABLE_STATUSES.has(status)) throw submittedRefusal(ctx);
    const contributors = await listContributors(tx, ctx.agencyId);
    if (unknownAssignees(wanted, contributors).length > 0) throw new UnknownAssignees();
    const current = await listAssignments(tx, ctx.partnershipId, ctx.id, theme.id);
    const currentIds = new Set(current.map((a) => a.userId));
    const added = contributors.filter((c) => wanted.includes(c.userId) && !currentIds.has(c.userId));
    const removed = current
      .filter((a) => !wanted.includes(a.userId))
      .map((a) => ({ userId: a.userId, name: a.name, email: a.email }));
    await addAssignments(
      tx,
      ctx.partnershipId,
      ctx.id,
      theme.id,
      added.map((c) => c.userId),
      lead.id,
      now,
    );
    await removeAssignments(
      tx,
      ctx.partnershipId,
      ctx.id,
      theme.id,
      removed.map((c) => c.userId),
    );
    const history: HistoryEntry[] = [
      ...added.map((c) => ({
        event: 'theme_assigned',
        field: ASSIGNMENT_FIELD(theme.title),
        newValue: c.name,
      })),
      ...removed.map((c) => ({
        event: 'theme_unassigned',
        field: ASSIGNMENT_FIELD(theme.title),
        oldValue: c.name,
      })),
    ];
    await recordHistory(tx, ctx.partnershipId, ctx.id, lead.id, now, history);
    return { added, removed };
  });
  for (const person of result.added) {
    await deps.mailer.send({
      partnershipId: ctx.partnershipId,
      to: person.email,
      subject: `You have been asked to answer a theme of ${possessive(ctx.agencyName)} Section 11 return`,
      text: [
        `Hello ${person.name},`,
        '',
        `${lead.name} has asked you to answer this theme of ${possessive(ctx.agencyName)} Section 11 return (${ctx.cycleName}):`,
        '',
        `${theme.number}. ${theme.title}`,
        '',
        'Open the return:',
        `${deps.baseUrl}/returns/${ctx.id}`,
        '',
        `The deadline is ${formatDateTime(ctx.closesAt)}.`,
      ].join('\n'),
    });
  }
  return result;
}

/**
 * When a contributor leaves the agency: removes their assignments on its returns, in every
 * partnership the agency works with, and records each in that return's history. Runs inside the
 * removal's transaction, through a function of the database (migration 0035) since the agency's
 * returns in other partnerships are behind the wall.
 */
export async function unassignEverywhere(
  tx: DbOrTx,
  agencyId: string,
  userId: string,
  byUserId: string | null,
  now: Date,
): Promise<void> {
  await tx.execute(
    sql`select app_unassign_from_agency(${agencyId}::uuid, ${userId}::uuid, ${byUserId}::uuid,
          ${now.toISOString()}::timestamptz, ${ASSIGNMENT_FIELD_PREFIX}, ${'removed from the agency'})`,
  );
}
