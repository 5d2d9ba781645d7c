/** The agency form: what was typed, and its validation. */
import { z } from 'zod';
import { AGENCY_SECTORS } from '../../db/schema.ts';
import { FormErrorBuilder, type FormErrors } from '../../views/form-errors.ts';
import type { AgencyListItem, AgencyValues } from './agencies.repository.ts';
import { ORGANISATION_CODES, type OrganisationCode, parseCodes } from './organisation-codes.ts';

export interface AgencyFormState {
  name: string;
  sector: string;
  basis: string;
  localityIds: string[];
  leadContactEmail: string;
  codes: Record<OrganisationCode, string>;
}

export function agencyFormState(body: Record<string, unknown>): AgencyFormState {
  const s = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
  const raw = body.localities;
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  return {
    name: s('name'),
    sector: s('sector'),
    basis: s('basis'),
    localityIds: list.filter((v): v is string => typeof v === 'string'),
    leadContactEmail: s('leadContactEmail'),
    codes: Object.fromEntries(ORGANISATION_CODES.map((c) => [c, s(c)])) as Record<OrganisationCode, string>,
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

const email = z.email();

export function parseAgencyForm(
  state: AgencyFormState,
  localityIds: ReadonlySet<string>,
): { values: AgencyValues; errors?: undefined } | { values?: undefined; errors: FormErrors } {
  const errors = new FormErrorBuilder();
  const name = state.name.trim();
  if (!name) errors.add('name', 'Enter the agency’s name');
  else if (name.length > 200) errors.add('name', 'The name must be 200 characters or fewer');
  const sector = AGENCY_SECTORS.find((s) => s === state.sector);
  if (!sector) errors.add('sector', 'Select the agency’s sector');
  const basis = state.basis === 'statutory' || state.basis === 'voluntary' ? state.basis : null;
  if (!basis) errors.add('basis', 'Select whether Section 11 applies to the agency by law', 'basis');
  const chosen = [...new Set(state.localityIds)];
  if (chosen.length === 0)
    errors.add('localities', 'Select at least one locality the agency serves', 'localities');
  else if (chosen.some((id) => !localityIds.has(id)))
    errors.add('localities', 'Select localities from the list', 'localities');
  const contact = state.leadContactEmail.trim();
  if (contact && (contact.length > 254 || !email.safeParse(contact).success))
    errors.add('leadContactEmail', 'Enter an email address in the correct format, like name@example.org');
  const codes = parseCodes(state.codes, (code, message) => errors.add(code, message));
  if (errors.hasErrors || !sector || !basis) return { errors: errors.build() };
  return {
    values: {
      name,
      sector,
      basis,
      localityIds: chosen,
      leadContactEmail: contact ? contact.toLowerCase() : null,
      codes,
    },
  };
}
