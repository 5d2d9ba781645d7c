/** The forms of the template library: adopting a template, and sharing a version. One zod schema each. */
import { z } from 'zod';
import { errorsFromZod, FormErrorBuilder, type FormErrors } from '../../views/form-errors.ts';
import { type FormBody, listField, textField } from '../../web/form-route.ts';
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
  const parsed = adoptSchema.safeParse(values);
  return parsed.success ? { ok: parsed.data } : { errors: errorsFromZod(parsed.error) };
}

export function sharingValues(body: FormBody): SharingValues {
  return { audience: textField(body, 'audience'), partnerships: listField(body, 'partnerships') };
}

/** Sharing with everyone, or with at least one of `allowed` (the other partnerships' ids). */
export const sharingSchema = (allowed: readonly string[]) =>
  z.discriminatedUnion(
    'audience',
    [
      z.object({ audience: z.literal('all') }),
      z.object({
        audience: z.literal('chosen'),
        partnerships: z
          .array(z.string().refine((id) => allowed.includes(id), 'Select partnerships from the list'))
          .min(1, 'Select at least one partnership to share with'),
      }),
    ],
    { error: 'Select who can see the template' },
  );

export function readSharingForm(
  values: SharingValues,
  allowed: readonly string[],
):
  | { ok: { all: true } | { all: false; partnershipIds: string[] }; errors?: undefined }
  | { ok?: undefined; errors: FormErrors } {
  const parsed = sharingSchema(allowed).safeParse(values);
  if (!parsed.success) {
    // Every problem with a chosen partnership belongs to the one checkboxes field.
    const errors = new FormErrorBuilder();
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'audience');
      errors.add(field, issue.message, field);
    }
    return { errors: errors.build() };
  }
  return {
    ok:
      parsed.data.audience === 'all'
        ? { all: true }
        : { all: false, partnershipIds: [...new Set(parsed.data.partnerships)] },
  };
}
