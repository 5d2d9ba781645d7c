/** The people of a partnership: its admins and reviewers. */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.ts';
import { type PartnershipRole, partnershipRoles, users } from '../../db/schema.ts';
import { listPartnershipInvitations } from './memberships.repository.ts';

export interface PartnershipPerson {
  userId: string;
  /** The account's name; for a waiting invitation, the name the inviter typed. */
  name: string;
  email: string;
  role: PartnershipRole;
  lastSignedInAt: Date | null;
  /** Invited, and not yet accepted: no rights yet. */
  pending: boolean;
}

/** The partnership's admins and reviewers, then the invitations waiting for an answer. */
export async function listPeople(db: DbOrTx, partnershipId: string): Promise<PartnershipPerson[]> {
  const members = await db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: partnershipRoles.role,
      lastSignedInAt: users.lastSignedInAt,
    })
    .from(partnershipRoles)
    .innerJoin(users, eq(users.id, partnershipRoles.userId))
    .where(eq(partnershipRoles.partnershipId, partnershipId))
    .orderBy(asc(sql`lower(${users.name})`));
  const waiting = await listPartnershipInvitations(db, partnershipId);
  return [
    ...members.map((m) => ({ ...m, pending: false })),
    ...waiting.map((w) => ({ ...w, lastSignedInAt: null, pending: true })),
  ];
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
