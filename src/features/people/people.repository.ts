/** The people of a partnership: its admins and reviewers. */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.ts';
import { type PartnershipRole, partnershipRoles, users } from '../../db/schema.ts';
import { findOrCreateUser } from '../auth/users.repository.ts';

export interface PartnershipPerson {
  userId: string;
  name: string;
  email: string;
  role: PartnershipRole;
}

export async function listPeople(db: DbOrTx, partnershipId: string): Promise<PartnershipPerson[]> {
  return db
    .select({ userId: users.id, name: users.name, email: users.email, role: partnershipRoles.role })
    .from(partnershipRoles)
    .innerJoin(users, eq(users.id, partnershipRoles.userId))
    .where(eq(partnershipRoles.partnershipId, partnershipId))
    .orderBy(asc(sql`lower(${users.name})`));
}

/** Adds the person (creating their account if they have none) with `role`; false if already in. */
export async function addPerson(
  db: Db,
  partnershipId: string,
  person: { name: string; email: string; role: PartnershipRole },
  now: Date,
): Promise<{ userId: string; added: boolean }> {
  return db.transaction(async (tx) => {
    const userId = await findOrCreateUser(tx, person, now);
    const inserted = await tx
      .insert(partnershipRoles)
      .values({ partnershipId, userId, role: person.role, createdAt: now })
      .onConflictDoNothing()
      .returning({ userId: partnershipRoles.userId });
    return { userId, added: inserted.length > 0 };
  });
}

async function adminCount(db: DbOrTx, partnershipId: string): Promise<number> {
  const rows = await db
    .select({ userId: partnershipRoles.userId })
    .from(partnershipRoles)
    .where(
      and(eq(partnershipRoles.partnershipId, partnershipId), eq(partnershipRoles.role, 'partnership_admin')),
    );
  return rows.length;
}

/** Whether changing `person` away from admin would leave the partnership without one. */
export async function isLastAdmin(
  db: DbOrTx,
  partnershipId: string,
  person: PartnershipPerson,
): Promise<boolean> {
  return person.role === 'partnership_admin' && (await adminCount(db, partnershipId)) <= 1;
}

export async function setRole(db: DbOrTx, partnershipId: string, userId: string, role: PartnershipRole) {
  await db
    .update(partnershipRoles)
    .set({ role })
    .where(and(eq(partnershipRoles.partnershipId, partnershipId), eq(partnershipRoles.userId, userId)));
}

export async function removePerson(db: DbOrTx, partnershipId: string, userId: string) {
  await db
    .delete(partnershipRoles)
    .where(and(eq(partnershipRoles.partnershipId, partnershipId), eq(partnershipRoles.userId, userId)));
}
