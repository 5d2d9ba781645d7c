/** The platform admin's form for a new partnership and its first admin. */
import { z } from 'zod';
import { requiredEmail } from '../../web/email-field.ts';
import { type FormBody, textField } from '../../web/form-route.ts';
import { checkLocalityName, identityFields, sameLocalityName } from '../partnerships/partnership-form.ts';

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

export const newPartnershipState = (body: FormBody): NewPartnershipState => ({
  name: textField(body, 'name'),
  shortName: textField(body, 'shortName'),
  contactEmail: textField(body, 'contactEmail'),
  localities: textField(body, 'localities'),
  adminName: textField(body, 'adminName'),
  adminEmail: textField(body, 'adminEmail'),
});

/** One locality per line (blank lines left out): each named once, at least one, at most `MAX_LOCALITIES`. */
const localityLines = z.string().transform((text, ctx) => {
  const names: string[] = [];
  const refuse = (message: string) => {
    ctx.addIssue({ code: 'custom', message });
    return names;
  };
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const checked = checkLocalityName(line);
    if ('error' in checked) return refuse(checked.error);
    if (names.some((n) => sameLocalityName(n, checked.name)))
      return refuse(`“${checked.name}” is listed twice. Each locality needs its own name`);
    names.push(checked.name);
  }
  if (names.length === 0) return refuse('Enter at least one locality, one on each line');
  if (names.length > MAX_LOCALITIES)
    return refuse(`Enter ${MAX_LOCALITIES} localities or fewer; add more later in the settings`);
  return names;
});

/** The new partnership form's one schema: the partnership, its localities and its first admin. */
export const newPartnershipSchema = z
  .object({
    ...identityFields,
    localities: localityLines,
    adminName: z
      .string()
      .trim()
      .min(1, 'Enter the admin’s full name')
      .max(200, 'The name must be 200 characters or fewer'),
    adminEmail: requiredEmail('Enter the admin’s email address'),
  })
  .transform(
    ({ adminName, adminEmail, ...partnership }): NewPartnershipValues => ({
      ...partnership,
      admin: { name: adminName, email: adminEmail },
    }),
  );
