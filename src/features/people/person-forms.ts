/** The one-field forms of a person's page: their role, and confirming they are anonymised. */
import { z } from 'zod';
import type { AgencyRole, PartnershipRole } from '../../db/schema.ts';
import { type FormBody, textField } from '../../web/form-route.ts';

const ROLES = ['partnership_admin', 'reviewer'] as const satisfies readonly PartnershipRole[];
const AGENCY_ROLES = ['agency_lead', 'contributor'] as const satisfies readonly AgencyRole[];

/** The partnership role typed, or null when it is not one. */
export const partnershipRole = (v: string): PartnershipRole | null => ROLES.find((r) => r === v) ?? null;
/** The agency role typed, or null when it is not one. */
export const agencyRole = (v: string): AgencyRole | null => AGENCY_ROLES.find((r) => r === v) ?? null;

/** Changing a partnership person's role. */
export const roleForm = z.object({
  role: z.enum(ROLES, { error: 'Select their role' }),
});

export const roleFormState = (body: FormBody) => ({ role: textField(body, 'role') });

/** Anonymising someone: the box saying their details cannot be recovered must be ticked. */
export const anonymiseForm = z.object({
  confirm: z.literal('yes', { error: 'Confirm that you understand their details cannot be recovered' }),
});

export const anonymiseFormState = (body: FormBody) => ({ confirm: textField(body, 'confirm') });
