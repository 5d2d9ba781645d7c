/**
 * The pieces a form's one zod schema is built from: a limited text, and a date typed in three boxes
 * (GOV.UK's date input), with where its error links. Each form keeps its own schema and messages.
 */
import { z } from 'zod';
import { type DateParts, parseDateParts } from '../lib/dates.ts';
import { type FormBody, textField } from './form-route.ts';

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

/** What a form asks of a date beyond being real and given. */
export interface DateRules {
  /** Whatever else the form asks of it: the message, or null when it is fine. */
  check?: (date: string) => string | null;
  /**
   * Its error lets the rules the form checks across its fields still run (`superRefine`), so every
   * problem is shown at once; those rules then see the date as '' (not given).
   */
  continuable?: boolean;
}

/**
 * A date the person must give in three boxes: real (the message names it by `label`), given, and
 * whatever else `rules` ask of it. The value is the date as YYYY-MM-DD ('' while it has an error).
 */
export const requiredDate = (label: string, missing: string, rules: DateRules = {}) =>
  z.object({ day: z.string(), month: z.string(), year: z.string() }).transform((parts, ctx) => {
    const problem = (message: string) =>
      ctx.addIssue({ code: 'custom', message, ...(rules.continuable ? { continue: true } : {}) });
    const date = parseDateParts(parts, label);
    if (date.error) problem(date.error);
    else if (!date.value) problem(missing);
    else {
      const other = rules.check?.(date.value);
      if (other) problem(other);
    }
    return date.value ?? '';
  });

/** A date given in three boxes: real, given, and today (`today`, London) or later. */
export const dateFromToday = (label: string, messages: { missing: string; past: string }, today: string) =>
  requiredDate(label, messages.missing, { check: (date) => (date < today ? messages.past : null) });

/** A date given in three boxes: real, given, and today (`today`, London) or earlier. */
export const dateToToday = (label: string, messages: { missing: string; future: string }, today: string) =>
  requiredDate(label, messages.missing, { check: (date) => (date > today ? messages.future : null) });

/** A date's errors link to its first box. */
export const dateFieldId =
  (...dates: string[]) =>
  (path: string): string => {
    const field = path.split('.')[0] ?? path;
    return dates.includes(field) ? `${field}-day` : field;
  };
