/** A second partnership beside the demo one, with its own admin, for tests of tenant separation. */
import { agencyMemberships, partnershipRoles, partnerships, users } from '../../src/db/schema.ts';
import type { TestApp } from './test-app.ts';

export const OTHER_ADMIN = 'manager@westvale-scp.example';
export const OTHER_CONTACT = 'section11@westvale-scp.example';

/** With a `slug`, a further partnership (its admin and contact addresses use the slug). */
export async function addOtherPartnership(
  t: TestApp,
  options: { shareAgencies?: string[]; slug?: string } = {},
): Promise<{ partnershipId: string; adminId: string; adminEmail: string; contactEmail: string }> {
  const adminEmail = options.slug ? `manager@${options.slug}.example` : OTHER_ADMIN;
  const contactEmail = options.slug ? `section11@${options.slug}.example` : OTHER_CONTACT;
  const now = t.clock.now();
  const db = t.database.db;
  const [p] = await db
    .insert(partnerships)
    .values({
      name: options.slug ? `Partnership ${options.slug}` : 'Westvale Safeguarding Children Partnership',
      shortName: options.slug ?? 'wscp',
      contactEmail,
      createdAt: now,
    })
    .returning();
  const [u] = await db
    .insert(users)
    .values({ email: adminEmail, name: 'Ruth Lee', createdAt: now })
    .returning();
  await db
    .insert(partnershipRoles)
    .values({ partnershipId: p!.id, userId: u!.id, role: 'partnership_admin', createdAt: now });
  for (const agencyId of options.shareAgencies ?? [])
    await db.insert(agencyMemberships).values({ partnershipId: p!.id, agencyId, createdAt: now });
  return { partnershipId: p!.id, adminId: u!.id, adminEmail, contactEmail };
}
