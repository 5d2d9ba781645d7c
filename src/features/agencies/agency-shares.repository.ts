/**
 * Sharing an agency between partnerships: finding another partnership's agency, asking it to share
 * the agency, and its answer. An accepted request makes the asker a member of the same agency record
 * (one set of people), with its own localities and lead contact. Every call names the partnership
 * acting, and a request is only ever read by the partnership that asked or the one asked.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { type Db, type DbOrTx, queryRows } from '../../db/client.ts';
import {
  type AgencySector,
  type AgencyShareStatus,
  agencyMemberships,
  agencyShareRequests,
} from '../../db/schema.ts';
import { sameNameKey } from './agency-import-rows.ts';
import { codeCandidates, type OrganisationCodes } from './organisation-codes.ts';

/** What another partnership may know of an agency to recognise it: never its people, returns or contact. */
export interface AgencyIdentity {
  agencyId: string;
  name: string;
  sector: AgencySector;
  codes: OrganisationCodes;
  /** A partnership it is an active member of. */
  partnershipId: string;
  partnershipName: string;
}

export interface FoundAgency extends AgencyIdentity {
  /** Already a member of the searching partnership (archived or not). */
  alreadyMember: boolean;
  /** The searching partnership has asked to share it and is waiting for the answer. */
  requested: boolean;
}

interface IdentityRow {
  agency_id: string;
  name: string;
  sector: AgencySector;
  ods_code: string | null;
  urn: string | null;
  company_number: string | null;
  charity_number: string | null;
  partnership_id: string;
  partnership_name: string;
}

const identity = (r: IdentityRow): AgencyIdentity => ({
  agencyId: r.agency_id,
  name: r.name,
  sector: r.sector,
  codes: {
    odsCode: r.ods_code,
    urn: r.urn,
    companyNumber: r.company_number,
    charityNumber: r.charity_number,
  },
  partnershipId: r.partnership_id,
  partnershipName: r.partnership_name,
});

const IDENTITY_COLUMNS = sql`a.id as agency_id, a.name, a.sector, a.ods_code, a.urn, a.company_number,
  a.charity_number, p.id as partnership_id, p.name as partnership_name`;

/** At most this many agencies are listed for one search. */
export const SEARCH_LIMIT = 50;

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Agencies of other partnerships whose name contains `text` (case, spacing and curly apostrophes
 * aside) or with `text` as one of their codes; one row per agency and partnership it is an active
 * member of. At most `SEARCH_LIMIT + 1` rows, so the caller can say there are more.
 */
export async function searchOtherAgencies(
  db: DbOrTx,
  partnershipId: string,
  text: string,
): Promise<FoundAgency[]> {
  const name = `%${likeEscape(sameNameKey(text))}%`;
  const codes = codeCandidates(text).map(({ code, value }) => {
    const column = {
      odsCode: sql`a.ods_code`,
      urn: sql`a.urn`,
      companyNumber: sql`a.company_number`,
      charityNumber: sql`a.charity_number`,
    }[code];
    return sql`${column} = ${value}`;
  });
  // Which partnerships have which agency is behind the wall: a function of the database (migration
  // 0035) gives the active memberships of the agencies matching, and nothing else of them.
  const rows = await queryRows<IdentityRow & { already_member: boolean; requested: boolean }>(
    db,
    sql`with matching as (
          select * from agencies a
          where (regexp_replace(translate(lower(a.name), '’‘', ''''''), '\\s+', ' ', 'g') like ${name} escape '\\'
                 ${codes.length ? sql`or ${sql.join(codes, sql` or `)}` : sql``})
        )
        select ${IDENTITY_COLUMNS},
          exists (select 1 from agency_memberships mine
                  where mine.agency_id = a.id and mine.partnership_id = ${partnershipId}) as already_member,
          exists (select 1 from agency_share_requests r
                  where r.partnership_id = ${partnershipId} and r.agency_id = a.id and r.status = 'pending') as requested
        from matching a
          join app_active_memberships(array(select id from matching)) m on m.agency_id = a.id
          join partnerships p on p.id = m.partnership_id
        where m.partnership_id <> ${partnershipId}
        order by lower(a.name), a.id, p.name
        limit ${SEARCH_LIMIT + 1}`,
  );
  return rows.map((r) => ({
    ...identity(r),
    alreadyMember: Boolean(r.already_member),
    requested: Boolean(r.requested),
  }));
}

/** The agency as an active member of `askedPartnershipId`, if it is one; never of `partnershipId` itself. */
export async function findOtherAgency(
  db: DbOrTx,
  partnershipId: string,
  askedPartnershipId: string,
  agencyId: string,
): Promise<AgencyIdentity | null> {
  if (askedPartnershipId === partnershipId) return null;
  const [row] = await queryRows<IdentityRow>(
    db,
    sql`select ${IDENTITY_COLUMNS}
        from agencies a
          join app_active_memberships(array[${agencyId}::uuid]) m on m.agency_id = a.id
          join partnerships p on p.id = m.partnership_id
        where a.id = ${agencyId} and m.partnership_id = ${askedPartnershipId}`,
  );
  return row ? identity(row) : null;
}

/** Whether the agency is already a member of the partnership (archived or not). */
export async function isMember(db: DbOrTx, partnershipId: string, agencyId: string): Promise<boolean> {
  const rows = await db
    .select({ agencyId: agencyMemberships.agencyId })
    .from(agencyMemberships)
    .where(and(eq(agencyMemberships.partnershipId, partnershipId), eq(agencyMemberships.agencyId, agencyId)));
  return rows.length > 0;
}

export interface ShareRequestValues {
  askedPartnershipId: string;
  agencyId: string;
  localityIds: string[];
  leadContactEmail: string | null;
}

/** Records the request; null when the partnership is already waiting for an answer about this agency. */
export async function createShareRequest(
  db: DbOrTx,
  partnershipId: string,
  values: ShareRequestValues,
  userId: string,
  now: Date,
): Promise<string | null> {
  const [row] = await db
    .insert(agencyShareRequests)
    .values({ partnershipId, ...values, requestedBy: userId, createdAt: now })
    .onConflictDoNothing()
    .returning({ id: agencyShareRequests.id });
  return row?.id ?? null;
}

export interface ShareRequest {
  id: string;
  status: AgencyShareStatus;
  /** The partnership that asked. */
  partnershipId: string;
  partnershipName: string;
  askedPartnershipId: string;
  askedPartnershipName: string;
  agency: AgencyIdentity;
  /** The asker's localities the agency is to serve there (names, for both sides to read). */
  localityNames: string[];
  requestedByName: string | null;
  declineReason: string | null;
  createdAt: Date;
  decidedAt: Date | null;
}

/** Requests the partnership made or was asked, newest first; one, when `requestId` is given. */
export async function listShareRequests(
  db: DbOrTx,
  partnershipId: string,
  requestId?: string,
): Promise<ShareRequest[]> {
  const rows = await queryRows<
    IdentityRow & {
      id: string;
      status: AgencyShareStatus;
      asker_id: string;
      asker_name: string;
      locality_names: string[] | null;
      requested_by_name: string | null;
      decline_reason: string | null;
      created_at: string | Date;
      decided_at: string | Date | null;
    }
  >(
    db,
    sql`select r.id, r.status, r.decline_reason, r.created_at, r.decided_at,
          asker.id as asker_id, asker.name as asker_name,
          a.id as agency_id, a.name, a.sector, a.ods_code, a.urn, a.company_number, a.charity_number,
          p.id as partnership_id, p.name as partnership_name,
          app_share_request_localities(r.id) as locality_names,
          u.name as requested_by_name
        from agency_share_requests r
          join partnerships asker on asker.id = r.partnership_id
          join partnerships p on p.id = r.asked_partnership_id
          join agencies a on a.id = r.agency_id
          left join users u on u.id = r.requested_by
        where (r.partnership_id = ${partnershipId} or r.asked_partnership_id = ${partnershipId})
          ${requestId ? sql`and r.id = ${requestId}` : sql``}
        order by r.created_at desc, r.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    partnershipId: r.asker_id,
    partnershipName: r.asker_name,
    askedPartnershipId: r.partnership_id,
    askedPartnershipName: r.partnership_name,
    agency: identity(r),
    localityNames: r.locality_names ?? [],
    requestedByName: r.requested_by_name,
    declineReason: r.decline_reason,
    createdAt: new Date(r.created_at),
    decidedAt: r.decided_at === null ? null : new Date(r.decided_at),
  }));
}

/** Requests waiting for this partnership's answer. */
export async function waitingShareRequestCount(db: DbOrTx, partnershipId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(agencyShareRequests)
    .where(
      and(
        eq(agencyShareRequests.askedPartnershipId, partnershipId),
        eq(agencyShareRequests.status, 'pending'),
      ),
    );
  return Number(row?.n ?? 0);
}

/** Moves a pending request on; false when it was no longer pending (someone answered first). */
async function decide(
  tx: DbOrTx,
  where: { requestId: string; partnershipId?: string; askedPartnershipId?: string },
  set: { status: AgencyShareStatus; declineReason?: string; decidedBy: string; decidedAt: Date },
) {
  const [row] = await tx
    .update(agencyShareRequests)
    .set(set)
    .where(
      and(
        eq(agencyShareRequests.id, where.requestId),
        eq(agencyShareRequests.status, 'pending'),
        where.partnershipId ? eq(agencyShareRequests.partnershipId, where.partnershipId) : undefined,
        where.askedPartnershipId
          ? eq(agencyShareRequests.askedPartnershipId, where.askedPartnershipId)
          : undefined,
      ),
    )
    .returning();
  return row ?? null;
}

/**
 * Accepts the request, as the partnership asked: the asker becomes a member of the agency, serving
 * those of the localities it chose that are still in use, with its lead contact. All or nothing;
 * 'decided' when it had already been answered, 'gone' when the agency has left the asked partnership.
 */
export async function acceptShareRequest(
  db: Db,
  askedPartnershipId: string,
  requestId: string,
  userId: string,
  now: Date,
): Promise<'accepted' | 'decided' | 'gone'> {
  return db.transaction(async (tx) => {
    // The request locked first, so two admins accepting at once make one membership.
    const [pending] = await tx
      .select({ agencyId: agencyShareRequests.agencyId })
      .from(agencyShareRequests)
      .where(
        and(
          eq(agencyShareRequests.id, requestId),
          eq(agencyShareRequests.askedPartnershipId, askedPartnershipId),
          eq(agencyShareRequests.status, 'pending'),
        ),
      )
      .for('update');
    if (!pending) return 'decided';
    const [membership] = await tx
      .select({ agencyId: agencyMemberships.agencyId })
      .from(agencyMemberships)
      .where(
        and(
          eq(agencyMemberships.partnershipId, askedPartnershipId),
          eq(agencyMemberships.agencyId, pending.agencyId),
          isNull(agencyMemberships.archivedAt),
        ),
      );
    if (!membership) return 'gone';
    const request = await decide(
      tx,
      { requestId, askedPartnershipId },
      { status: 'accepted', decidedBy: userId, decidedAt: now },
    );
    if (!request) return 'decided';
    // The asker's membership and localities: rows in its name, made by a function of the database
    // (migration 0035) for the partnership that accepted.
    await tx.execute(
      sql`select app_join_shared_agency(${requestId}::uuid, ${now.toISOString()}::timestamptz)`,
    );
    return 'accepted';
  });
}

/** Declines the request, as the partnership asked; false when it had already been answered. */
export async function declineShareRequest(
  db: DbOrTx,
  askedPartnershipId: string,
  requestId: string,
  reason: string,
  userId: string,
  now: Date,
): Promise<boolean> {
  return (
    (await decide(
      db,
      { requestId, askedPartnershipId },
      { status: 'declined', declineReason: reason, decidedBy: userId, decidedAt: now },
    )) !== null
  );
}

/** Withdraws the request, as the partnership that made it; false when it had already been answered. */
export async function withdrawShareRequest(
  db: DbOrTx,
  partnershipId: string,
  requestId: string,
  userId: string,
  now: Date,
): Promise<boolean> {
  return (
    (await decide(
      db,
      { requestId, partnershipId },
      { status: 'withdrawn', decidedBy: userId, decidedAt: now },
    )) !== null
  );
}
