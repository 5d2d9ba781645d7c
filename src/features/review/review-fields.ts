/**
 * The pieces the review's forms are built from: a limited text, a theme of the return (or the
 * return as a whole), and a date that must not be past. Each form keeps its own one schema.
 */
import { z } from 'zod';
import { type DateParts, parseDateParts } from '../../lib/dates.ts';
import { type FormBody, textField } from '../../web/form-route.ts';

/** A date's three boxes as typed (`prefix-day`, `prefix-month`, `prefix-year`). */
export const datePartsField = (body: FormBody, prefix: string): DateParts => ({
  day: textField(body, `${prefix}-day`),
  month: textField(body, `${prefix}-month`),
  year: textField(body, `${prefix}-year`),
});

export const EMPTY_DATE: DateParts = { day: '', month: '', year: '' };

/** The "characters or fewer" message of a field limited to `max`. */
export const tooLong = (label: string, max: number) =>
  `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`;

/** A text the person must give, of at most `max` characters (trimmed). */
export const requiredText = (required: string, max: number, label: string) =>
  z.string().trim().min(1, required).max(max, tooLong(label, max));

/** A text the person may leave out, of at most `max` characters (trimmed). */
export const optionalText = (max: number, label: string) => z.string().trim().max(max, tooLong(label, max));

/** '' is the return as a whole (null); otherwise one of the return's themes. */
export const themeChoice = (themeIds: readonly string[]) =>
  z
    .string()
    .refine((v) => v === '' || themeIds.includes(v), 'Select a theme, or the return as a whole')
    .transform((v) => (v === '' ? null : v));

/** A date given in three boxes: real, given, and today (`today`, London) or later. */
export const dateFromToday = (label: string, messages: { missing: string; past: string }, today: string) =>
  z.object({ day: z.string(), month: z.string(), year: z.string() }).transform((parts, ctx) => {
    const date = parseDateParts(parts, label);
    if (date.error) ctx.addIssue({ code: 'custom', message: date.error });
    else if (!date.value) ctx.addIssue({ code: 'custom', message: messages.missing });
    else if (date.value < today) ctx.addIssue({ code: 'custom', message: messages.past });
    return date.value ?? '';
  });

/** A date's errors link to its first box. */
export const dateFieldId =
  (...dates: string[]) =>
  (path: string): string => {
    const field = path.split('.')[0] ?? path;
    return dates.includes(field) ? `${field}-day` : field;
  };
