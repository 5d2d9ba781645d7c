/** The return's details form: the person completing the return. One schema, every error at once. */
import { z } from 'zod';
import { type FormBody, textField } from '../../../web/form-route.ts';
import type { DetailsValues } from '../return-editing.service.ts';

export const detailsSchema = z.object({
  completerName: z
    .string()
    .trim()
    .min(1, 'Enter the name of the person completing the return')
    .max(200, 'Name must be 200 characters or fewer'),
  completerRole: z
    .string()
    .trim()
    .min(1, 'Enter their role')
    .max(200, 'Role must be 200 characters or fewer'),
  completerEmail: z
    .string()
    .trim()
    .min(1, 'Enter an email address')
    .max(254, 'Email address must be 254 characters or fewer')
    .pipe(z.email('Enter an email address in the correct format, like name@example.org')),
  completerPhone: z
    .string()
    .trim()
    .max(30, 'Telephone number must be 30 characters or fewer')
    .refine(
      (v) => v === '' || /^[0-9+() -]{6,30}$/.test(v),
      'Enter a telephone number, like 01632 960 001 or +44 808 157 0192',
    ),
});

/** What was typed, as the page shows it again: a text for each of the details (DETAILS_LABELS). */
export type DetailsFormState = DetailsValues;

export const detailsState = (body: FormBody): DetailsFormState => ({
  completerName: textField(body, 'completerName'),
  completerRole: textField(body, 'completerRole'),
  completerEmail: textField(body, 'completerEmail'),
  completerPhone: textField(body, 'completerPhone'),
});
