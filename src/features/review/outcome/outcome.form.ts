/**
 * The outcome of the review: accept the return, or return it for changes with the reasons and the
 * themes to reopen (both needed only then).
 */
import { z } from 'zod';
import { optionalText } from '../../../web/form-fields.ts';
import { type FormBody, listField, textField } from '../../../web/form-route.ts';

export const REASONS_MAX = 5000;

export interface OutcomeState {
  decision: string;
  reasons: string;
  themeIds: string[];
}

export const outcomeState = (body: FormBody): OutcomeState => ({
  decision: textField(body, 'decision'),
  reasons: textField(body, 'reasons'),
  themeIds: listField(body, 'themeIds'),
});

export interface OutcomeValues {
  decision: 'accepted' | 'returned';
  reasons: string;
  /** The themes reopened: none when it is accepted. */
  themeIds: string[];
}

export const outcomeSchema = (themeIds: readonly string[]) =>
  z
    .object({
      decision: z.enum(
        ['accepted', 'returned'],
        'Select whether to accept the return or return it for changes',
      ),
      reasons: optionalText(REASONS_MAX, 'The reasons'),
      themeIds: z.array(z.string()),
    })
    .superRefine((v, ctx) => {
      if (v.decision !== 'returned') return;
      if (!v.reasons)
        ctx.addIssue({
          code: 'custom',
          path: ['reasons'],
          message: 'Enter the reasons the return needs changes',
        });
      if (v.themeIds.length === 0 || !v.themeIds.every((id) => themeIds.includes(id)))
        ctx.addIssue({
          code: 'custom',
          path: ['themeIds'],
          message: 'Select the themes the agency must change',
        });
    })
    .transform((v): OutcomeValues => ({ ...v, themeIds: v.decision === 'returned' ? v.themeIds : [] }));
