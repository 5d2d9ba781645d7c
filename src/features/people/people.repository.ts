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

/**
 * Runs `change` on a person unless it would leave the partnership without an admin. The
 * partnership's admin rows are locked first, so two admins demoting or removing each other at the
 * same moment cannot both succeed. False when refused.
 */
async function keepingAnAdmin(
  db: Db,
  partnershipId: string,
  userId: string,
  staysAdmin: boolean,
  change: (tx: DbOrTx) => Promise<unknown>,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const admins = await tx
      .select({ userId: partnershipRoles.userId })
      .from(partnershipRoles)
      .where(
        and(
          eq(partnershipRoles.partnershipId, partnershipId),
          eq(partnershipRoles.role, 'partnership_admin'),
        ),
      )
      .for('update');
    if (!staysAdmin && admins.length <= 1 && admins.some((a) => a.userId === userId)) return false;
    await change(tx);
    return true;
  });
}

/** Changes a person's role; false (nothing changed) when they are the last admin. */
export async function setRole(
  db: Db,
  partnershipId: string,
  userId: string,
  role: PartnershipRole,
): Promise<boolean> {
  return keepingAnAdmin(db, partnershipId, userId, role === 'partnership_admin', (tx) =>
    tx
      .update(partnershipRoles)
      .set({ role })
      .where(and(eq(partnershipRoles.partnershipId, partnershipId), eq(partnershipRoles.userId, userId))),
  );
}

/** Removes a person from the partnership; false (nothing changed) when they are the last admin. */
export async function removePerson(db: Db, partnershipId: string, userId: string): Promise<boolean> {
  return keepingAnAdmin(db, partnershipId, userId, false, (tx) =>
    tx
      .delete(partnershipRoles)
      .where(and(eq(partnershipRoles.partnershipId, partnershipId), eq(partnershipRoles.userId, userId))),
  );
}
