/**
 * Who may sign in for a partnership or an agency: its members, and invitations to people who
 * already had an account, which give no rights until they accept them.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { type Db, type DbOrTx, queryRows } from '../../db/client.ts';
import {
  type AgencyRole,
  agencyUsers,
  invitations,
  type PartnershipRole,
  partnershipRoles,
  users,
} from '../../db/schema.ts';
import { unassignEverywhere } from '../assignments/theme-assignments.service.ts';
import { normaliseEmail } from '../auth/users.repository.ts';

/** Where a person is given a role: a partnership, or an agency (invited by a partnership's admin or its lead). */
export type MembershipTarget =
  | { kind: 'partnership'; partnershipId: string; role: PartnershipRole }
  | { kind: 'agency'; agencyId: string; role: AgencyRole; partnershipId: string | null };

/**
 * `added`: a new account, made by this invitation, has the role at once. `invited`: the person had
 * an account, so the role waits for them to accept. `already-member`: nothing changed.
 */
export type AddOutcome = 'added' | 'invited' | 'already-member';

async function isMember(tx: DbOrTx, target: MembershipTarget, userId: string): Promise<boolean> {
  const rows =
    target.kind === 'partnership'
      ? await tx
          .select({ userId: partnershipRoles.userId })
          .from(partnershipRoles)
          .where(
            and(
              eq(partnershipRoles.partnershipId, target.partnershipId),
              eq(partnershipRoles.userId, userId),
            ),
          )
      : await tx
          .select({ userId: agencyUsers.userId })
          .from(agencyUsers)
          .where(and(eq(agencyUsers.agencyId, target.agencyId), eq(agencyUsers.userId, userId)));
  return rows.length > 0;
}

async function grant(tx: DbOrTx, target: MembershipTarget, userId: string, now: Date): Promise<void> {
  if (target.kind === 'partnership')
    await tx
      .insert(partnershipRoles)
      .values({ partnershipId: target.partnershipId, userId, role: target.role, createdAt: now })
      .onConflictDoNothing();
  else
    await tx
      .insert(agencyUsers)
      .values({ agencyId: target.agencyId, userId, role: target.role, createdAt: now })
      .onConflictDoNothing();
}

/** The invitation rows of the target (a partnership's own, or an agency's). */
function invitationsOf(
  target: { kind: 'partnership'; partnershipId: string } | { kind: 'agency'; agencyId: string },
) {
  return target.kind === 'partnership'
    ? and(eq(invitations.partnershipId, target.partnershipId), isNull(invitations.agencyId))
    : eq(invitations.agencyId, target.agencyId);
}

/**
 * Gives the person the role: a new account (made here with `name`) gets it at once; someone who
 * already has an account is invited instead, and their name is never read. Inviting again replaces
 * the waiting invitation (a new role or name).
 */
export async function addOrInvite(
  db: Db,
  target: MembershipTarget,
  person: { name: string; email: string },
  invitedBy: string | null,
  now: Date,
): Promise<{ userId: string; outcome: AddOutcome }> {
  return db.transaction((tx) => addOrInviteIn(tx, target, person, invitedBy, now));
}

/** `addOrInvite` within the caller's transaction (an agency made in the same one). */
export async function addOrInviteIn(
  tx: DbOrTx,
  target: MembershipTarget,
  person: { name: string; email: string },
  invitedBy: string | null,
  now: Date,
): Promise<{ userId: string; outcome: AddOutcome }> {
  const email = normaliseEmail(person.email);
  const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!existing) {
    const [created] = await tx
      .insert(users)
      .values({ email, name: person.name, createdAt: now })
      .returning({ id: users.id });
    await grant(tx, target, created!.id, now);
    return { userId: created!.id, outcome: 'added' };
  }
  if (await isMember(tx, target, existing.id)) return { userId: existing.id, outcome: 'already-member' };
  await tx.delete(invitations).where(and(invitationsOf(target), eq(invitations.userId, existing.id)));
  await tx.insert(invitations).values({
    userId: existing.id,
    partnershipId: target.partnershipId,
    agencyId: target.kind === 'agency' ? target.agencyId : null,
    role: target.role,
    invitedName: person.name,
    invitedBy,
    createdAt: now,
  });
  return { userId: existing.id, outcome: 'invited' };
}

/** Someone who can sign in for an agency, or is invited to. */
export interface AgencyPerson {
  userId: string;
  /** The account's name; for a waiting invitation, the name the inviter typed. */
  name: string;
  email: string;
  role: AgencyRole;
  /** Never for a waiting invitation. */
  lastSignedInAt: Date | null;
  /** Invited, and not yet accepted. */
  pending: boolean;
}

/** The agency's people: leads first, then contributors, with waiting invitations. */
export async function listAgencyPeople(db: DbOrTx, agencyId: string): Promise<AgencyPerson[]> {
  const rows = await queryRows<{
    user_id: string;
    name: string;
    email: string;
    role: AgencyRole;
    last_signed_in_at: string | Date | null;
    pending: boolean;
  }>(
    db,
    sql`select u.id as user_id, u.name, u.email, au.role, u.last_signed_in_at, false as pending
          from agency_users au join users u on u.id = au.user_id where au.agency_id = ${agencyId}
        union all
        select u.id, i.invited_name, u.email, i.role, null, true
          from invitations i join users u on u.id = i.user_id where i.agency_id = ${agencyId}
        order by role, name`,
  );
  return rows.map((r) => ({
    userId: r.user_id,
    name: r.name,
    email: r.email,
    role: r.role,
    lastSignedInAt: r.last_signed_in_at === null ? null : new Date(r.last_signed_in_at),
    pending: r.pending,
  }));
}

/** The partnership's waiting invitations, with the name the inviter typed. */
export async function listPartnershipInvitations(db: DbOrTx, partnershipId: string) {
  return db
    .select({ userId: users.id, name: invitations.invitedName, email: users.email, role: invitations.role })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .where(invitationsOf({ kind: 'partnership', partnershipId }))
    .orderBy(asc(sql`lower(${invitations.invitedName})`)) as Promise<
    Array<{ userId: string; name: string; email: string; role: PartnershipRole }>
  >;
}

/** Withdraws a waiting invitation; false when there was none. */
export async function cancelInvitation(
  db: DbOrTx,
  target: { kind: 'partnership'; partnershipId: string } | { kind: 'agency'; agencyId: string },
  userId: string,
  role?: AgencyRole,
): Promise<boolean> {
  const removed = await db
    .delete(invitations)
    .where(
      and(
        invitationsOf(target),
        eq(invitations.userId, userId),
        role ? eq(invitations.role, role) : undefined,
      ),
    )
    .returning({ id: invitations.id });
  return removed.length > 0;
}

/**
 * Takes the person out of the agency (only from `role` when given), with their theme assignments on
 * its returns, or withdraws their waiting invitation. False when they were neither.
 */
export async function removeFromAgency(
  db: Db,
  agencyId: string,
  userId: string,
  /** Null: an operator at the command line. */
  byUserId: string | null,
  now: Date,
  role?: AgencyRole,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const removed = await tx
      .delete(agencyUsers)
      .where(
        and(
          eq(agencyUsers.agencyId, agencyId),
          eq(agencyUsers.userId, userId),
          role ? eq(agencyUsers.role, role) : undefined,
        ),
      )
      .returning({ userId: agencyUsers.userId });
    if (removed.length > 0) {
      await unassignEverywhere(tx, agencyId, userId, byUserId, now);
      return true;
    }
    return cancelInvitation(tx, { kind: 'agency', agencyId }, userId, role);
  });
}

/** An invitation waiting for the signed-in person to accept or decline. */
export interface WaitingInvitation {
  id: string;
  role: PartnershipRole | AgencyRole;
  partnershipName: string | null;
  agencyName: string | null;
  invitedByName: string | null;
  createdAt: Date;
}

export async function invitationsFor(db: DbOrTx, userId: string): Promise<WaitingInvitation[]> {
  const rows = await queryRows<{
    id: string;
    role: PartnershipRole | AgencyRole;
    partnership_name: string | null;
    agency_name: string | null;
    invited_by_name: string | null;
    created_at: string | Date;
  }>(
    db,
    sql`select i.id, i.role, p.name as partnership_name, a.name as agency_name, b.name as invited_by_name,
          i.created_at
        from invitations i left join partnerships p on p.id = i.partnership_id
          left join agencies a on a.id = i.agency_id left join users b on b.id = i.invited_by
        where i.user_id = ${userId}
        order by i.created_at`,
  );
  return rows.map((r) => ({
    id: r.id,
    role: r.role,
    partnershipName: r.partnership_name,
    agencyName: r.agency_name,
    invitedByName: r.invited_by_name,
    createdAt: new Date(r.created_at),
  }));
}

/** Accepts (the role is given) or declines the person's own invitation; false when there is none. */
export async function answerInvitation(
  db: Db,
  invitationId: string,
  userId: string,
  accept: boolean,
  now: Date,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [taken] = await tx
      .delete(invitations)
      .where(and(eq(invitations.id, invitationId), eq(invitations.userId, userId)))
      .returning();
    if (!taken) return false;
    if (!accept) return true;
    if (taken.agencyId)
      await grant(
        tx,
        {
          kind: 'agency',
          agencyId: taken.agencyId,
          role: taken.role as AgencyRole,
          partnershipId: taken.partnershipId,
        },
        userId,
        now,
      );
    else
      await grant(
        tx,
        { kind: 'partnership', partnershipId: taken.partnershipId!, role: taken.role as PartnershipRole },
        userId,
        now,
      );
    return true;
  });
}

/** The role being taken away, which does not count as "another role". */
export type RemovedRole = { partnershipId: string } | { agencyId: string };

/**
 * Whether the person holds anything besides `role` (with null, anything at all): a role in any
 * partnership or agency, or platform admin. Their roles in other partnerships are behind the
 * database's wall, so a function of the database (migration 0035) answers, with nothing but yes or no.
 */
export async function holdsOtherRoles(
  db: DbOrTx,
  userId: string,
  role: RemovedRole | null,
): Promise<boolean> {
  const exceptPartnership = role && 'partnershipId' in role ? role.partnershipId : null;
  const exceptAgency = role && 'agencyId' in role ? role.agencyId : null;
  const [row] = await queryRows<{ holds: boolean }>(
    db,
    sql`select app_holds_other_roles(${userId}::uuid, ${exceptPartnership}::uuid, ${exceptAgency}::uuid) as holds`,
  );
  return Boolean(row?.holds);
}

/** Whether the person still has anything to sign in for (a role anywhere, or platform admin). */
export const holdsAnyRole = (db: DbOrTx, userId: string): Promise<boolean> =>
  holdsOtherRoles(db, userId, null);
