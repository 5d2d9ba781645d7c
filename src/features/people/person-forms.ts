/** The one-field forms of a person's page: their role, and confirming they are anonymised. */
import { z } from 'zod';
import type { PartnershipRole } from '../../db/schema.ts';
import { type FormBody, textField } from '../../web/form-route.ts';

const ROLES = ['partnership_admin', 'reviewer'] as const satisfies readonly PartnershipRole[];

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
