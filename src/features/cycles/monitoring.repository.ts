/** Reading a cycle and its returns for the partnership. Every query is scoped by partnership. */
import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import type { AgencySector, CycleKind, ReturnStatus } from '../../db/schema.ts';
import { forbidden } from '../../lib/http-errors.ts';
import type { CurrentUser } from '../auth/users.repository.ts';
import { applicableThemes } from '../returns/return-rules.ts';
import { loadReturnStructure } from '../returns/return-structure.repository.ts';
import { type MonitoringRow, monitoringStatus, percent } from './monitoring.ts';

export interface CycleInfo {
  id: string;
  partnershipId: string;
  partnershipName: string;
  name: string;
  opensAt: Date;
  closesAt: Date;
  templateVersionId: string;
  /** The localities taking part that the viewer sees: all of them for the lead, its own for a partner. */
  localities: Array<{ id: string; name: string }>;
  /** The person's role in the partnership through which they see the cycle. */
  role: 'partnership_admin' | 'reviewer';
  /** That partnership: the one running the cycle (the lead), or a joint partner. */
  viewerPartnershipId: string;
  /** The other partnerships taking part in a joint cycle (none for most cycles). */
  jointPartnerships: Array<{ id: string; name: string }>;
  kind: CycleKind | null;
  introduction: string;
  focusQuestionIds: string[];
  carryForward: boolean;
}

const toDate = (v: string | Date | null): Date | null => (v === null ? null : new Date(v));

/** Whether the person sees the cycle through the partnership that runs it (not as a joint partner). */
export function runsCycle(cycle: Pick<CycleInfo, 'partnershipId' | 'viewerPartnershipId'>): boolean {
  return cycle.viewerPartnershipId === cycle.partnershipId;
}

/** Whether the person may change the cycle: an admin of the partnership that runs it. */
export function managesCycle(
  cycle: Pick<CycleInfo, 'partnershipId' | 'viewerPartnershipId' | 'role'>,
): boolean {
  return runsCycle(cycle) && cycle.role === 'partnership_admin';
}

/** Refuses (403) a reviewer, or a joint partner, what only the lead partnership's admins may do. */
export function assertManagesCycle(
  cycle: Pick<CycleInfo, 'partnershipId' | 'viewerPartnershipId' | 'role' | 'partnershipName'>,
  adminOnly: string,
): void {
  if (!runsCycle(cycle))
    throw forbidden(
      `This is a joint audit run by ${cycle.partnershipName}: only its partnership admins can change it.`,
    );
  if (cycle.role !== 'partnership_admin') throw forbidden(adminOnly);
}

/**
 * The cycle, if `user` is an admin or reviewer of the partnership that runs it or of a joint partner
 * (seen through the lead when they have both); null otherwise.
 */
export async function findPartnershipCycle(
  db: DbOrTx,
  user: CurrentUser,
  cycleId: string,
): Promise<CycleInfo | null> {
  return findCycleForPartnerships(db, user.partnerships, cycleId);
}

/**
 * The cycle, if one of these partnerships runs it or is a joint partner in it (the lead first), seen
 * with the given role in that partnership; null otherwise. Also for callers that are not a person
 * (an API token of one partnership, a background export).
 */
export async function findCycleForPartnerships(
  db: DbOrTx,
  partnerships: ReadonlyArray<{ partnershipId: string; role: 'partnership_admin' | 'reviewer' }>,
  cycleId: string,
): Promise<CycleInfo | null> {
  const roles = new Map(partnerships.map((p) => [p.partnershipId, p.role]));
  if (roles.size === 0) return null;
  const mine = sql.join(
    [...roles.keys()].map((id) => sql`${id}`),
    sql`, `,
  );
  const [row] = await queryRows<{
    id: string;
    partnership_id: string;
    partnership_name: string;
    name: string;
    opens_at: string | Date;
    closes_at: string | Date;
    template_version_id: string;
    localities: Array<{ id: string; name: string }> | null;
    kind: CycleKind | null;
    introduction: string;
    focus_question_ids: string[] | null;
    carry_forward: boolean;
    viewer_partnership_id: string;
    joint_partnerships: Array<{ id: string; name: string }> | null;
  }>(
    db,
    sql`select v.*,
          (select json_agg(json_build_object('id', l.id, 'name', l.name) order by l.name)
             from cycle_localities cl join localities l on l.id = cl.locality_id and l.partnership_id = cl.partnership_id
             where cl.cycle_id = v.id
               and (cl.partnership_id = v.viewer_partnership_id or v.viewer_partnership_id = v.partnership_id)) as localities
        from (
          select c.id, c.partnership_id, p.name as partnership_name, c.name, c.opens_at, c.closes_at, c.template_version_id,
            c.kind, c.introduction, c.focus_question_ids, c.carry_forward,
            case when c.partnership_id in (${mine}) then c.partnership_id
              else (select cp.partnership_id from cycle_partnerships cp
                    where cp.cycle_id = c.id and cp.partnership_id in (${mine}) order by cp.partnership_id limit 1)
            end as viewer_partnership_id,
            (select json_agg(json_build_object('id', jp.id, 'name', jp.name) order by jp.name)
               from cycle_partnerships cp join partnerships jp on jp.id = cp.partnership_id
               where cp.cycle_id = c.id) as joint_partnerships
          from cycles c join partnerships p on p.id = c.partnership_id
          where c.id = ${cycleId}
        ) v
        where v.viewer_partnership_id is not null`,
  );
  if (!row) return null;
  return {
    id: row.id,
    partnershipId: row.partnership_id,
    partnershipName: row.partnership_name,
    name: row.name,
    opensAt: toDate(row.opens_at)!,
    closesAt: toDate(row.closes_at)!,
    templateVersionId: row.template_version_id,
    localities: row.localities ?? [],
    role: roles.get(row.viewer_partnership_id)!,
    viewerPartnershipId: row.viewer_partnership_id,
    jointPartnerships: row.joint_partnerships ?? [],
    kind: row.kind,
    introduction: row.introduction,
    focusQuestionIds: row.focus_question_ids ?? [],
    carryForward: row.carry_forward,
  };
}

/**
 * The cycle's returns as `cycle.viewerPartnershipId` sees them: every one for the partnership running
 * it; for a joint partner, only those of agencies that are its members, with its own localities.
 */
export async function loadMonitoringRows(
  db: DbOrTx,
  cycle: Pick<CycleInfo, 'id' | 'partnershipId' | 'viewerPartnershipId' | 'closesAt' | 'templateVersionId'>,
  now: Date,
  /** Only these returns (a page of the API), when given. */
  returnIds?: readonly string[],
): Promise<MonitoringRow[]> {
  if (returnIds?.length === 0) return [];
  const lead = runsCycle(cycle);
  const shownLocalities = lead
    ? sql`(al.partnership_id = r.partnership_id or al.partnership_id in
            (select cp.partnership_id from cycle_partnerships cp where cp.cycle_id = r.cycle_id))`
    : sql`al.partnership_id = ${cycle.viewerPartnershipId}`;
  const rows = await queryRows<{
    return_id: string;
    status: ReturnStatus;
    reference: string | null;
    submitted_at: string | Date | null;
    last_activity_at: string | Date | null;
    extended_until: string | Date | null;
    agency_id: string;
    agency_name: string;
    sector: AgencySector;
    section11_basis: 'statutory' | 'voluntary';
    theme_locality_ids: string[] | null;
    locality_ids: string[] | null;
    locality_names: string[] | null;
    completed_theme_ids: string[] | null;
    lead_name: string | null;
    lead_email: string | null;
    contact_email: string | null;
  }>(
    db,
    sql`select r.id as return_id, r.status, r.reference, r.submitted_at, r.last_activity_at, r.extended_until,
          a.id as agency_id, a.name as agency_name, a.sector, a.section11_basis,
          (select array_agg(al.locality_id) from agency_localities al
             where al.agency_id = a.id and al.partnership_id = r.partnership_id) as theme_locality_ids,
          (select array_agg(al.locality_id) from agency_localities al
             where al.agency_id = a.id and ${shownLocalities}) as locality_ids,
          (select array_agg(l.name order by l.name) from agency_localities al join localities l on l.id = al.locality_id
             where al.agency_id = a.id and ${shownLocalities}) as locality_names,
          (select array_agg(tr.theme_id) from theme_ratings tr
             where tr.return_id = r.id and tr.partnership_id = r.partnership_id and tr.completed_at is not null) as completed_theme_ids,
          lead.name as lead_name, lead.email as lead_email,
          coalesce(am.lead_contact_email,
            (select m.lead_contact_email from agency_memberships m
               join cycle_partnerships cp on cp.partnership_id = m.partnership_id and cp.cycle_id = r.cycle_id
             where m.agency_id = a.id and m.lead_contact_email is not null
             order by m.partnership_id limit 1)) as contact_email
        from returns r
          join agencies a on a.id = r.agency_id
          left join agency_memberships am on am.agency_id = a.id and am.partnership_id = r.partnership_id
          left join lateral (
            select u.name, u.email from agency_users au join users u on u.id = au.user_id
            where au.agency_id = a.id and au.role = 'agency_lead' order by u.name limit 1
          ) lead on true
        where r.cycle_id = ${cycle.id} and r.partnership_id = ${cycle.partnershipId}
          ${
            returnIds
              ? sql`and r.id in (${sql.join(
                  returnIds.map((id) => sql`${id}`),
                  sql`, `,
                )})`
              : sql``
          }
          ${
            lead
              ? sql``
              : sql`and exists (select 1 from agency_memberships m
                       where m.agency_id = r.agency_id and m.partnership_id = ${cycle.viewerPartnershipId})`
          }`,
  );
  const structure = await loadReturnStructure(db, cycle.partnershipId, cycle.templateVersionId);
  return rows.map((row) => {
    const extendedUntil = toDate(row.extended_until);
    const deadline = extendedUntil && extendedUntil > cycle.closesAt ? extendedUntil : cycle.closesAt;
    const themes = applicableThemes(structure.themes, row.theme_locality_ids ?? [], row.sector);
    const completed = themes.filter((t) => (row.completed_theme_ids ?? []).includes(t.id)).length;
    return {
      returnId: row.return_id,
      agencyId: row.agency_id,
      agencyName: row.agency_name,
      sector: row.sector,
      statutory: row.section11_basis === 'statutory',
      localityIds: row.locality_ids ?? [],
      localityNames: row.locality_names ?? [],
      returnStatus: row.status,
      status: monitoringStatus(row.status, deadline, now, cycle.closesAt),
      themeIds: themes.map((t) => t.id),
      completedThemes: completed,
      totalThemes: themes.length,
      percentComplete: percent(completed, themes.length),
      lastActivityAt: toDate(row.last_activity_at),
      submittedAt: toDate(row.submitted_at),
      reference: row.reference,
      leadName: row.lead_name,
      leadEmail: row.lead_email ?? row.contact_email,
      deadline,
      extendedUntil,
    };
  });
}
