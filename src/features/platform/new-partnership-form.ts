/** The platform admin's form for a new partnership and its first admin. */
import { FormErrorBuilder, type FormErrors } from '../../views/form-errors.ts';
import { checkIdentity, checkLocalityName, sameLocalityName } from '../partnerships/partnership-form.ts';
import { checkInvitee } from '../people/invitation.ts';

export interface NewPartnershipState {
  name: string;
  shortName: string;
  contactEmail: string;
  /** One locality per line. */
  localities: string;
  adminName: string;
  adminEmail: string;
}

export interface NewPartnershipValues {
  name: string;
  shortName: string;
  contactEmail: string;
  localities: string[];
  admin: { name: string; email: string };
}

export const MAX_LOCALITIES = 20;

export function newPartnershipState(body: Record<string, unknown>): NewPartnershipState {
  const s = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
  return {
    name: s('name'),
    shortName: s('shortName'),
    contactEmail: s('contactEmail'),
    localities: s('localities'),
    adminName: s('adminName'),
    adminEmail: s('adminEmail'),
  };
}

export function parseNewPartnership(
  state: NewPartnershipState,
): { values: NewPartnershipValues; errors?: undefined } | { values?: undefined; errors: FormErrors } {
  const errors = new FormErrorBuilder();
  const identity = checkIdentity(state, errors);

  const names: string[] = [];
  for (const line of state.localities.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const checked = checkLocalityName(line);
    if ('error' in checked) {
      errors.add('localities', checked.error);
      break;
    }
    if (names.some((n) => sameLocalityName(n, checked.name))) {
      errors.add('localities', `“${checked.name}” is listed twice. Each locality needs its own name`);
      break;
    }
    names.push(checked.name);
  }
  if (names.length === 0) errors.add('localities', 'Enter at least one locality, one on each line');
  else if (names.length > MAX_LOCALITIES)
    errors.add('localities', `Enter ${MAX_LOCALITIES} localities or fewer; add more later in the settings`);

  // The invitee check reports on `name` and `email`; here they are the admin's fields.
  const adminErrors = new FormErrorBuilder();
  const admin = checkInvitee({ name: state.adminName, email: state.adminEmail }, adminErrors);
  for (const [field, text] of Object.entries(adminErrors.build().byField))
    errors.add(field === 'name' ? 'adminName' : 'adminEmail', text.replace('their', 'the admin’s'));

  if (!identity || !admin || errors.hasErrors) return { errors: errors.build() };
  return { values: { ...identity, localities: names, admin } };
}
