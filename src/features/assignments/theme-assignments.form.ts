/** The form assigning a theme to contributors: the people ticked. One schema. */
import { z } from 'zod';
import type { FormErrors } from '../../views/form-errors.ts';
import { type FormBody, listField } from '../../web/form-route.ts';

export interface AssignThemeState {
  assignees: string[];
}

export const assignThemeState = (body: FormBody): AssignThemeState => ({
  assignees: listField(body, 'assignees'),
});

export const UNKNOWN_ASSIGNEES =
  'Select only people listed here. Someone you chose may have been removed from your agency.';

/** The schema, given the agency's contributors now (the save checks again, as it assigns). */
export const assignThemeSchema = (contributorIds: ReadonlySet<string>) =>
  z.object({
    assignees: z
      .array(z.string())
      .refine((ids) => ids.every((id) => contributorIds.has(id)), UNKNOWN_ASSIGNEES)
      .transform((ids) => [...new Set(ids)]),
  });

/** The same refusal, when someone chosen stopped being a contributor while the form was saved. */
export const unknownAssigneesErrors = (): FormErrors => ({
  list: [{ text: UNKNOWN_ASSIGNEES, href: '#assignees' }],
  byField: { assignees: UNKNOWN_ASSIGNEES },
});
