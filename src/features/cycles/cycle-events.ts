/**
 * What a cycle's scheduler owes each return at a given time: its invitation once the cycle has
 * opened, and the automatic reminders before and after the return's own deadline. Pure rules; the
 * service sends what they say and the database makes sure each is sent once.
 */
import type { ReturnStatus } from '../../db/schema.ts';

export const DAY_MS = 86_400_000;

export type Notice = 'invitation' | `reminder-before-${number}` | `reminder-after-${number}`;

export interface NoticeSubject {
  opensAt: Date;
  /** The cycle's closing time, or the return's later extension. */
  deadline: Date;
  returnStatus: ReturnStatus;
  daysBefore: number[];
  daysAfter: number[];
  /** Notices already sent for this return. */
  sent: ReadonlySet<string>;
}

/** Returns still being worked on, which reminders are for. */
const NOT_SUBMITTED = new Set<ReturnStatus>(['not_started', 'in_progress']);

/**
 * The notice due now, if any (at most one per return per run):
 * - the invitation, once the cycle has opened and while the return is open and not submitted;
 * - else, before the deadline, the reminder of the nearest offset whose time has come (one whose
 *   time fell before the cycle opened is never sent: the invitation did its job);
 * - else, after the deadline, the reminder of the latest offset whose time has come.
 * A reminder whose moment passed while another became due is not sent late: the newer one replaces it.
 */
export function dueNotice(s: NoticeSubject, now: Date): Notice | null {
  if (now < s.opensAt) return null;
  const working = NOT_SUBMITTED.has(s.returnStatus);
  if (!s.sent.has('invitation')) return working && now < s.deadline ? 'invitation' : null;
  if (!working) return null;
  const at = (days: number) => s.deadline.getTime() + days * DAY_MS;
  if (now < s.deadline) {
    const before = [...s.daysBefore]
      .filter((d) => d > 0 && at(-d) <= now.getTime() && at(-d) > s.opensAt.getTime())
      .sort((a, b) => a - b)[0];
    if (before === undefined) return null;
    const notice: Notice = `reminder-before-${before}`;
    return s.sent.has(notice) ? null : notice;
  }
  const after = [...s.daysAfter].filter((d) => d > 0 && at(d) <= now.getTime()).sort((a, b) => b - a)[0];
  if (after === undefined) return null;
  const notice: Notice = `reminder-after-${after}`;
  return s.sent.has(notice) ? null : notice;
}

/** How the return's history names a notice. */
export function noticeLabel(notice: Notice): string {
  if (notice === 'invitation') return 'Invitation';
  const [, when, days] = /^reminder-(before|after)-(\d+)$/.exec(notice) ?? [];
  const n = Number(days);
  const plural = n === 1 ? 'day' : 'days';
  return when === 'before'
    ? `Automatic reminder, ${n} ${plural} before the deadline`
    : `Automatic reminder, ${n} ${plural} after the deadline`;
}
