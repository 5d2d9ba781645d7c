/**
 * Reading a cycle's returns for the partnership. Every query is scoped by partnership. (Finding the
 * cycle itself, and who may change it, is shared: `src/domain/cycle-access*.ts`.)
 */
import { inArray, type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import type { AgencySector, ReturnStatus } from '../../db/schema.ts';
import { type CycleInfo, runsCycle } from '../../domain/cycle-access.ts';
import { applicableThemes } from '../returns/return-rules.ts';
import { loadReturnStructure } from '../returns/return-structure.repository.ts';
import { type MonitoringRow, monitoringStatus, percent } from './monitoring.ts';

const toDate = (v: string | Date | null): Date | null => (v === null ? null : new Date(v));

type MonitoringCycle = Pick<
  CycleInfo,
  'id' | 'partnershipId' | 'viewerPartnershipId' | 'closesAt' | 'templateVersionId'
>;

/** What is known of a return without reading its progress (completed themes) or its agency's lead. */
export type ReturnRow = Omit<MonitoringRow, 'completedThemes' | 'percentComplete' | 'leadName' | 'leadEmail'>;

/**
 * The cycle's returns as `cycle.viewerPartnershipId` sees them: every one for the partnership running
 * it; for a joint partner, only those of agencies that are its members, with its own localities.
 */
export function loadMonitoringRows(
  db: DbOrTx,
  cycle: MonitoringCycle,
  now: Date,
  /** Only these returns (a page of the API), when given. */
  returnIds?: readonly string[],
): Promise<MonitoringRow[]> {
  return readReturnRows(db, cycle, now, returnIds, true);
}

/**
 * The same returns without their progress or their agency's lead, which the results need neither
 * of: at 10,000 returns, counting completed themes and finding leads is most of the query's time.
 */
export function loadReturnRows(db: DbOrTx, cycle: MonitoringCycle, now: Date): Promise<ReturnRow[]> {
  return readReturnRows(db, cycle, now, undefined, false);
}

/** The rows; without `progress`, their progress and leads are left empty (`loadReturnRows` hides them). */
async function readReturnRows(
  db: DbOrTx,
  cycle: MonitoringCycle,
  now: Date,
  returnIds: readonly string[] | undefined,
  progress: boolean,
): Promise<MonitoringRow[]> {
  if (returnIds?.length === 0) return [];
  const lead = runsCycle(cycle);
  // The returns asked for (the whole cycle, or a page of the API), then their agencies' localities
  // and their completed themes gathered for them all at once rather than looked up return by return.
  // Not materialised: each use reads the returns through its own index (materialising the whole
  // cycle's rows cost 10 to 30 % more at 10,000 returns).
  const chosen = sql`select r.id, r.status, r.reference, r.submitted_at, r.last_activity_at, r.extended_until,
      r.agency_id, r.partnership_id, r.cycle_id, r.locality_ids from returns r
    where r.cycle_id = ${cycle.id} and r.partnership_id = ${cycle.partnershipId}
      ${returnIds ? sql`and ${inArray(sql`r.id`, [...returnIds])}` : sql``}
      ${
        lead
          ? sql``
          : sql`and exists (select 1 from agency_memberships m
                 where m.agency_id = r.agency_id and m.partnership_id = ${cycle.viewerPartnershipId})`
      }`;
  const shownPartnerships = lead
    ? sql`(al.partnership_id = ${cycle.partnershipId} or al.partnership_id in
        (select cp.partnership_id from cycle_partnerships cp where cp.cycle_id = ${cycle.id}))`
    : sql`al.partnership_id = ${cycle.viewerPartnershipId}`;
  // Each return's agency's localities in its own partnership, which decide the themes that apply to
  // it, are kept on the return (migration 0044). Those the viewer is shown (of every partnership of
  // the audit, or the joint partner's own) and its completed themes: for the whole cycle, each
  // gathered at once and joined by its key; for a page's few returns (the monitoring page's 100, an
  // API page), looked up return by return through their indexes: joined to a page, the gathered form
  // was planned on the embedded database as nested loops that aggregated again for every return (a
  // 100-return monitoring page: 69 of its 80 ms).
  const shownLocalities = sql`array_agg(al.locality_id order by al.locality_id) as ids,
      array_agg(l.name order by l.name) as names
    from agency_localities al join localities l on l.id = al.locality_id where ${shownPartnerships}`;
  const completedThemes = sql`array_agg(tr.theme_id) as ids from theme_ratings tr`;
  let gathered = sql``;
  let joined: SQL;
  if (returnIds) {
    joined = sql.join(
      [
        sql`left join lateral (select ${shownLocalities} and al.agency_id = a.id) shown_localities on true`,
        ...(progress
          ? [
              sql`left join lateral (select ${completedThemes} where tr.return_id = r.id
                and tr.partnership_id = r.partnership_id and tr.completed_at is not null) completed on true`,
            ]
          : []),
      ],
      sql` `,
    );
  } else {
    gathered = sql.join(
      [
        sql`, shown_localities as (select al.agency_id, ${shownLocalities}
          and al.agency_id in (select agency_id from chosen) group by al.agency_id)`,
        ...(progress
          ? [
              sql`, completed as (select tr.return_id, ${completedThemes}
                join chosen c on c.id = tr.return_id and c.partnership_id = tr.partnership_id
                where tr.completed_at is not null group by tr.return_id)`,
            ]
          : []),
      ],
      sql` `,
    );
    joined = sql`left join shown_localities on shown_localities.agency_id = a.id
      ${progress ? sql`left join completed on completed.return_id = r.id` : sql``}`;
  }
  // Lists come as JSON, read by the JSON parser built into JavaScript: as PostgreSQL arrays, the
  // driver's parser of array text took some 70 ms of a whole audit's 10,000 rows.
  const query = sql`with chosen as not materialized (${chosen})${gathered}
    select r.id as return_id, r.status, r.reference, r.submitted_at, r.last_activity_at, r.extended_until,
      a.id as agency_id, a.name as agency_name, a.sector, a.section11_basis,
      to_json(r.locality_ids) as theme_locality_ids, to_json(shown_localities.ids) as locality_ids,
      to_json(shown_localities.names) as locality_names,
      ${
        progress
          ? sql`to_json(completed.ids) as completed_theme_ids, lead.name as lead_name, lead.email as lead_email,
      coalesce(am.lead_contact_email,
        (select m.lead_contact_email from agency_memberships m
           join cycle_partnerships cp on cp.partnership_id = m.partnership_id and cp.cycle_id = r.cycle_id
         where m.agency_id = a.id and m.lead_contact_email is not null
         order by m.partnership_id limit 1)) as contact_email`
          : sql`null as completed_theme_ids, null as lead_name, null as lead_email, null as contact_email`
      }
    from chosen r join agencies a on a.id = r.agency_id
      ${joined}
      ${
        progress
          ? sql`left join agency_memberships am on am.agency_id = a.id and am.partnership_id = r.partnership_id
      left join lateral (
        select u.name, u.email from agency_users au join users u on u.id = au.user_id
        where au.agency_id = a.id and au.role = 'agency_lead' order by u.name limit 1
      ) lead on true`
          : sql``
      }`;
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
    theme_locality_ids: string[];
    locality_ids: string[] | null;
    locality_names: string[] | null;
    completed_theme_ids: string[] | null;
    lead_name: string | null;
    lead_email: string | null;
    contact_email: string | null;
  }>(db, query);
  const structure = await loadReturnStructure(db, cycle.partnershipId, cycle.templateVersionId);
  return rows.map((row) => {
    const extendedUntil = toDate(row.extended_until);
    const deadline = extendedUntil && extendedUntil > cycle.closesAt ? extendedUntil : cycle.closesAt;
    const themes = applicableThemes(structure.themes, row.theme_locality_ids, row.sector);
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
