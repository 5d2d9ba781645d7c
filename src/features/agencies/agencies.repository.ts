/** A partnership's agencies: members of the partnership, with the localities they serve there. */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { type Db, type DbOrTx, queryRows } from '../../db/client.ts';
import {
  type AgencySector,
  agencies,
  agencyLocalities,
  agencyMemberships,
  localities,
} from '../../db/schema.ts';
import type { OrganisationCodes } from './organisation-codes.ts';

export interface AgencyListItem {
  id: string;
  name: string;
  sector: AgencySector;
  basis: 'statutory' | 'voluntary';
  localityIds: string[];
  localityNames: string[];
  leadContactEmail: string | null;
  archivedAt: Date | null;
  /** How many partnerships the agency belongs to; shared agencies keep their name and sector. */
  partnershipCount: number;
  /** Its organisation codes, shared by every partnership it belongs to. */
  codes: OrganisationCodes;
}

export async function listAgencies(db: DbOrTx, partnershipId: string): Promise<AgencyListItem[]> {
  const rows = await queryRows<{
    id: string;
    name: string;
    sector: AgencySector;
    section11_basis: 'statutory' | 'voluntary';
    locality_ids: string[] | null;
    locality_names: string[] | null;
    lead_contact_email: string | null;
    archived_at: string | Date | null;
    partnership_count: number | string;
    ods_code: string | null;
    urn: string | null;
    company_number: string | null;
    charity_number: string | null;
  }>(
    db,
    sql`select a.id, a.name, a.sector, a.section11_basis, am.lead_contact_email, am.archived_at,
          a.ods_code, a.urn, a.company_number, a.charity_number,
          (select array_agg(l.id order by l.name) from agency_localities al join localities l on l.id = al.locality_id
             where al.agency_id = a.id and al.partnership_id = am.partnership_id) as locality_ids,
          (select array_agg(l.name order by l.name) from agency_localities al join localities l on l.id = al.locality_id
             where al.agency_id = a.id and al.partnership_id = am.partnership_id) as locality_names,
          (select count(*) from agency_memberships m2 where m2.agency_id = a.id) as partnership_count
        from agency_memberships am join agencies a on a.id = am.agency_id
        where am.partnership_id = ${partnershipId}
        order by lower(a.name)`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    sector: r.sector,
    basis: r.section11_basis,
    localityIds: r.locality_ids ?? [],
    localityNames: r.locality_names ?? [],
    leadContactEmail: r.lead_contact_email,
    archivedAt: r.archived_at === null ? null : new Date(r.archived_at),
    partnershipCount: Number(r.partnership_count),
    codes: {
      odsCode: r.ods_code,
      urn: r.urn,
      companyNumber: r.company_number,
      charityNumber: r.charity_number,
    },
  }));
}

export async function findAgency(db: DbOrTx, partnershipId: string, agencyId: string) {
  return (await listAgencies(db, partnershipId)).find((a) => a.id === agencyId) ?? null;
}

export async function activeLocalities(db: DbOrTx, partnershipId: string) {
  return db
    .select({ id: localities.id, name: localities.name })
    .from(localities)
    .where(and(eq(localities.partnershipId, partnershipId), isNull(localities.retiredAt)))
    .orderBy(localities.name);
}

export interface AgencyValues {
  name: string;
  sector: AgencySector;
  basis: 'statutory' | 'voluntary';
  localityIds: string[];
  leadContactEmail: string | null;
  codes: OrganisationCodes;
}

export async function createAgency(
  db: Db,
  partnershipId: string,
  values: AgencyValues,
  now: Date,
): Promise<string> {
  return db.transaction(async (tx) => {
    const [agency] = await tx
      .insert(agencies)
      .values({
        name: values.name,
        sector: values.sector,
        section11Basis: values.basis,
        ...values.codes,
        createdAt: now,
      })
      .returning({ id: agencies.id });
    await tx.insert(agencyMemberships).values({
      partnershipId,
      agencyId: agency!.id,
      leadContactEmail: values.leadContactEmail,
      createdAt: now,
    });
    await tx
      .insert(agencyLocalities)
      .values(values.localityIds.map((localityId) => ({ partnershipId, agencyId: agency!.id, localityId })));
    return agency!.id;
  });
}

/**
 * Updates the agency as this partnership sees it. Its name, sector and basis are shared by every
 * partnership it belongs to, so they change only when this partnership is its only one; its codes
 * identify it, and any partnership it belongs to may give or correct them.
 */
export async function updateAgency(
  db: Db,
  partnershipId: string,
  agency: AgencyListItem,
  values: AgencyValues,
): Promise<void> {
  await db.transaction(async (tx) => {
    if (agency.partnershipCount === 1) {
      await tx
        .update(agencies)
        .set({ name: values.name, sector: values.sector, section11Basis: values.basis })
        .where(eq(agencies.id, agency.id));
    }
    await tx.update(agencies).set(values.codes).where(eq(agencies.id, agency.id));
    await tx
      .update(agencyMemberships)
      .set({ leadContactEmail: values.leadContactEmail })
      .where(
        and(eq(agencyMemberships.partnershipId, partnershipId), eq(agencyMemberships.agencyId, agency.id)),
      );
    await tx
      .delete(agencyLocalities)
      .where(
        and(eq(agencyLocalities.partnershipId, partnershipId), eq(agencyLocalities.agencyId, agency.id)),
      );
    await tx
      .insert(agencyLocalities)
      .values(values.localityIds.map((localityId) => ({ partnershipId, agencyId: agency.id, localityId })));
  });
}

export async function setArchived(db: Db, partnershipId: string, agencyId: string, archivedAt: Date | null) {
  await db
    .update(agencyMemberships)
    .set({ archivedAt })
    .where(and(eq(agencyMemberships.partnershipId, partnershipId), eq(agencyMemberships.agencyId, agencyId)));
}
