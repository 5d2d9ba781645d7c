/** The form that sets a cycle's automatic reminders: days before each deadline, and days after it. */
import { z } from 'zod';
import { type FormBody, textField } from '../../web/form-route.ts';

export interface ReminderScheduleState {
  before: string;
  after: string;
}

export interface ReminderSchedule {
  daysBefore: number[];
  daysAfter: number[];
}

export const MAX_REMINDERS = 6;
export const MAX_DAYS = 365;

export function reminderScheduleState(body: FormBody): ReminderScheduleState {
  return { before: textField(body, 'before'), after: textField(body, 'after') };
}

export function stateForSchedule(schedule: ReminderSchedule): ReminderScheduleState {
  return { before: schedule.daysBefore.join(', '), after: schedule.daysAfter.join(', ') };
}

/** "14 and 3 days", "1 day". */
export function describeDays(days: number[]): string {
  const list = days.length === 1 ? `${days[0]}` : `${days.slice(0, -1).join(', ')} and ${days.at(-1)}`;
  return `${list} ${days.length === 1 && days[0] === 1 ? 'day' : 'days'}`;
}

/** The schedule in a sentence, for the admin. */
export function describeSchedule(schedule: ReminderSchedule): string {
  const before = schedule.daysBefore.length
    ? `${describeDays(schedule.daysBefore)} before the deadline`
    : 'no reminders before the deadline';
  const after = schedule.daysAfter.length
    ? `${describeDays(schedule.daysAfter)} after it while the return is overdue`
    : 'none after it';
  return `Reminders now: ${before}; ${after}.`;
}

/** Days separated by commas or spaces, without repeats, in `order` (nearest the deadline last). */
const daysField = (order: 'desc' | 'asc') =>
  z
    .string()
    .transform((text) => text.split(/[\s,]+/).filter((p) => p !== ''))
    .refine((parts) => parts.every((p) => /^\d+$/.test(p)), {
      message: 'Enter whole numbers of days separated by commas, like 14, 3',
      abort: true,
    })
    .transform((parts) => [...new Set(parts.map(Number))])
    .refine((days) => days.every((d) => d >= 1 && d <= MAX_DAYS), {
      message: `Each number of days must be between 1 and ${MAX_DAYS}`,
      abort: true,
    })
    .refine((days) => days.length <= MAX_REMINDERS, `Enter ${MAX_REMINDERS} reminders or fewer`)
    .transform((days) => days.sort((a, b) => (order === 'desc' ? b - a : a - b)));

/** The form's one schema. */
export const reminderScheduleSchema = z
  .object({ before: daysField('desc'), after: daysField('asc') })
  .transform((v): ReminderSchedule => ({ daysBefore: v.before, daysAfter: v.after }));
