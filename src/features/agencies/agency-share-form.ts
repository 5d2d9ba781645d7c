/** The forms of sharing an agency: the search, the request (as typed, and checked) and a decline. */
import { z } from 'zod';
import { FormErrorBuilder, type FormErrors } from '../../views/form-errors.ts';
import { codeCandidates } from './organisation-codes.ts';

/** A name search needs this many characters (a code is found whatever its length). */
export const SEARCH_MIN = 3;

/** The search as typed, or why it cannot be run. */
export function parseSearch(text: string): { query: string; error?: undefined } | { error: string } {
  const query = text.replace(/\s+/g, ' ').trim();
  if (query.length > 200) return { error: 'Enter 200 characters or fewer' };
  if (query.length < SEARCH_MIN && codeCandidates(query).length === 0)
    return { error: `Enter at least ${SEARCH_MIN} characters of the agency’s name, or one of its codes` };
  return { query };
}

export interface ShareFormState {
  localityIds: string[];
  leadContactEmail: string;
}

export function shareFormState(body: Record<string, unknown>): ShareFormState {
  const raw = body.localities;
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  return {
    localityIds: list.filter((v): v is string => typeof v === 'string'),
    leadContactEmail: typeof body.leadContactEmail === 'string' ? body.leadContactEmail : '',
  };
}

const email = z.email();

export function parseShareForm(
  state: ShareFormState,
  localityIds: ReadonlySet<string>,
):
  | { values: { localityIds: string[]; leadContactEmail: string | null }; errors?: undefined }
  | { values?: undefined; errors: FormErrors } {
  const errors = new FormErrorBuilder();
  const chosen = [...new Set(state.localityIds)];
  if (chosen.length === 0)
    errors.add('localities', 'Select at least one of your localities the agency serves', 'localities');
  else if (chosen.some((id) => !localityIds.has(id)))
    errors.add('localities', 'Select localities from the list', 'localities');
  const contact = state.leadContactEmail.trim();
  if (contact && (contact.length > 254 || !email.safeParse(contact).success))
    errors.add('leadContactEmail', 'Enter an email address in the correct format, like name@example.org');
  if (errors.hasErrors) return { errors: errors.build() };
  return { values: { localityIds: chosen, leadContactEmail: contact ? contact.toLowerCase() : null } };
}

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
