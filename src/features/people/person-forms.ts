/** The one-field forms of a person's page: their role, and confirming they are anonymised. */
import { z } from 'zod';
import type { AgencyRole, PartnershipRole } from '../../db/schema.ts';
import { type FormBody, textField } from '../../web/form-route.ts';

/** The roles a partnership person may be given, and an agency person. */
export const PARTNERSHIP_ROLES = [
  'partnership_admin',
  'reviewer',
] as const satisfies readonly PartnershipRole[];
export const AGENCY_ROLES = ['agency_lead', 'contributor'] as const satisfies readonly AgencyRole[];

/** Changing a partnership person's role. */
export const roleForm = z.object({
  role: z.enum(PARTNERSHIP_ROLES, { error: 'Select their role' }),
});

export const roleFormState = (body: FormBody) => ({ role: textField(body, 'role') });

/** Anonymising someone: the box saying their details cannot be recovered must be ticked. */
export const anonymiseForm = z.object({
  confirm: z.literal('yes', { error: 'Confirm that you understand their details cannot be recovered' }),
});

export const anonymiseFormState = (body: FormBody) => ({ confirm: textField(body, 'confirm') });
