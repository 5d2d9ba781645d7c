/** The form that sets a cycle's automatic reminders: days before each deadline, and days after it. */
import { FormErrorBuilder, type FormErrors } from '../../views/form-errors.ts';

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

export function reminderScheduleState(body: Record<string, unknown>): ReminderScheduleState {
  const s = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
  return { before: s('before'), after: s('after') };
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

function parseDays(
  errors: FormErrorBuilder,
  field: 'before' | 'after',
  text: string,
  order: 'desc' | 'asc',
): number[] {
  const parts = text.split(/[\s,]+/).filter((p) => p !== '');
  if (parts.some((p) => !/^\d+$/.test(p))) {
    errors.add(field, 'Enter whole numbers of days separated by commas, like 14, 3');
    return [];
  }
  const days = [...new Set(parts.map(Number))];
  if (days.some((d) => d < 1 || d > MAX_DAYS)) {
    errors.add(field, `Each number of days must be between 1 and ${MAX_DAYS}`);
    return [];
  }
  if (days.length > MAX_REMINDERS) {
    errors.add(field, `Enter ${MAX_REMINDERS} reminders or fewer`);
    return [];
  }
  return days.sort((a, b) => (order === 'desc' ? b - a : a - b));
}

export function parseReminderSchedule(
  state: ReminderScheduleState,
): { value: ReminderSchedule; errors?: undefined } | { value?: undefined; errors: FormErrors } {
  const errors = new FormErrorBuilder();
  const daysBefore = parseDays(errors, 'before', state.before, 'desc');
  const daysAfter = parseDays(errors, 'after', state.after, 'asc');
  if (errors.hasErrors) return { errors: errors.build() };
  return { value: { daysBefore, daysAfter } };
}
