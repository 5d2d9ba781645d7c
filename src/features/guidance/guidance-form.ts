/** The form that changes a guidance or FAQ page: its text, and whether to preview or save (one schema). */
import { z } from 'zod';
import { type FormBody, textField } from '../../web/form-route.ts';

export const PAGE_MAX_LENGTH = 20_000;

export interface PageFormState {
  body: string;
  action: string;
}

export const pageFormState = (body: FormBody): PageFormState => ({
  body: textField(body, 'body'),
  action: textField(body, 'action'),
});

export const pageFormSchema = z.object({
  body: z
    .string()
    .max(PAGE_MAX_LENGTH, `The page must be ${PAGE_MAX_LENGTH.toLocaleString('en-GB')} characters or fewer`),
  // Anything but a preview saves (a button left out by an older page, say).
  action: z.string().transform((a): 'preview' | 'save' => (a === 'preview' ? 'preview' : 'save')),
});
