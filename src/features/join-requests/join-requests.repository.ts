/** Requests to take part in a partnership, and the decisions on them. */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.ts';
import {
  agencies,
  agencyLocalities,
  agencyMemberships,
  joinRequests,
  localities,
  partnerships,
} from '../../db/schema.ts';
import { addOrInviteIn } from '../people/memberships.repository.ts';
import type { JoinValues } from './join-request-form.ts';

export type JoinRequest = typeof joinRequests.$inferSelect;

export async function listPartnershipsForJoining(db: DbOrTx) {
  return db
    .select({ id: partnerships.id, name: partnerships.name })
    .from(partnerships)
    .orderBy(sql`lower(${partnerships.name})`);
}

export async function findPartnership(db: DbOrTx, partnershipId: string) {
  const [row] = await db
    .select({ id: partnerships.id, name: partnerships.name, contactEmail: partnerships.contactEmail })
    .from(partnerships)
    .where(eq(partnerships.id, partnershipId));
  return row ?? null;
}

export async function createJoinRequest(
  db: DbOrTx,
  partnershipId: string,
  values: JoinValues,
  now: Date,
): Promise<string> {
  const [row] = await db
    .insert(joinRequests)
    .values({ partnershipId, ...values, createdAt: now })
    .returning({ id: joinRequests.id });
  return row!.id;
}

/** How many requests this contact email has made to the partnership since `since`. */
export async function requestsFromSince(
  db: DbOrTx,
  partnershipId: string,
  contactEmail: string,
  since: Date,
): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(joinRequests)
    .where(
      and(
        eq(joinRequests.partnershipId, partnershipId),
        eq(joinRequests.contactEmail, contactEmail),
        sql`${joinRequests.createdAt} > ${since}`,
      ),
    );
  return Number(row?.n ?? 0);
}

export async function listJoinRequests(db: DbOrTx, partnershipId: string): Promise<JoinRequest[]> {
  return db
    .select()
    .from(joinRequests)
    .where(eq(joinRequests.partnershipId, partnershipId))
    .orderBy(desc(joinRequests.createdAt));
}

export async function pendingJoinRequestCount(db: DbOrTx, partnershipId: string): Promise<number> {
  const rows = await db
    .select({ id: joinRequests.id })
    .from(joinRequests)
    .where(and(eq(joinRequests.partnershipId, partnershipId), eq(joinRequests.status, 'pending')));
  return rows.length;
}

export async function findJoinRequest(db: DbOrTx, partnershipId: string, requestId: string) {
  const [row] = await db
    .select()
    .from(joinRequests)
    .where(and(eq(joinRequests.id, requestId), eq(joinRequests.partnershipId, partnershipId)));
  return row ?? null;
}

/** Marks a pending request decided; null when it had already been decided (by someone else). */
async function decide(
  tx: DbOrTx,
  partnershipId: string,
  requestId: string,
  decision: { status: 'approved' | 'declined'; declineReason?: string; decidedBy: string; decidedAt: Date },
): Promise<JoinRequest | null> {
  const [row] = await tx
    .update(joinRequests)
    .set(decision)
    .where(
      and(
        eq(joinRequests.id, requestId),
        eq(joinRequests.partnershipId, partnershipId),
        eq(joinRequests.status, 'pending'),
      ),
    )
    .returning();
  return row ?? null;
}

/**
 * Approves the request: the organisation becomes a voluntary agency of the partnership, serving the
 * localities it chose (those still in use), with its contact as agency lead. All or nothing.
 */
export async function approveJoinRequest(
  db: Db,
  partnershipId: string,
  requestId: string,
  decidedBy: string,
  now: Date,
): Promise<{ request: JoinRequest; agencyId: string; userId: string; invited: boolean } | null> {
  return db.transaction(async (tx) => {
    const request = await decide(tx, partnershipId, requestId, {
      status: 'approved',
      decidedBy,
      decidedAt: now,
    });
    if (!request) return null;
    const active = await tx
      .select({ id: localities.id })
      .from(localities)
      .where(and(eq(localities.partnershipId, partnershipId), isNull(localities.retiredAt)));
    const activeIds = new Set(active.map((l) => l.id));
    const localityIds = request.localityIds.filter((id) => activeIds.has(id));
    const agencyId = randomUUID();
    await tx.insert(agencies).values({
      id: agencyId,
      name: request.organisationName,
      sector: request.sector,
      section11Basis: 'voluntary',
      createdAt: now,
    });
    await tx
      .insert(agencyMemberships)
      .values({ partnershipId, agencyId, leadContactEmail: request.contactEmail, createdAt: now });
    if (localityIds.length > 0)
      await tx
        .insert(agencyLocalities)
        .values(localityIds.map((localityId) => ({ partnershipId, agencyId, localityId })));
    // A contact who already has an account is invited, and becomes lead once they accept.
    const { userId, outcome } = await addOrInviteIn(
      tx,
      { kind: 'agency', agencyId, role: 'agency_lead', partnershipId },
      { name: request.contactName, email: request.contactEmail },
      decidedBy,
      now,
    );
    await tx
      .update(joinRequests)
      .set({ agencyId })
      .where(and(eq(joinRequests.id, requestId), eq(joinRequests.partnershipId, partnershipId)));
    return { request: { ...request, agencyId }, agencyId, userId, invited: outcome === 'invited' };
  });
}

export async function declineJoinRequest(
  db: DbOrTx,
  partnershipId: string,
  requestId: string,
  reason: string,
  decidedBy: string,
  now: Date,
): Promise<JoinRequest | null> {
  return decide(db, partnershipId, requestId, {
    status: 'declined',
    declineReason: reason,
    decidedBy,
    decidedAt: now,
  });
}
