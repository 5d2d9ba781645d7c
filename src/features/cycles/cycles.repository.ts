/** Creating an audit cycle: the cycle, its localities, and a return for each invited agency. */
import { and, eq, sql } from 'drizzle-orm';
import { type Db, type DbOrTx, queryRows } from '../../db/client.ts';
import { cycleLocalities, cycles, returns } from '../../db/schema.ts';
import type { CycleValues } from './cycle-form.ts';

export interface PublishedVersion {
  id: string;
  name: string;
  version: number;
  publishedAt: Date | null;
}

export async function publishedVersions(db: DbOrTx, partnershipId: string): Promise<PublishedVersion[]> {
  const rows = await queryRows<{
    id: string;
    name: string;
    version: number;
    published_at: string | Date | null;
  }>(
    db,
    sql`select v.id, t.name, v.version, v.published_at
        from template_versions v join templates t on t.id = v.template_id and t.partnership_id = v.partnership_id
        where v.partnership_id = ${partnershipId} and v.status = 'published'
        order by v.published_at desc nulls last, t.name, v.version desc`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    version: r.version,
    publishedAt: r.published_at === null ? null : new Date(r.published_at),
  }));
}

/** The partnership's active agencies serving any of `localityIds`, in the chosen sectors. */
export async function agenciesToInvite(
  db: DbOrTx,
  partnershipId: string,
  localityIds: string[],
  sectors: string[] | null,
): Promise<string[]> {
  if (localityIds.length === 0) return [];
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select distinct a.id from agencies a
          join agency_memberships am on am.agency_id = a.id and am.partnership_id = ${partnershipId} and am.archived_at is null
          join agency_localities al on al.agency_id = a.id and al.partnership_id = am.partnership_id
        where al.locality_id in (${sql.join(
          localityIds.map((id) => sql`${id}`),
          sql`, `,
        )})
        ${
          sectors
            ? sql`and a.sector in (${sql.join(
                sectors.map((s) => sql`${s}`),
                sql`, `,
              )})`
            : sql``
        }`,
  );
  return rows.map((r) => r.id);
}

export async function createCycle(
  db: Db,
  partnershipId: string,
  values: CycleValues,
  agencyIds: string[],
  now: Date,
): Promise<string> {
  return db.transaction(async (tx) => {
    const [cycle] = await tx
      .insert(cycles)
      .values({
        partnershipId,
        templateVersionId: values.templateVersionId,
        name: values.name,
        opensAt: values.opensAt,
        closesAt: values.closesAt,
        introduction: values.introduction,
        createdAt: now,
      })
      .returning({ id: cycles.id });
    await tx
      .insert(cycleLocalities)
      .values(values.localityIds.map((localityId) => ({ partnershipId, cycleId: cycle!.id, localityId })));
    if (agencyIds.length)
      await tx
        .insert(returns)
        .values(
          agencyIds.map((agencyId) => ({ partnershipId, cycleId: cycle!.id, agencyId, createdAt: now })),
        );
    return cycle!.id;
  });
}

export async function cycleExists(db: DbOrTx, partnershipId: string, name: string): Promise<boolean> {
  const rows = await db
    .select({ id: cycles.id })
    .from(cycles)
    .where(and(eq(cycles.partnershipId, partnershipId), sql`lower(${cycles.name}) = lower(${name})`));
  return rows.length > 0;
}
