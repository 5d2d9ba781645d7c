/** The senior officer's sign-off form. One schema, every error at once. */
import { z } from 'zod';
import { type DateParts, parseDateParts } from '../../../lib/dates.ts';
import { type FormBody, listField, textField } from '../../../web/form-route.ts';

export interface SignoffFormState {
  signoffName: string;
  signoffJobTitle: string;
  signoffDate: DateParts;
  confirm: boolean;
}

const SIGNOFF_TEXT_MAX = 200;

export const signoffState = (body: FormBody): SignoffFormState => ({
  signoffName: textField(body, 'signoffName'),
  signoffJobTitle: textField(body, 'signoffJobTitle'),
  signoffDate: {
    day: textField(body, 'signoffDate-day'),
    month: textField(body, 'signoffDate-month'),
    year: textField(body, 'signoffDate-year'),
  },
  confirm: listField(body, 'confirm').includes('yes'),
});

const text = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter the senior officer's ${label}`)
    .max(SIGNOFF_TEXT_MAX, `The ${label} must be ${SIGNOFF_TEXT_MAX} characters or fewer`);

/** The schema, given today's date in the UK (a sign-off cannot be dated in the future). */
export const signoffSchema = (today: string) =>
  z.object({
    signoffName: text('name'),
    signoffJobTitle: text('job title'),
    signoffDate: z
      .object({ day: z.string(), month: z.string(), year: z.string() })
      .transform((parts, ctx) => {
        const date = parseDateParts(parts, 'Date of sign-off');
        if (date.error) ctx.addIssue({ code: 'custom', message: date.error });
        else if (!date.value) ctx.addIssue({ code: 'custom', message: 'Enter the date of sign-off' });
        else if (date.value > today)
          ctx.addIssue({ code: 'custom', message: 'Date of sign-off must be today or in the past' });
        return date.value ?? '';
      }),
    confirm: z.boolean().refine((v) => v, 'Confirm the senior officer has read and agrees the return'),
  });

/** The date's error links to its first box. */
export const signoffFieldId = (path: string): string => (path === 'signoffDate' ? 'signoffDate-day' : path);
