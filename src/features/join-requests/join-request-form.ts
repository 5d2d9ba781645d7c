/** The public request to take part: what was typed, and its validation. */
import { z } from 'zod';
import type { AgencySector } from '../../db/schema.ts';
import { FormErrorBuilder, type FormErrors } from '../../views/form-errors.ts';

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

export function joinFormState(body: Record<string, unknown>): JoinFormState {
  const s = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
  const raw = body.localities;
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  return {
    organisationName: s('organisationName'),
    sector: s('sector'),
    localityIds: list.filter((v): v is string => typeof v === 'string'),
    contactName: s('contactName'),
    contactEmail: s('contactEmail'),
    reason: s('reason'),
    website: s('website'),
  };
}

export const emptyJoinForm = (): JoinFormState => joinFormState({});

const email = z.email();

export function parseJoinForm(
  state: JoinFormState,
  localityIds: ReadonlySet<string>,
): { values: JoinValues; errors?: undefined } | { values?: undefined; errors: FormErrors } {
  const errors = new FormErrorBuilder();
  const organisationName = state.organisationName.replace(/\s+/g, ' ').trim();
  if (!organisationName) errors.add('organisationName', 'Enter your organisation’s name');
  else if (organisationName.length > 200)
    errors.add('organisationName', 'Your organisation’s name must be 200 characters or fewer');
  const sector = JOIN_SECTORS.find((s) => s === state.sector);
  if (!sector) errors.add('sector', 'Select the kind of organisation it is', 'sector');
  const chosen = [...new Set(state.localityIds)];
  // A partnership without localities yet cannot ask for one.
  if (chosen.length === 0 && localityIds.size > 0)
    errors.add('localities', 'Select at least one area your organisation works in', 'localities');
  else if (chosen.some((id) => !localityIds.has(id)))
    errors.add('localities', 'Select areas from the list', 'localities');
  const contactName = state.contactName.trim();
  if (!contactName) errors.add('contactName', 'Enter your full name');
  else if (contactName.length > 200) errors.add('contactName', 'Your name must be 200 characters or fewer');
  const contactEmail = state.contactEmail.trim();
  if (!contactEmail) errors.add('contactEmail', 'Enter your email address');
  else if (contactEmail.length > 254 || !email.safeParse(contactEmail).success)
    errors.add('contactEmail', 'Enter an email address in the correct format, like name@example.org');
  const reason = state.reason.trim();
  if (!reason) errors.add('reason', 'Tell the partnership why your organisation wants to take part');
  else if (reason.length > REASON_MAX)
    errors.add(
      'reason',
      `Why you want to take part must be ${REASON_MAX.toLocaleString('en-GB')} characters or fewer`,
    );
  if (errors.hasErrors || !sector) return { errors: errors.build() };
  return {
    values: {
      organisationName,
      sector,
      localityIds: chosen,
      contactName,
      contactEmail: contactEmail.toLowerCase(),
      reason,
    },
  };
}

/** Declining a request: the reason, which the requester is sent. */
export const declineForm = z.object({
  declineReason: z
    .string()
    .trim()
    .min(1, 'Enter why you are declining the request')
    .max(REASON_MAX, `The reason must be ${REASON_MAX.toLocaleString('en-GB')} characters or fewer`),
});
