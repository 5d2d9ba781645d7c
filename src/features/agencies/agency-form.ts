/** The agency form: what was typed, and its validation. */
import { z } from 'zod';
import { AGENCY_SECTORS } from '../../db/schema.ts';
import { optionalEmail } from '../../web/email-field.ts';
import { type FormBody, listField, textField, type Validation, validate } from '../../web/form-route.ts';
import type { AgencyListItem, AgencyValues } from './agencies.repository.ts';
import {
  ORGANISATION_CODES,
  type OrganisationCode,
  type OrganisationCodes,
  parseCode,
} from './organisation-codes.ts';

export interface AgencyFormState {
  name: string;
  sector: string;
  basis: string;
  localityIds: string[];
  leadContactEmail: string;
  codes: Record<OrganisationCode, string>;
}

export function agencyFormState(body: FormBody): AgencyFormState {
  return {
    name: textField(body, 'name'),
    sector: textField(body, 'sector'),
    basis: textField(body, 'basis'),
    localityIds: listField(body, 'localities'),
    leadContactEmail: textField(body, 'leadContactEmail'),
    codes: Object.fromEntries(ORGANISATION_CODES.map((c) => [c, textField(body, c)])) as Record<
      OrganisationCode,
      string
    >,
  };
}

export function stateFromAgency(agency: AgencyListItem | null): AgencyFormState {
  return {
    name: agency?.name ?? '',
    sector: agency?.sector ?? '',
    basis: agency?.basis ?? '',
    localityIds: agency?.localityIds ?? [],
    leadContactEmail: agency?.leadContactEmail ?? '',
    codes: Object.fromEntries(ORGANISATION_CODES.map((c) => [c, agency?.codes[c] ?? ''])) as Record<
      OrganisationCode,
      string
    >,
  };
}

/** The typed codes read as fields of their own (their errors link to their boxes). */
const fieldsOf = (state: AgencyFormState) => ({ ...state, localities: state.localityIds, ...state.codes });

/** A code box: blank (null) or a code in its format, kept in its normal form. */
const codeField = (code: OrganisationCode) =>
  z.string().transform((text, ctx) => {
    const parsed = parseCode(code, text);
    if (parsed.error) ctx.addIssue({ code: 'custom', message: parsed.error });
    return parsed.value ?? null;
  });

/** The localities ticked: at least one, each one of `localityIds`. */
export const localityChoice = (localityIds: ReadonlySet<string>, missing: string) =>
  z
    .array(z.string())
    .transform((ids) => [...new Set(ids)])
    .refine((ids) => ids.length > 0, missing)
    .refine((ids) => ids.every((id) => localityIds.has(id)), 'Select localities from the list');

/** The agency form's one schema, over what was typed with the codes as fields of their own. */
export const agencySchema = (localityIds: ReadonlySet<string>) =>
  z
    .object({
      name: z
        .string()
        .trim()
        .min(1, 'Enter the agency’s name')
        .max(200, 'The name must be 200 characters or fewer'),
      sector: z.enum(AGENCY_SECTORS, 'Select the agency’s sector'),
      basis: z.enum(['statutory', 'voluntary'], 'Select whether Section 11 applies to the agency by law'),
      localities: localityChoice(localityIds, 'Select at least one locality the agency serves'),
      leadContactEmail: optionalEmail(),
      ...(Object.fromEntries(ORGANISATION_CODES.map((c) => [c, codeField(c)])) as Record<
        OrganisationCode,
        ReturnType<typeof codeField>
      >),
    })
    .transform(
      (v): AgencyValues => ({
        name: v.name,
        sector: v.sector,
        basis: v.basis,
        localityIds: v.localities,
        leadContactEmail: v.leadContactEmail,
        codes: Object.fromEntries(ORGANISATION_CODES.map((c) => [c, v[c]])) as OrganisationCodes,
      }),
    );

/** Checks the agency form against the partnership's localities (`handleForm`'s schema). */
export const checkAgency =
  (localityIds: ReadonlySet<string>) =>
  (state: AgencyFormState): Validation<AgencyValues> =>
    validate(agencySchema(localityIds), fieldsOf(state));
