/** The senior officer's sign-off form. One schema, every error at once. */
import { z } from 'zod';
import type { DateParts } from '../../../lib/dates.ts';
import { dateFieldId, datePartsField, dateToToday, requiredText } from '../../../web/form-fields.ts';
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
  signoffDate: datePartsField(body, 'signoffDate'),
  confirm: listField(body, 'confirm').includes('yes'),
});

const text = (label: string) =>
  requiredText(`Enter the senior officer's ${label}`, SIGNOFF_TEXT_MAX, `The ${label}`);

/** The schema, given today's date in the UK (a sign-off cannot be dated in the future). */
export const signoffSchema = (today: string) =>
  z.object({
    signoffName: text('name'),
    signoffJobTitle: text('job title'),
    signoffDate: dateToToday(
      'Date of sign-off',
      { missing: 'Enter the date of sign-off', future: 'Date of sign-off must be today or in the past' },
      today,
    ),
    confirm: z.boolean().refine((v) => v, 'Confirm the senior officer has read and agrees the return'),
  });

/** The date's error links to its first box. */
export const signoffFieldId = dateFieldId('signoffDate');
