/**
 * Moving deadlines: the partnership extends a cycle's closing time for everyone, or gives one
 * agency more time. Each change is kept in the history of every return it affects, with its reason,
 * and the agencies affected are told by email (who, by the rule in notifications/agency-recipients.ts).
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, queryRows } from '../../db/client.ts';
import { cycles, returns } from '../../db/schema.ts';
import type { CycleInfo } from '../../domain/cycle-access.ts';
import {
  type DateParts,
  dateToParts,
  formatDateTime,
  londonClock,
  londonDate,
  londonTime,
  parseDateParts,
  parseTimeOfDay,
} from '../../lib/dates.ts';
import { HttpError } from '../../lib/http-errors.ts';
import { possessive } from '../../lib/words.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { datePartsField } from '../../web/form-fields.ts';
import { type FormBody, textField } from '../../web/form-route.ts';
import { loadAudiences } from '../notifications/agency-recipients.repository.ts';
import { greeting, whoIsTold } from '../notifications/agency-recipients.ts';
import { EDITABLE_STATUSES } from '../returns/return-access.ts';
import { recordHistory } from '../returns/returns.repository.ts';

/** The longest reason for moving a deadline. */
export const DEADLINE_REASON_MAX = 1000;

export interface DeadlineFormState {
  date: DateParts;
  time: string;
  reason: string;
}

export function deadlineFormState(body: FormBody): DeadlineFormState {
  return {
    date: datePartsField(body, 'deadline'),
    time: textField(body, 'time'),
    reason: textField(body, 'reason'),
  };
}

export function stateForDeadline(deadline: Date): DeadlineFormState {
  return { date: dateToParts(londonDate(deadline)), time: londonClock(deadline), reason: '' };
}

/** A date's three boxes, as the schemas take them. */
export const datePartsSchema = z.object({ day: z.string(), month: z.string(), year: z.string() });

/**
 * Checks a deadline typed in the `deadline` date fields and the `time` field (blank: 5pm): a real
 * date and time, later than `after`. Reports what is wrong as issues of the form (on `deadline`,
 * linking to its first box, and on `time`); gives the deadline when all is right.
 */
export function checkDeadline(
  typed: { date: DateParts; time: string },
  after: Date,
  ctx: z.RefinementCtx,
  label = 'The new deadline',
): Date | null {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  const date = parseDateParts(typed.date, label);
  if (date.error) issue('deadline', date.error);
  else if (!date.value) issue('deadline', `Enter ${label.replace(/^The/, 'the')}`);
  const time = typed.time.trim() === '' ? '17:00' : parseTimeOfDay(typed.time);
  if (!time) issue('time', 'Enter a time, like 5pm or 17:00');
  if (!date.value) return null;
  // With the time not yet readable, judge the day by its last minute.
  const value = londonTime(date.value, time ?? '23:59');
  if (value <= after) {
    issue('deadline', `${label} must be later than ${formatDateTime(after)}`);
    return null;
  }
  return time ? value : null;
}

/** A deadline's date errors link to its first box. */
export const deadlineFieldId = (path: string): string => (path === 'deadline' ? 'deadline-day' : path);

/** The new-deadline form's schema: a real date and time, later than `after`, with a reason. */
export const deadlineSchema = (after: Date) =>
  z.object({ date: datePartsSchema, time: z.string(), reason: z.string() }).transform((state, ctx) => {
    // One rule after another, so the errors come in the order of the page.
    const value = checkDeadline(state, after, ctx);
    const reason = state.reason.trim();
    if (!reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Enter the reason for the new deadline' });
    else if (reason.length > DEADLINE_REASON_MAX)
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: `The reason must be ${DEADLINE_REASON_MAX.toLocaleString('en-GB')} characters or fewer`,
      });
    // Only read once the schema passes, when the deadline is given.
    return { value: value as Date, reason };
  });

interface AffectedReturn {
  id: string;
  agency_name: string;
  deadline: string | Date;
}

async function affectedReturns(db: Db, cycle: CycleInfo, returnIds?: string[]): Promise<AffectedReturn[]> {
  return queryRows<AffectedReturn>(
    db,
    sql`select r.id, a.name as agency_name, greatest(r.extended_until, c.closes_at) as deadline
        from returns r join cycles c on c.id = r.cycle_id join agencies a on a.id = r.agency_id
        where r.cycle_id = ${cycle.id} and r.partnership_id = ${cycle.partnershipId}
          and r.status in ('not_started', 'in_progress', 'returned')
          ${returnIds ? sql`and ${inArray(sql`r.id`, returnIds)}` : sql``}`,
  );
}

/** Tells each changed return's agency (see the notification rule) of its new deadline. */
async function tellAgencies(
  deps: DeadlineDeps,
  cycle: CycleInfo,
  changed: Array<{ id: string; agency_name: string }>,
  deadline: Date,
): Promise<void> {
  const audiences = await loadAudiences(
    deps.db,
    cycle.partnershipId,
    changed.map((r) => r.id),
  );
  for (const r of changed) {
    const audience = audiences.get(r.id);
    for (const person of audience ? whoIsTold('deadline_changed', audience) : []) {
      await deps.mailer.send({
        partnershipId: cycle.partnershipId,
        to: person.email,
        subject: `New deadline for your Section 11 return: ${formatDateTime(deadline)}`,
        text: [
          greeting(person),
          '',
          `${cycle.partnershipName} has changed the deadline for ${possessive(r.agency_name)} Section 11 return (${cycle.name}).`,
          '',
          `The new deadline is ${formatDateTime(deadline)}.`,
          '',
          `Continue the return: ${deps.baseUrl}/returns/${r.id}`,
        ].join('\n'),
      });
    }
  }
}

export interface DeadlineDeps {
  db: Db;
  mailer: Mailer;
  baseUrl: string;
}

/** Moves the cycle's closing time for everyone. Agencies with a later extension keep it. */
export async function extendCycle(
  deps: DeadlineDeps,
  cycle: CycleInfo,
  closesAt: Date,
  reason: string,
  userId: string,
  now: Date,
): Promise<number> {
  const changed = await deps.db.transaction(async (tx) => {
    // Each open return's deadline before the change, then the change.
    const open = await affectedReturns(tx as unknown as Db, cycle);
    await tx
      .update(cycles)
      .set({ closesAt })
      .where(and(eq(cycles.id, cycle.id), eq(cycles.partnershipId, cycle.partnershipId)));
    for (const r of open) {
      const before = new Date(r.deadline);
      const after = before > closesAt ? before : closesAt;
      if (after.getTime() === before.getTime()) continue;
      await recordHistory(tx, cycle.partnershipId, r.id, userId, now, [
        {
          event: 'deadline_changed',
          field: 'Deadline (whole audit)',
          oldValue: formatDateTime(before),
          newValue: formatDateTime(after),
          note: reason,
        },
      ]);
    }
    return open.filter((r) => new Date(r.deadline) < closesAt);
  });
  await tellAgencies(deps, cycle, changed, closesAt);
  return changed.length;
}

/** Gives one agency until `until` to submit its return. */
export async function extendReturn(
  deps: DeadlineDeps,
  cycle: CycleInfo,
  returnId: string,
  until: Date,
  reason: string,
  userId: string,
  now: Date,
): Promise<void> {
  const changed = await deps.db.transaction(async (tx) => {
    const [current] = await tx
      .select({ status: returns.status, extendedUntil: returns.extendedUntil })
      .from(returns)
      .where(
        and(
          eq(returns.id, returnId),
          eq(returns.partnershipId, cycle.partnershipId),
          eq(returns.cycleId, cycle.id),
        ),
      )
      .for('update');
    if (!current || !EDITABLE_STATUSES.has(current.status))
      throw new HttpError(409, 'This return cannot be given more time', 'It has already been submitted.', [
        { text: 'Go back to the audit', href: `/cycles/${cycle.id}` },
      ]);
    const [before] = await affectedReturns(tx as unknown as Db, cycle, [returnId]);
    await tx
      .update(returns)
      .set({ extendedUntil: until, extensionReason: reason })
      .where(and(eq(returns.id, returnId), eq(returns.partnershipId, cycle.partnershipId)));
    await recordHistory(tx, cycle.partnershipId, returnId, userId, now, [
      {
        event: 'deadline_extended',
        field: 'Deadline (this agency)',
        oldValue: before ? formatDateTime(new Date(before.deadline)) : null,
        newValue: formatDateTime(until),
        note: reason,
      },
    ]);
    return before ? [before] : [];
  });
  await tellAgencies(deps, cycle, changed, until);
}
