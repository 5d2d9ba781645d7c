/** The scheduler's reads and its claims on notices. Every query names the partnership. */
import { and, eq, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import { cycles, returnNotices } from '../../db/schema.ts';
import { type CycleInfo, type CycleRow, cycleFromRow } from '../../domain/cycle-access.ts';

export interface ScheduledCycle extends CycleInfo {
  daysBefore: number[];
  daysAfter: number[];
}

/** Days after the last automatic reminder's time for which a missed one may still be sent. */
const CATCH_UP_DAYS = 7;

/**
 * Cycles that have opened and where some return may still be owed a notice: its own deadline (or the
 * last reminder after it, with a week to catch up) has not long passed. One cycle, when given.
 */
export async function cyclesWithDueEvents(
  db: DbOrTx,
  now: Date,
  only?: { partnershipId: string; cycleId: string },
): Promise<ScheduledCycle[]> {
  const at = now.toISOString();
  const rows = await queryRows<
    CycleRow & {
      reminder_days_before: number[];
      reminder_days_after: number[];
    }
  >(
    db,
    sql`select c.id, c.partnership_id, p.name as partnership_name, c.name, c.opens_at, c.closes_at,
          c.template_version_id, c.reminder_days_before, c.reminder_days_after,
          c.kind, c.introduction, c.focus_question_ids, c.carry_forward
        from cycles c join partnerships p on p.id = c.partnership_id
        where c.opens_at <= ${at}::timestamptz
          ${only ? sql`and c.id = ${only.cycleId} and c.partnership_id = ${only.partnershipId}` : sql``}
          and exists (
            select 1 from returns r
            where r.cycle_id = c.id and r.partnership_id = c.partnership_id
              and greatest(r.extended_until, c.closes_at)
                  + make_interval(days => coalesce((select max(d) from unnest(c.reminder_days_after) d), 0) + ${CATCH_UP_DAYS})
                  > ${at}::timestamptz)
        order by c.opens_at`,
  );
  return rows.map((r) => ({
    // The scheduler acts for the partnership that runs the cycle.
    ...cycleFromRow(r, {
      localities: [],
      role: 'partnership_admin',
      viewerPartnershipId: r.partnership_id,
      jointPartnerships: [],
    }),
    daysBefore: r.reminder_days_before,
    daysAfter: r.reminder_days_after,
  }));
}

/** Each of the cycle's returns with the notices already sent for it. */
export async function sentNotices(
  db: DbOrTx,
  partnershipId: string,
  cycleId: string,
): Promise<Map<string, Set<string>>> {
  const rows = await queryRows<{ return_id: string; notice: string }>(
    db,
    sql`select n.return_id, n.notice from return_notices n join returns r on r.id = n.return_id
        where r.cycle_id = ${cycleId} and r.partnership_id = ${partnershipId} and n.partnership_id = ${partnershipId}`,
  );
  const sent = new Map<string, Set<string>>();
  for (const r of rows) {
    const set = sent.get(r.return_id) ?? new Set<string>();
    set.add(r.notice);
    sent.set(r.return_id, set);
  }
  return sent;
}

/**
 * Claims a notice for a return: true for the one caller that inserted it, false for every other,
 * however many app instances run the scheduler at once (the unique index decides).
 */
export async function claimNotice(
  db: DbOrTx,
  partnershipId: string,
  returnId: string,
  notice: string,
  sentTo: string,
  now: Date,
): Promise<boolean> {
  const inserted = await db
    .insert(returnNotices)
    .values({ partnershipId, returnId, notice, sentTo, createdAt: now })
    .onConflictDoNothing({ target: [returnNotices.returnId, returnNotices.notice] })
    .returning({ id: returnNotices.id });
  return inserted.length === 1;
}

/** Gives a claim back when its email could not be sent, so a later run sends it. */
export async function releaseNotice(
  db: DbOrTx,
  partnershipId: string,
  returnId: string,
  notice: string,
): Promise<void> {
  await db
    .delete(returnNotices)
    .where(
      and(
        eq(returnNotices.partnershipId, partnershipId),
        eq(returnNotices.returnId, returnId),
        eq(returnNotices.notice, notice),
      ),
    );
}

/** The cycle's automatic reminder schedule. */
export async function loadReminderSchedule(
  db: DbOrTx,
  partnershipId: string,
  cycleId: string,
): Promise<{ daysBefore: number[]; daysAfter: number[] } | null> {
  const [row] = await db
    .select({ daysBefore: cycles.reminderDaysBefore, daysAfter: cycles.reminderDaysAfter })
    .from(cycles)
    .where(and(eq(cycles.id, cycleId), eq(cycles.partnershipId, partnershipId)));
  return row ?? null;
}

export async function saveReminderSchedule(
  db: DbOrTx,
  partnershipId: string,
  cycleId: string,
  schedule: { daysBefore: number[]; daysAfter: number[] },
): Promise<void> {
  await db
    .update(cycles)
    .set({ reminderDaysBefore: schedule.daysBefore, reminderDaysAfter: schedule.daysAfter })
    .where(and(eq(cycles.id, cycleId), eq(cycles.partnershipId, partnershipId)));
}

/** The cycle's reminder schedule, locked until the transaction ends (the conflict rule). */
export async function lockReminderSchedule(
  db: DbOrTx,
  partnershipId: string,
  cycleId: string,
): Promise<{ daysBefore: number[]; daysAfter: number[] } | null> {
  const [row] = await db
    .select({ daysBefore: cycles.reminderDaysBefore, daysAfter: cycles.reminderDaysAfter })
    .from(cycles)
    .where(and(eq(cycles.id, cycleId), eq(cycles.partnershipId, partnershipId)))
    .for('update');
  return row ?? null;
}
