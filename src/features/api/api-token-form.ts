/** The new-API-token form: a name and an optional expiry date. */
import { z } from 'zod';
import { type DateParts, formatDate, londonDate, londonTime, parseDateParts } from '../../lib/dates.ts';
import { errorsFromZod, type FormErrors } from '../../views/form-errors.ts';

export const TOKEN_NAME_MAX = 100;

export interface ApiTokenFormState {
  name: string;
  expires: DateParts;
}

export function apiTokenFormState(body: Record<string, unknown>): ApiTokenFormState {
  const s = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
  return {
    name: s('name'),
    expires: { day: s('expires-day'), month: s('expires-month'), year: s('expires-year') },
  };
}

const schema = (today: string) =>
  z.object({
    name: z
      .string()
      .trim()
      .min(1, 'Enter a name for the token, like Power BI dashboard')
      .max(TOKEN_NAME_MAX, `The name must be ${TOKEN_NAME_MAX} characters or fewer`),
    // Checked on its own, so its error shows beside the name's.
    expires: z.object({ day: z.string(), month: z.string(), year: z.string() }).transform((parts, ctx) => {
      const date = parseDateParts(parts, 'The expiry date');
      if (date.error) ctx.addIssue({ code: 'custom', message: date.error });
      else if (date.value && date.value <= today)
        ctx.addIssue({
          code: 'custom',
          message: `The expiry date must be after today (${formatDate(today)})`,
        });
      // The token works until the end of its expiry day, UK time.
      return date.value ? londonTime(date.value, '23:59') : null;
    }),
  });

export function parseApiTokenForm(
  state: ApiTokenFormState,
  now: Date,
):
  | { values: { name: string; expiresAt: Date | null }; errors?: undefined }
  | { values?: undefined; errors: FormErrors } {
  const parsed = schema(londonDate(now)).safeParse(state);
  if (!parsed.success)
    return { errors: errorsFromZod(parsed.error, (p) => (p === 'expires' ? 'expires-day' : p)) };
  return { values: { name: parsed.data.name, expiresAt: parsed.data.expires } };
}
