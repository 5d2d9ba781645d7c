/** Creating a partnership: its record, localities, first admin and the built-in template. */
import type { Db } from '../../db/client.ts';
import { localities, partnershipRoles, partnerships } from '../../db/schema.ts';
import { findOrCreateUser } from '../auth/users.repository.ts';
import { section11Template } from '../templates/builtin/section-11.ts';
import { insertTemplateVersion } from '../templates/templates.repository.ts';
import type { NewPartnershipValues } from './new-partnership-form.ts';

export async function createPartnership(
  db: Db,
  values: NewPartnershipValues,
  now: Date,
): Promise<{ partnershipId: string; adminUserId: string }> {
  return db.transaction(async (tx) => {
    const [p] = await tx
      .insert(partnerships)
      .values({
        name: values.name,
        shortName: values.shortName,
        contactEmail: values.contactEmail,
        createdAt: now,
      })
      .returning({ id: partnerships.id });
    const partnershipId = p!.id;
    await tx
      .insert(localities)
      .values(values.localities.map((name) => ({ partnershipId, name, createdAt: now })));
    const adminUserId = await findOrCreateUser(tx, values.admin, now);
    await tx
      .insert(partnershipRoles)
      .values({ partnershipId, userId: adminUserId, role: 'partnership_admin', createdAt: now });
    // Every partnership starts with the built-in Section 11 template published, ready for its first audit.
    await insertTemplateVersion(tx, partnershipId, section11Template, 'published', now);
    return { partnershipId, adminUserId };
  });
}
