/** The forms of the template library: adopting a template, and sharing a version. One zod schema each. */
import { z } from 'zod';
import type { FormErrors } from '../../views/form-errors.ts';
import { type FormBody, listField, textField, validate } from '../../web/form-route.ts';
import type { AdoptValues, SharingValues } from './template-library.view.tsx';

export const adoptSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Enter a name for the template')
    .max(200, 'The name must be 200 characters or fewer'),
  status: z.enum(['draft', 'published'], { error: 'Select whether to add it as a draft or published' }),
});

export function adoptValues(body: FormBody): AdoptValues {
  return { name: textField(body, 'name'), status: textField(body, 'status') };
}

export function readAdoptForm(
  values: AdoptValues,
): { ok: z.infer<typeof adoptSchema>; errors?: undefined } | { ok?: undefined; errors: FormErrors } {
  const checked = validate(adoptSchema, values);
  return checked.ok ? { ok: checked.values } : { errors: checked.errors };
}

export function sharingValues(body: FormBody): SharingValues {
  return { audience: textField(body, 'audience'), partnerships: listField(body, 'partnerships') };
}

export type SharingChoice = { all: true } | { all: false; partnershipIds: string[] };

/** Sharing with everyone, or with at least one of `allowed` (the other partnerships' ids). */
export const sharingSchema = (allowed: readonly string[]) =>
  z
    .discriminatedUnion(
      'audience',
      [
        z.object({ audience: z.literal('all') }),
        z.object({
          audience: z.literal('chosen'),
          // Every problem with a chosen partnership belongs to the one checkboxes field.
          partnerships: z
            .array(z.string())
            .min(1, 'Select at least one partnership to share with')
            .refine((ids) => ids.every((id) => allowed.includes(id)), 'Select partnerships from the list'),
        }),
      ],
      { error: 'Select who can see the template' },
    )
    .transform(
      (v): SharingChoice =>
        v.audience === 'all' ? { all: true } : { all: false, partnershipIds: [...new Set(v.partnerships)] },
    );

export function readSharingForm(
  values: SharingValues,
  allowed: readonly string[],
): { ok: SharingChoice; errors?: undefined } | { ok?: undefined; errors: FormErrors } {
  const checked = validate(sharingSchema(allowed), values);
  return checked.ok ? { ok: checked.values } : { errors: checked.errors };
}
