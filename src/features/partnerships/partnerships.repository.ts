/** A partnership's own record: details, localities and branding. Every call takes its id. */
import { createHash } from 'node:crypto';
import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import { inSystemContext } from '../../db/acting-partnership.ts';
import { type Db, type DbOrTx, queryRows } from '../../db/client.ts';
import { readRows, statement } from '../../db/prepared.ts';
import { localities, partnershipLogos, partnerships } from '../../db/schema.ts';
import { sameLocalityName } from './partnership-form.ts';

export interface PartnershipDetails {
  id: string;
  name: string;
  shortName: string;
  contactEmail: string;
  introduction: string;
  headerColour: string | null;
  logoSha256: string | null;
}

export async function findPartnership(db: DbOrTx, partnershipId: string): Promise<PartnershipDetails | null> {
  const [row] = await db
    .select({
      id: partnerships.id,
      name: partnerships.name,
      shortName: partnerships.shortName,
      contactEmail: partnerships.contactEmail,
      introduction: partnerships.introduction,
      headerColour: partnerships.headerColour,
      logoSha256: partnershipLogos.sha256,
    })
    .from(partnerships)
    .leftJoin(partnershipLogos, eq(partnershipLogos.partnershipId, partnerships.id))
    .where(eq(partnerships.id, partnershipId));
  return row ?? null;
}

/** The partnership's own details as stored, its row locked for the rest of the transaction. */
export async function lockDetails(
  db: DbOrTx,
  partnershipId: string,
): Promise<{ name: string; shortName: string; contactEmail: string; introduction: string } | null> {
  const [row] = await db
    .select({
      name: partnerships.name,
      shortName: partnerships.shortName,
      contactEmail: partnerships.contactEmail,
      introduction: partnerships.introduction,
    })
    .from(partnerships)
    .where(eq(partnerships.id, partnershipId))
    .for('update');
  return row ?? null;
}

/** Whether another partnership than `exceptId` already uses this short name. */
export async function shortNameTaken(db: DbOrTx, shortName: string, exceptId?: string): Promise<boolean> {
  const rows = await db
    .select({ id: partnerships.id })
    .from(partnerships)
    .where(
      exceptId
        ? and(eq(partnerships.shortName, shortName), ne(partnerships.id, exceptId))
        : eq(partnerships.shortName, shortName),
    );
  return rows.length > 0;
}

/** The database refused a duplicate (a short name or locality taken at the same moment). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}

export async function updateDetails(
  db: DbOrTx,
  partnershipId: string,
  values: { name: string; shortName: string; contactEmail: string; introduction: string },
): Promise<void> {
  await db.update(partnerships).set(values).where(eq(partnerships.id, partnershipId));
}

export interface LocalityRow {
  id: string;
  name: string;
  retiredAt: Date | null;
}

/** Every locality of the partnership, retired ones included. */
export async function listLocalities(db: DbOrTx, partnershipId: string): Promise<LocalityRow[]> {
  return db
    .select({ id: localities.id, name: localities.name, retiredAt: localities.retiredAt })
    .from(localities)
    .where(eq(localities.partnershipId, partnershipId))
    .orderBy(asc(sql`lower(${localities.name})`));
}

/** Whether the partnership has another locality of this name (case and spacing aside). */
export async function localityNameTaken(
  db: DbOrTx,
  partnershipId: string,
  name: string,
  exceptId?: string,
): Promise<boolean> {
  return (await listLocalities(db, partnershipId)).some(
    (l) => l.id !== exceptId && sameLocalityName(l.name, name),
  );
}

export async function addLocality(db: DbOrTx, partnershipId: string, name: string, now: Date) {
  await db.insert(localities).values({ partnershipId, name, createdAt: now });
}

/** A locality's name, its row locked until the transaction ends (null: not the partnership's). */
export async function lockLocalityName(
  db: DbOrTx,
  partnershipId: string,
  localityId: string,
): Promise<string | null> {
  const [row] = await db
    .select({ name: localities.name })
    .from(localities)
    .where(and(eq(localities.partnershipId, partnershipId), eq(localities.id, localityId)))
    .for('update');
  return row?.name ?? null;
}

export async function renameLocality(db: DbOrTx, partnershipId: string, localityId: string, name: string) {
  await db
    .update(localities)
    .set({ name })
    .where(and(eq(localities.partnershipId, partnershipId), eq(localities.id, localityId)));
}

/** Retires a locality (kept on existing records, not offered for new ones), or brings it back. */
export async function setLocalityRetired(
  db: DbOrTx,
  partnershipId: string,
  localityId: string,
  retiredAt: Date | null,
) {
  await db
    .update(localities)
    .set({ retiredAt })
    .where(
      and(
        eq(localities.partnershipId, partnershipId),
        eq(localities.id, localityId),
        retiredAt ? isNull(localities.retiredAt) : sql`true`,
      ),
    );
}

/** The header colour, the partnership's row locked until the transaction ends. */
export async function lockHeaderColour(db: DbOrTx, partnershipId: string): Promise<string | null> {
  const [row] = await db
    .select({ headerColour: partnerships.headerColour })
    .from(partnerships)
    .where(eq(partnerships.id, partnershipId))
    .for('update');
  if (!row) throw new Error('The partnership has gone');
  return row.headerColour;
}

export async function setHeaderColour(db: DbOrTx, partnershipId: string, colour: string | null) {
  await db.update(partnerships).set({ headerColour: colour }).where(eq(partnerships.id, partnershipId));
}

export async function saveLogo(
  db: DbOrTx,
  partnershipId: string,
  logo: { contentType: 'image/png' | 'image/jpeg'; bytes: Buffer },
  now: Date,
): Promise<void> {
  const sha256 = createHash('sha256').update(logo.bytes).digest('hex');
  const values = { contentType: logo.contentType, bytes: logo.bytes, sha256, updatedAt: now };
  await db
    .insert(partnershipLogos)
    .values({ partnershipId, ...values })
    .onConflictDoUpdate({ target: partnershipLogos.partnershipId, set: values });
}

export async function removeLogo(db: DbOrTx, partnershipId: string) {
  await db.delete(partnershipLogos).where(eq(partnershipLogos.partnershipId, partnershipId));
}

export async function loadLogo(db: DbOrTx, partnershipId: string) {
  const [row] = await db
    .select({
      contentType: partnershipLogos.contentType,
      bytes: partnershipLogos.bytes,
      sha256: partnershipLogos.sha256,
    })
    .from(partnershipLogos)
    .where(eq(partnershipLogos.partnershipId, partnershipId));
  return row ?? null;
}

export interface Branding {
  partnershipId: string;
  partnershipName: string;
  headerColour: string | null;
  logoSha256: string | null;
}

/**
 * The branding a person sees: of `preferredId` when they belong to it (a role there, or in one of
 * its agencies), else of their first partnership, else of the first partnership of their first
 * agency. Platform admins with no role anywhere see the service's own look.
 */
const BRANDING = statement(
  'branding_for_user',
  `
    with chosen as (
      select coalesce(
        (select $2::uuid where exists (select 1 from partnership_roles pr where pr.user_id = $1 and pr.partnership_id = $2::uuid)
           or exists (select 1 from agency_users au join agency_memberships am on am.agency_id = au.agency_id
                      where au.user_id = $1 and am.partnership_id = $2::uuid)),
        (select pr.partnership_id from partnership_roles pr join partnerships p on p.id = pr.partnership_id
           where pr.user_id = $1 order by p.name limit 1),
        (select am.partnership_id from agency_users au join agencies a on a.id = au.agency_id
           join agency_memberships am on am.agency_id = au.agency_id join partnerships p on p.id = am.partnership_id
           where au.user_id = $1 order by a.name, p.name limit 1)
      ) as id
    )
    select p.id, p.name, p.header_colour, l.sha256
    from chosen join partnerships p on p.id = chosen.id
      left join partnership_logos l on l.partnership_id = p.id`,
);

export async function brandingFor(
  db: DbOrTx,
  userId: string,
  preferredId: string | null,
): Promise<Branding | null> {
  // Found among the person's own partnerships, whichever the request acts for (if any yet).
  const rows = await inSystemContext(() =>
    readRows<{
      id: string;
      name: string;
      header_colour: string | null;
      sha256: string | null;
    }>(db, BRANDING, [userId, preferredId]),
  );
  const row = rows[0];
  return row
    ? {
        partnershipId: row.id,
        partnershipName: row.name,
        headerColour: row.header_colour,
        logoSha256: row.sha256,
      }
    : null;
}

/** Whether the person belongs to the partnership (a role in it, or in one of its agencies). */
export async function belongsToPartnership(db: DbOrTx, userId: string, partnershipId: string) {
  const branding = await brandingFor(db, userId, partnershipId);
  return branding?.partnershipId === partnershipId;
}

export interface PartnershipSummary {
  id: string;
  name: string;
  shortName: string;
  contactEmail: string;
  localityNames: string[];
  adminCount: number;
  createdAt: Date;
}

/** Every partnership of the deployment, for the platform admin. */
export async function listAllPartnerships(db: Db): Promise<PartnershipSummary[]> {
  const rows = await queryRows<{
    id: string;
    name: string;
    short_name: string;
    contact_email: string;
    created_at: string | Date;
    locality_names: string[] | null;
    admin_count: number | string;
  }>(
    db,
    sql`select p.id, p.name, p.short_name, p.contact_email, p.created_at,
          (select array_agg(l.name order by l.name) from localities l
             where l.partnership_id = p.id and l.retired_at is null) as locality_names,
          (select count(*) from partnership_roles pr
             where pr.partnership_id = p.id and pr.role = 'partnership_admin') as admin_count
        from partnerships p order by lower(p.name)`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    shortName: r.short_name,
    contactEmail: r.contact_email,
    localityNames: r.locality_names ?? [],
    adminCount: Number(r.admin_count),
    createdAt: new Date(r.created_at),
  }));
}
