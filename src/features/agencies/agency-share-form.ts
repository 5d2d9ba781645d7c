/** The forms of sharing an agency: the search, the request (as typed, and checked) and a decline. */
import { z } from 'zod';
import { optionalEmail } from '../../web/email-field.ts';
import { type FormBody, listField, textField, validate } from '../../web/form-route.ts';
import { localityChoice } from './agency-form.ts';
import { codeCandidates } from './organisation-codes.ts';

/** A name search needs this many characters (a code is found whatever its length). */
export const SEARCH_MIN = 3;

/** The search as typed (spaces collapsed): a name of `SEARCH_MIN` characters or more, or a code. */
export const searchSchema = z.object({
  q: z
    .string()
    .transform((text) => text.replace(/\s+/g, ' ').trim())
    .refine((query) => query.length <= 200, 'Enter 200 characters or fewer')
    .refine(
      (query) => query.length > 200 || query.length >= SEARCH_MIN || codeCandidates(query).length > 0,
      `Enter at least ${SEARCH_MIN} characters of the agency’s name, or one of its codes`,
    ),
});

export interface ShareFormState {
  localityIds: string[];
  leadContactEmail: string;
}

export const shareFormState = (body: FormBody): ShareFormState => ({
  localityIds: listField(body, 'localities'),
  leadContactEmail: textField(body, 'leadContactEmail'),
});

/** The request's one schema: the localities it serves (of `localityIds`) and an optional contact. */
export const shareSchema = (localityIds: ReadonlySet<string>) =>
  z
    .object({
      localities: localityChoice(localityIds, 'Select at least one of your localities the agency serves'),
      leadContactEmail: optionalEmail(),
    })
    .transform((v) => ({ localityIds: v.localities, leadContactEmail: v.leadContactEmail }));

/** Checks the request against the partnership's localities (`handleForm`'s schema). */
export const checkShare = (localityIds: ReadonlySet<string>) => (state: ShareFormState) =>
  validate(shareSchema(localityIds), { ...state, localities: state.localityIds });

export const DECLINE_REASON_MAX = 1000;

/** Declining: the reason, optional, at most `DECLINE_REASON_MAX` characters. */
export const declineForm = z.object({
  declineReason: z
    .string()
    .trim()
    .max(
      DECLINE_REASON_MAX,
      `The reason must be ${DECLINE_REASON_MAX.toLocaleString('en-GB')} characters or fewer`,
    ),
});
