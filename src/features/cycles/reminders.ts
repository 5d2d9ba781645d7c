/** Reminding chosen agencies that their return is due, and keeping a record of it. */
import type { Db } from '../../db/client.ts';
import type { CycleInfo } from '../../domain/cycle-access.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { possessive } from '../../lib/words.ts';
import type { Mailer, MailMessage } from '../../mail/mailer.ts';
import { loadAudiences } from '../notifications/agency-recipients.repository.ts';
import { whoIsTold } from '../notifications/agency-recipients.ts';
import { recordHistory } from '../returns/returns.repository.ts';
import type { MonitoringRow } from './monitoring.ts';

/** The rows a reminder can go to: chosen, not yet submitted, and with someone to write to. */
export function remindable(rows: MonitoringRow[], chosen: string[]): MonitoringRow[] {
  const wanted = new Set(chosen);
  return rows.filter(
    (r) => wanted.has(r.returnId) && r.status !== 'submitted' && r.status !== 'accepted' && r.leadEmail,
  );
}

/** A chosen agency no reminder could go to, and why. */
export interface NotReminded {
  returnId: string;
  agencyName: string;
  reason: string;
}

/** The chosen rows `remindable` leaves out, each with the reason. */
export function notRemindable(rows: MonitoringRow[], chosen: string[]): NotReminded[] {
  const wanted = new Set(chosen);
  const sent = new Set(remindable(rows, chosen).map((r) => r.returnId));
  return rows
    .filter((r) => wanted.has(r.returnId) && !sent.has(r.returnId))
    .map((r) => ({
      returnId: r.returnId,
      agencyName: r.agencyName,
      reason:
        r.status === 'submitted' || r.status === 'accepted'
          ? 'its return is already submitted'
          : 'no one to email: it has no lead contact or agency lead',
    }));
}

/** The reminder email about one return: due soon, or overdue once its deadline has passed. */
export function reminderMessage(
  cycle: Pick<CycleInfo, 'partnershipId' | 'partnershipName' | 'name'>,
  r: MonitoringRow,
  baseUrl: string,
  now: Date,
): Omit<MailMessage, 'to'> {
  const overdue = now >= r.deadline;
  return {
    partnershipId: cycle.partnershipId,
    subject: overdue
      ? `Overdue: ${possessive(r.agencyName)} Section 11 return`
      : `Reminder: ${possessive(r.agencyName)} Section 11 return is due ${formatDateTime(r.deadline)}`,
    text: [
      `${cycle.partnershipName} is reminding you about ${possessive(r.agencyName)} Section 11 return for ${cycle.name}.`,
      '',
      overdue
        ? `It was due at ${formatDateTime(r.deadline)} and has not been submitted. Contact the partnership if you need more time.`
        : `It is due at ${formatDateTime(r.deadline)}.`,
      `So far ${r.completedThemes} of ${r.totalThemes} themes are completed.`,
      '',
      `Continue the return: ${baseUrl}/returns/${r.returnId}`,
    ].join('\n'),
  };
}

export async function sendReminders(
  deps: { db: Db; mailer: Mailer; baseUrl: string },
  cycle: CycleInfo,
  rows: MonitoringRow[],
  userId: string,
  now: Date,
): Promise<number> {
  const audiences = await loadAudiences(
    deps.db,
    cycle.partnershipId,
    rows.map((r) => r.returnId),
  );
  for (const r of rows) {
    const audience = audiences.get(r.returnId);
    const to = audience ? whoIsTold('reminder', audience).map((p) => p.email) : [];
    for (const address of to)
      await deps.mailer.send({ ...reminderMessage(cycle, r, deps.baseUrl, now), to: address });
    await recordHistory(deps.db, cycle.partnershipId, r.returnId, userId, now, [
      { event: 'reminder_sent', field: 'Reminder', newValue: `Sent to ${to.join(', ')}` },
    ]);
  }
  return rows.length;
}
