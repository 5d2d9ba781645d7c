/** An agency's people: its leads and the contributors they invite. */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.ts';
import { type AgencyRole, agencyUsers, users } from '../../db/schema.ts';
import { unassignEverywhere } from '../assignments/theme-assignments.service.ts';
import { findOrCreateUser } from '../auth/users.repository.ts';

export interface Colleague {
  userId: string;
  name: string;
  email: string;
  role: AgencyRole;
}

export async function listColleagues(db: DbOrTx, agencyId: string): Promise<Colleague[]> {
  return db
    .select({ userId: users.id, name: users.name, email: users.email, role: agencyUsers.role })
    .from(agencyUsers)
    .innerJoin(users, eq(users.id, agencyUsers.userId))
    .where(eq(agencyUsers.agencyId, agencyId))
    .orderBy(asc(agencyUsers.role), asc(sql`lower(${users.name})`));
}

/** Adds a contributor (creating their account if they have none); false if already in the agency. */
export async function addContributor(
  db: Db,
  agencyId: string,
  person: { name: string; email: string },
  now: Date,
): Promise<{ userId: string; added: boolean }> {
  return db.transaction(async (tx) => {
    const userId = await findOrCreateUser(tx, person, now);
    const inserted = await tx
      .insert(agencyUsers)
      .values({ agencyId, userId, role: 'contributor', createdAt: now })
      .onConflictDoNothing()
      .returning({ userId: agencyUsers.userId });
    return { userId, added: inserted.length > 0 };
  });
}

/** Removes a contributor from the agency, and with them their theme assignments on its returns. */
export async function removeContributor(
  db: Db,
  agencyId: string,
  userId: string,
  byUserId: string,
  now: Date,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const removed = await tx
      .delete(agencyUsers)
      .where(
        and(
          eq(agencyUsers.agencyId, agencyId),
          eq(agencyUsers.userId, userId),
          eq(agencyUsers.role, 'contributor'),
        ),
      )
      .returning({ userId: agencyUsers.userId });
    if (removed.length === 0) return false;
    await unassignEverywhere(tx, agencyId, userId, byUserId, now);
    return true;
  });
}
