/** The public request to take part: what was typed, and its validation. */
import { z } from 'zod';
import type { AgencySector } from '../../db/schema.ts';
import { requiredEmail } from '../../web/email-field.ts';
import { type FormBody, listField, textField, validate } from '../../web/form-route.ts';

/** The sectors of organisations that Section 11 does not bind, which take part voluntarily. */
export const JOIN_SECTORS: readonly AgencySector[] = [
  'voluntary-community-faith',
  'early-years',
  'commissioned-provider',
  'other',
];

export const REASON_MAX = 2000;

export interface JoinFormState {
  organisationName: string;
  sector: string;
  localityIds: string[];
  contactName: string;
  contactEmail: string;
  reason: string;
  /** The honeypot: hidden from people, so only bots fill it in. */
  website: string;
}

export interface JoinValues {
  organisationName: string;
  sector: AgencySector;
  localityIds: string[];
  contactName: string;
  contactEmail: string;
  reason: string;
}

export const joinFormState = (body: FormBody): JoinFormState => ({
  organisationName: textField(body, 'organisationName'),
  sector: textField(body, 'sector'),
  localityIds: listField(body, 'localities'),
  contactName: textField(body, 'contactName'),
  contactEmail: textField(body, 'contactEmail'),
  reason: textField(body, 'reason'),
  website: textField(body, 'website'),
});

export const emptyJoinForm = (): JoinFormState => joinFormState({});

/** The request's one schema, over what was typed: `localityIds` are the partnership's localities. */
export const joinSchema = (localityIds: ReadonlySet<string>) =>
  z
    .object({
      organisationName: z
        .string()
        .transform((v) => v.replace(/\s+/g, ' ').trim())
        .pipe(
          z
            .string()
            .min(1, 'Enter your organisation’s name')
            .max(200, 'Your organisation’s name must be 200 characters or fewer'),
        ),
      sector: z.enum(
        JOIN_SECTORS as [AgencySector, ...AgencySector[]],
        'Select the kind of organisation it is',
      ),
      localities: z
        .array(z.string())
        .transform((ids) => [...new Set(ids)])
        // A partnership without localities yet cannot ask for one.
        .refine(
          (ids) => ids.length > 0 || localityIds.size === 0,
          'Select at least one area your organisation works in',
        )
        .refine((ids) => ids.every((id) => localityIds.has(id)), 'Select areas from the list'),
      contactName: z
        .string()
        .trim()
        .min(1, 'Enter your full name')
        .max(200, 'Your name must be 200 characters or fewer'),
      contactEmail: requiredEmail('Enter your email address'),
      reason: z
        .string()
        .trim()
        .min(1, 'Tell the partnership why your organisation wants to take part')
        .max(
          REASON_MAX,
          `Why you want to take part must be ${REASON_MAX.toLocaleString('en-GB')} characters or fewer`,
        ),
    })
    .transform(({ localities, ...v }): JoinValues => ({ ...v, localityIds: localities }));

/** Checks the request (`handleForm`'s schema): the ticked localities are read as the list they are. */
export const checkJoin = (localityIds: ReadonlySet<string>) => (state: JoinFormState) =>
  validate(joinSchema(localityIds), { ...state, localities: state.localityIds });

/** Declining a request: the reason, which the requester is sent. */
export const declineForm = z.object({
  declineReason: z
    .string()
    .trim()
    .min(1, 'Enter why you are declining the request')
    .max(REASON_MAX, `The reason must be ${REASON_MAX.toLocaleString('en-GB')} characters or fewer`),
});
