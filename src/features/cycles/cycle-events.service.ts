/**
 * Cycles open and close by themselves: the scheduler job calls `runDueCycleEvents(now)` every
 * minute. It emails each return's invitation when its cycle opens and the automatic reminders
 * before and after the return's own deadline, each once, ever (the database's unique key on the
 * notice decides, so app instances running it side by side do not double-send), and records each
 * in the return's history.
 */
import type { Db } from '../../db/client.ts';
import { formatDateTime } from '../../lib/dates.ts';
import type { Mailer, MailMessage } from '../../mail/mailer.ts';
import { loadAudiences } from '../notifications/agency-recipients.repository.ts';
import { whoIsTold } from '../notifications/agency-recipients.ts';
import { recordHistory } from '../returns/returns.repository.ts';
import {
  claimNotice,
  cyclesWithDueEvents,
  releaseNotice,
  type ScheduledCycle,
  sentNotices,
} from './cycle-events.repository.ts';
import { dueNotice, type Notice, noticeLabel } from './cycle-events.ts';
import { loadMonitoringRows } from './monitoring.repository.ts';
import type { MonitoringRow } from './monitoring.ts';
import { reminderMessage } from './reminders.ts';

export interface CycleEventDeps {
  db: Db;
  mailer: Mailer;
  baseUrl: string;
}

export interface CycleEventsResult {
  invitations: number;
  reminders: number;
}

export function invitationMessage(
  cycle: Pick<ScheduledCycle, 'partnershipId' | 'partnershipName' | 'name'>,
  row: MonitoringRow,
  baseUrl: string,
): Omit<MailMessage, 'to'> {
  return {
    partnershipId: cycle.partnershipId,
    subject: `Section 11 audit open: ${cycle.name}`,
    text: [
      `${cycle.partnershipName} has invited ${row.agencyName} to complete its Section 11 self-assessment (${cycle.name}).`,
      '',
      `The deadline is ${formatDateTime(row.deadline)}.`,
      '',
      `Start the return: ${baseUrl}/returns/${row.returnId}`,
    ].join('\n'),
  };
}

/**
 * Sends every notice that is due at `now`, in every cycle or in the one given. Safe to run as often
 * as wanted and from several instances at once.
 */
export async function runDueCycleEvents(
  deps: CycleEventDeps,
  now: Date,
  only?: { partnershipId: string; cycleId: string },
): Promise<CycleEventsResult> {
  const result: CycleEventsResult = { invitations: 0, reminders: 0 };
  for (const cycle of await cyclesWithDueEvents(deps.db, now, only)) {
    const [rows, sent] = await Promise.all([
      loadMonitoringRows(deps.db, cycle, now),
      sentNotices(deps.db, cycle.partnershipId, cycle.id),
    ]);
    // Which notice each return is due; the people to tell are loaded for those returns only (the
    // scheduler runs often, and most runs find nothing due).
    const due = rows.flatMap((row) => {
      const notice = dueNotice(
        {
          opensAt: cycle.opensAt,
          deadline: row.deadline,
          returnStatus: row.returnStatus,
          daysBefore: cycle.daysBefore,
          daysAfter: cycle.daysAfter,
          sent: sent.get(row.returnId) ?? new Set(),
        },
        now,
      );
      return notice ? [{ row, notice }] : [];
    });
    if (due.length === 0) continue;
    const audiences = await loadAudiences(
      deps.db,
      cycle.partnershipId,
      due.map((d) => d.row.returnId),
    );
    for (const { row, notice } of due) {
      const audience = audiences.get(row.returnId);
      if (!audience) continue;
      const to = whoIsTold(notice === 'invitation' ? 'invitation' : 'reminder', audience).map((p) => p.email);
      if (to.length === 0) continue;
      if (await sendNotice(deps, cycle, row, notice, to, now)) {
        if (notice === 'invitation') result.invitations++;
        else result.reminders++;
      }
    }
  }
  return result;
}

async function sendNotice(
  deps: CycleEventDeps,
  cycle: ScheduledCycle,
  row: MonitoringRow,
  notice: Notice,
  to: string[],
  now: Date,
): Promise<boolean> {
  const sentTo = to.join(', ');
  if (!(await claimNotice(deps.db, cycle.partnershipId, row.returnId, notice, sentTo, now))) return false;
  const message =
    notice === 'invitation'
      ? invitationMessage(cycle, row, deps.baseUrl)
      : reminderMessage(cycle, row, deps.baseUrl, now);
  try {
    for (const address of to) await deps.mailer.send({ ...message, to: address });
  } catch (e) {
    await releaseNotice(deps.db, cycle.partnershipId, row.returnId, notice);
    throw e;
  }
  await recordHistory(deps.db, cycle.partnershipId, row.returnId, null, now, [
    {
      event: notice === 'invitation' ? 'invitation_sent' : 'reminder_sent',
      field: noticeLabel(notice),
      newValue: `Sent to ${sentTo}`,
    },
  ]);
  return true;
}
