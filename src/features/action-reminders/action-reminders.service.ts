/**
 * Reminder emails to action owners, for partnerships that switch them on: once when an action is due
 * within 14 days, then when it is overdue, again every `overdueReminderDays` days (or only once).
 * Each step is recorded before its email is queued, so it is sent once however many instances run.
 * The email names the audit and the date and links to the action plan, never the action's text,
 * which stays behind sign-in.
 */
import type { Db } from '../../db/client.ts';
import { formatDate, londonDate } from '../../lib/dates.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { type ActionDue, actionOwners, actionsDue, claimReminder } from './action-reminders.repository.ts';

export const DUE_SOON_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/**
 * The reminder step an action is at today, keyed by its target date (a new date starts again):
 * `due-soon:<date>` within 14 days, `overdue:<date>:<n>` from the day after it, n counting repeats.
 */
export function reminderStep(targetDate: string, today: string, overdueReminderDays: number): string {
  const overdueBy = daysBetween(targetDate, today);
  if (overdueBy <= 0) return `due-soon:${targetDate}`;
  const repeat = overdueReminderDays > 0 ? Math.floor((overdueBy - 1) / overdueReminderDays) : 0;
  return `overdue:${targetDate}:${repeat}`;
}

export interface ActionReminderDeps {
  db: Db;
  mailer: Mailer;
  baseUrl: string;
}

function reminderMessage(action: ActionDue, overdue: boolean, baseUrl: string) {
  const due = formatDate(action.targetDate);
  return {
    subject: overdue
      ? `An action in your Section 11 action plan is overdue (${action.cycleName})`
      : `An action in your Section 11 action plan is due on ${due} (${action.cycleName})`,
    text: [
      'Hello,',
      '',
      overdue
        ? `An action your agency committed to in ${action.cycleName} for ${action.partnershipName} was due on ${due} and is not yet completed.`
        : `An action your agency committed to in ${action.cycleName} for ${action.partnershipName} is due on ${due}.`,
      '',
      `Update its progress or status in your action plan (you will need to sign in): ${baseUrl}/returns/${action.returnId}/actions`,
      '',
      'For your security, the action itself is not included in this email.',
    ].join('\n'),
  };
}

/** Sends every reminder due today; returns how many actions were reminded. */
export async function runActionReminders(deps: ActionReminderDeps, now: Date): Promise<number> {
  const today = londonDate(now);
  let reminded = 0;
  for (const action of await actionsDue(deps.db, addDays(today, DUE_SOON_DAYS))) {
    const step = reminderStep(action.targetDate, today, action.overdueReminderDays);
    const owners = await actionOwners(deps.db, action.partnershipId, action.agencyId);
    if (owners.length === 0) continue;
    if (!(await claimReminder(deps.db, action.partnershipId, action.actionId, step, owners, now))) continue;
    const message = reminderMessage(action, step.startsWith('overdue'), deps.baseUrl);
    for (const to of owners) await deps.mailer.send({ partnershipId: action.partnershipId, to, ...message });
    reminded++;
  }
  return reminded;
}
