/** Dates as people in England read them: Europe/London, with the day of the week. */
const dateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  // h12, not en-GB's default h11, so midday is 12:00pm rather than 0:00pm.
  hourCycle: 'h12',
});
const dateOnly = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/**
 * Times written recently, by their milliseconds: a table of 10,000 agencies writes the same deadline
 * on every row, and formatting it (parts from Intl) took 200 ms of the results workbook at 10,000.
 */
const recentDateTimes = new Map<number, string>();

/** e.g. "5:00pm on Friday 13 May 2022" */
export function formatDateTime(date: Date): string {
  const ms = date.getTime();
  const known = recentDateTimes.get(ms);
  if (known !== undefined) return known;
  const text = formatDateTimeOnce(date);
  if (recentDateTimes.size >= 1000) recentDateTimes.clear();
  recentDateTimes.set(ms, text);
  return text;
}

function formatDateTimeOnce(date: Date): string {
  const parts = Object.fromEntries(dateTime.formatToParts(date).map((p) => [p.type, p.value]));
  const time = `${parts.hour}:${parts.minute}${(parts.dayPeriod ?? '').toLowerCase().replace(/\s/g, '')}`;
  return `${time} on ${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
}

/**
 * The day first, as in "opens on …": "Friday 18 December 2026 at 5pm", "… at 5:30pm",
 * "… at midday", "… at midnight" (GOV.UK style for times).
 */
export function formatDayAndTime(date: Date): string {
  const parts = Object.fromEntries(dateTime.formatToParts(date).map((p) => [p.type, p.value]));
  const half = (parts.dayPeriod ?? '').toLowerCase().replace(/\s|\./g, '');
  const hour = Number(parts.hour);
  let time = `${hour}${parts.minute === '00' ? '' : `:${parts.minute}`}${half}`;
  if (parts.minute === '00' && hour === 12) time = half === 'pm' ? 'midday' : 'midnight';
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year} at ${time}`;
}

/** A calendar date stored as YYYY-MM-DD, shown as "13 May 2022". */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '';
  const date = typeof value === 'string' ? new Date(`${value}T12:00:00Z`) : value;
  return dateOnly.format(date);
}

// Each formatter made once: making one costs some 130 µs, formatting with it 2 µs (a closed audit's
// results asked the date of each of its 9,622 overdue actions: 1.4 s a page).
const londonDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });

/** Today's date in Europe/London as YYYY-MM-DD. */
export function londonDate(now: Date): string {
  return londonDay.format(now);
}

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** Parses GOV.UK date input parts; returns YYYY-MM-DD or an error message. */
export function parseDateParts(parts: DateParts, label: string): { value: string | null; error?: string } {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (!day && !month && !year) return { value: null };
  const missing = [!day && 'day', !month && 'month', !year && 'year'].filter(Boolean);
  if (missing.length) return { value: null, error: `${label} must include a ${missing.join(' and ')}` };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    return { value: null, error: `${label} must be a real date` };
  }
  const d = Number(day);
  const m = Number(month);
  const y = Number(year);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { value: null, error: `${label} must be a real date` };
  }
  if (y < 2000 || y > 2100) return { value: null, error: `${label} must be between 2000 and 2100` };
  return { value: `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

/** Splits YYYY-MM-DD into date input parts. */
export function dateToParts(value: string | null | undefined): DateParts {
  if (!value) return { day: '', month: '', year: '' };
  const [year = '', month = '', day = ''] = value.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

const offsetFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  timeZoneName: 'longOffset',
});
function londonOffsetMinutes(date: Date): number {
  const name = offsetFormat.formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** The instant that is `time` (HH:MM) on `date` (YYYY-MM-DD) in Europe/London. */
export function londonTime(date: string, time: string): Date {
  const guess = new Date(`${date}T${time}:00Z`);
  return new Date(guess.getTime() - londonOffsetMinutes(guess) * 60_000);
}

/** Parses a time of day as people write it ("5pm", "5:30pm", "17:00", "9am", "midday") into HH:MM. */
export function parseTimeOfDay(text: string): string | null {
  const t = text.trim().toLowerCase().replace(/\s+/g, '').replace(/\./g, ':');
  if (t === 'midday' || t === 'noon' || t === '12noon') return '12:00';
  if (t === 'midnight') return '00:00';
  const m = /^(\d{1,2})(?::(\d{2}))?(am|pm)?$/.exec(t);
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? '0');
  const half = m[3];
  if (minute > 59) return null;
  if (half) {
    if (hour < 1 || hour > 12) return null;
    if (half === 'am' && hour === 12) hour = 0;
    if (half === 'pm' && hour !== 12) hour += 12;
  } else if (hour > 23 || m[2] === undefined) {
    // Without am or pm, a time needs its minutes (17:00), so "5" is not taken for 5am.
    return null;
  }
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

const londonHourMinute = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** The time of day in Europe/London as HH:MM. */
export function londonClock(date: Date): string {
  return londonHourMinute.format(date);
}

/** Whole seconds from `now` until `time` (milliseconds since the epoch), never below 0. */
export function secondsUntil(time: number, now: Date): number {
  return Math.max(0, Math.floor((time - now.getTime()) / 1000));
}
