/** Creating an audit cycle: the cycle, its localities, and a return for each invited agency. */
import { and, eq, ne, sql } from 'drizzle-orm';
import { type Db, type DbOrTx, queryRows } from '../../db/client.ts';
import { type AgencySector, cycleLocalities, cycles, returns } from '../../db/schema.ts';
import { sqlArray } from '../../db/sql-array.ts';
import { carryForwardReturn } from '../returns/carry-forward.repository.ts';
import { recordHistory } from '../returns/returns.repository.ts';
import type { CycleDetailsValues, CycleValues } from './cycle-form.ts';

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

/**
 * Other partnerships sharing at least one active agency with this one: those it can run an audit
 * jointly with. Their memberships are behind the database's wall: the functions of migration 0035
 * read what setting up a joint audit needs of them, for the acting partnership only.
 */
export async function jointPartnershipChoices(
  db: DbOrTx,
  partnershipId: string,
): Promise<Array<{ id: string; name: string }>> {
  return queryRows<{ id: string; name: string }>(
    db,
    sql`select p.id, p.name from partnerships p
        where p.id = any(app_joint_choices(${partnershipId}::uuid))
        order by p.name`,
  );
}

/** The active localities of each joint partner: all of them take part. */
export async function partnerLocalities(
  db: DbOrTx,
  partnerIds: string[],
): Promise<Array<{ partnershipId: string; localityId: string }>> {
  if (partnerIds.length === 0) return [];
  const rows = await queryRows<{ partner_id: string; locality_id: string }>(
    db,
    sql`select partner_id, locality_id from app_joint_partner_localities(${sqlArray(partnerIds, 'uuid')})`,
  );
  return rows.map((r) => ({ partnershipId: r.partner_id, localityId: r.locality_id }));
}

/** The partnership's (or a joint partner's) active agencies serving any of `localityIds`, in the chosen sectors. */
export async function agenciesToInvite(
  db: DbOrTx,
  partnershipId: string,
  localityIds: string[],
  sectors: string[] | null,
): Promise<string[]> {
  if (localityIds.length === 0) return [];
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select invited.id from app_agencies_to_invite(${partnershipId}::uuid, ${sqlArray(localityIds, 'uuid')},
          ${sectors ? sqlArray(sectors, 'text') : sql`null::text[]`}) as invited(id)`,
  );
  return rows.map((r) => r.id);
}

/**
 * Sets the cycle up with a return for each agency; with carry forward, each return is pre-filled
 * from the agency's last submitted return. Returns the cycle id and how many returns were pre-filled.
 */
export async function createCycle(
  db: Db,
  partnershipId: string,
  values: CycleValues,
  agencyIds: string[],
  userId: string,
  now: Date,
  /** Joint partners, and the localities each brings. */
  partners: Array<{ partnershipId: string; localityIds: string[] }> = [],
): Promise<{ cycleId: string; carriedForward: number }> {
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
        kind: values.kind,
        focusQuestionIds: values.focusQuestionIds,
        carryForward: values.carryForward,
        createdAt: now,
      })
      .returning({ id: cycles.id });
    await tx
      .insert(cycleLocalities)
      .values(values.localityIds.map((localityId) => ({ partnershipId, cycleId: cycle!.id, localityId })));
    for (const partner of partners) {
      // The partner's row, which the wall would refuse before the audit links them.
      const [joined] = await queryRows<{ added: boolean }>(
        tx,
        sql`select app_add_joint_partner(${cycle!.id}::uuid, ${partner.partnershipId}::uuid,
              ${now.toISOString()}::timestamptz) as added`,
      );
      if (!joined?.added) throw new Error('The joint partner is no longer one the partnership may choose');
      if (partner.localityIds.length)
        await tx.insert(cycleLocalities).values(
          partner.localityIds.map((localityId) => ({
            partnershipId: partner.partnershipId,
            cycleId: cycle!.id,
            localityId,
          })),
        );
    }
    const { carriedForward } = await insertReturns(
      tx,
      partnershipId,
      { id: cycle!.id, templateVersionId: values.templateVersionId, carryForward: values.carryForward },
      agencyIds,
      userId,
      now,
    );
    return { cycleId: cycle!.id, carriedForward };
  });
}

/**
 * Creates a return in the cycle for each agency (with its own deadline, when given); with carry
 * forward, each is pre-filled from the agency's last submitted return in the partnership.
 */
async function insertReturns(
  tx: DbOrTx,
  partnershipId: string,
  cycle: { id: string; templateVersionId: string; carryForward: boolean },
  agencyIds: string[],
  userId: string,
  now: Date,
  extendedUntil: Date | null = null,
  extensionReason: string | null = null,
): Promise<{ created: Array<{ id: string; agencyId: string }>; carriedForward: number }> {
  const created = agencyIds.length
    ? await tx
        .insert(returns)
        .values(
          agencyIds.map((agencyId) => ({
            partnershipId,
            cycleId: cycle.id,
            agencyId,
            extendedUntil,
            extensionReason,
            createdAt: now,
          })),
        )
        .returning({ id: returns.id, agencyId: returns.agencyId })
    : [];
  let carriedForward = 0;
  if (cycle.carryForward) {
    for (const r of created) {
      const result = await carryForwardReturn(
        tx,
        partnershipId,
        {
          returnId: r.id,
          agencyId: r.agencyId,
          cycleId: cycle.id,
          templateVersionId: cycle.templateVersionId,
        },
        userId,
        now,
      );
      if (result) carriedForward++;
    }
  }
  return { created, carriedForward };
}

/** The partnership's active agencies with no return in the cycle yet: those that can join it late. */
export async function agenciesNotInCycle(
  db: DbOrTx,
  partnershipId: string,
  cycleId: string,
): Promise<Array<{ id: string; name: string; sector: AgencySector }>> {
  return queryRows<{ id: string; name: string; sector: AgencySector }>(
    db,
    sql`select a.id, a.name, a.sector from agencies a
          join agency_memberships am on am.agency_id = a.id and am.partnership_id = ${partnershipId}
        where am.archived_at is null
          and not exists (select 1 from returns r
                          where r.cycle_id = ${cycleId} and r.partnership_id = ${partnershipId} and r.agency_id = a.id)
        order by lower(a.name), a.id`,
  );
}

/**
 * Adds agencies to a cycle already set up: a return each (pre-filled as when the cycle was set up),
 * with the cycle's deadline or their own, each recorded in the return's history. Agencies that
 * joined the cycle meanwhile are left as they are. Returns how many were added and pre-filled.
 */
export async function addAgenciesToCycle(
  db: Db,
  partnershipId: string,
  cycle: { id: string; templateVersionId: string; carryForward: boolean },
  agencyIds: string[],
  deadline: { until: Date; label: string } | null,
  userId: string,
  now: Date,
): Promise<{ added: number; carriedForward: number }> {
  return db.transaction(async (tx) => {
    // The cycle locked, so two admins adding the same agency at once make one return.
    await tx
      .select({ id: cycles.id })
      .from(cycles)
      .where(and(eq(cycles.id, cycle.id), eq(cycles.partnershipId, partnershipId)))
      .for('update');
    const free = new Set((await agenciesNotInCycle(tx, partnershipId, cycle.id)).map((a) => a.id));
    const reason = 'Added to the audit after it was set up, with a deadline of its own';
    const { created, carriedForward } = await insertReturns(
      tx,
      partnershipId,
      cycle,
      agencyIds.filter((id) => free.has(id)),
      userId,
      now,
      deadline?.until ?? null,
      deadline ? reason : null,
    );
    for (const r of created)
      await recordHistory(tx, partnershipId, r.id, userId, now, [
        {
          event: 'added_to_cycle',
          field: 'Audit',
          newValue: 'Added after the audit was set up',
          note: deadline ? `Its own deadline: ${deadline.label}` : null,
        },
      ]);
    return { added: created.length, carriedForward };
  });
}

export interface CycleSettings {
  id: string;
  partnershipId: string;
  name: string;
  kind: CycleDetailsValues['kind'] | null;
  introduction: string;
  focusQuestionIds: string[];
  carryForward: boolean;
  templateVersionId: string;
}

export async function loadCycleSettings(
  db: DbOrTx,
  partnershipId: string,
  cycleId: string,
): Promise<CycleSettings | null> {
  const [row] = await db
    .select({
      id: cycles.id,
      partnershipId: cycles.partnershipId,
      name: cycles.name,
      kind: cycles.kind,
      introduction: cycles.introduction,
      focusQuestionIds: cycles.focusQuestionIds,
      carryForward: cycles.carryForward,
      templateVersionId: cycles.templateVersionId,
    })
    .from(cycles)
    .where(and(eq(cycles.id, cycleId), eq(cycles.partnershipId, partnershipId)));
  return row ?? null;
}

export async function updateCycleDetails(
  db: DbOrTx,
  partnershipId: string,
  cycleId: string,
  values: CycleDetailsValues,
): Promise<void> {
  await db
    .update(cycles)
    .set(values)
    .where(and(eq(cycles.id, cycleId), eq(cycles.partnershipId, partnershipId)));
}

export async function cycleExists(
  db: DbOrTx,
  partnershipId: string,
  name: string,
  exceptCycleId?: string,
): Promise<boolean> {
  const rows = await db
    .select({ id: cycles.id })
    .from(cycles)
    .where(
      and(
        eq(cycles.partnershipId, partnershipId),
        sql`lower(${cycles.name}) = lower(${name})`,
        exceptCycleId ? ne(cycles.id, exceptCycleId) : undefined,
      ),
    );
  return rows.length > 0;
}

/** The cycle's editable details as stored, locked until the transaction ends (the conflict rule). */
export async function lockCycleDetails(
  db: DbOrTx,
  partnershipId: string,
  cycleId: string,
): Promise<{ name: string; kind: string; introduction: string; focusQuestionIds: string[] } | null> {
  const [row] = await db
    .select({
      name: cycles.name,
      kind: cycles.kind,
      introduction: cycles.introduction,
      focusQuestionIds: cycles.focusQuestionIds,
    })
    .from(cycles)
    .where(and(eq(cycles.id, cycleId), eq(cycles.partnershipId, partnershipId)))
    .for('update');
  return row ? { ...row, kind: row.kind ?? '' } : null;
}
