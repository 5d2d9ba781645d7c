/** What the home page and the privacy notice read: the person's audits and their partnerships. */

import { sql } from 'drizzle-orm';
import { inSystemContext } from '../../db/acting-partnership.ts';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import type { ReturnStatus } from '../../db/schema.ts';

export interface CycleReturnRow {
  cycle_id: string;
  cycle_name: string;
  closes_at: string | Date;
  partnership_name: string;
  /** Whether one of the person's partnerships runs it (not only a joint partner). */
  runs: boolean;
  return_id: string;
  agency_name: string;
  status: ReturnStatus;
  reference: string | null;
}

export interface HomeCycle {
  id: string;
  name: string;
  closesAt: Date;
  partnershipName: string;
  runs: boolean;
  /** The first returns by agency name (`HOME_RETURNS_SHOWN` at most): the audit's page lists them all. */
  returns: CycleReturnRow[];
  /** How many returns the person sees in it, and how many of those were submitted. */
  total: number;
  submitted: number;
}

/**
 * How many of an audit's returns the home page lists. A partnership of 1,000 agencies has 1,000
 * returns an audit, and three audits' worth made the home page 939 KB; the audit's own page lists,
 * filters and pages them all.
 */
export const HOME_RETURNS_SHOWN = 20;

/**
 * The cycles of the person's partnerships with their returns, and the joint cycles they are
 * partners in with the returns of their own member agencies; the latest closing first. Of each, the
 * first `shown` returns by agency name, and how many there are and were submitted.
 */
export async function homeCycles(
  db: DbOrTx,
  partnershipIds: readonly string[],
  shown = HOME_RETURNS_SHOWN,
): Promise<HomeCycle[]> {
  const mine = sql.join(
    partnershipIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const rows =
    partnershipIds.length === 0
      ? []
      : await queryRows<CycleReturnRow & { total: number; submitted: number }>(
          db,
          sql`select * from (
                select c.id as cycle_id, c.name as cycle_name, c.closes_at, p.name as partnership_name,
                  c.partnership_id in (${mine}) as runs,
                  r.id as return_id, a.name as agency_name, r.status, r.reference,
                  row_number() over (partition by c.id order by a.name, r.id) as n,
                  (count(*) over (partition by c.id))::int as total,
                  (count(r.reference) over (partition by c.id))::int as submitted
                from cycles c join partnerships p on p.id = c.partnership_id
                  join returns r on r.cycle_id = c.id and r.partnership_id = c.partnership_id
                  join agencies a on a.id = r.agency_id
                -- The person's audits first (their partnerships' and those they are partners in), so
                -- that only their returns are read: asked of every return with an "or", the
                -- national data's home page read all 27,000 of the deployment's (102 ms against 21).
                where c.id in (select c2.id from cycles c2 where c2.partnership_id in (${mine})
                               union select cp.cycle_id from cycle_partnerships cp where cp.partnership_id in (${mine}))
                  and (c.partnership_id in (${mine})
                    or exists (select 1 from cycle_partnerships cp
                                 join agency_memberships am on am.partnership_id = cp.partnership_id and am.agency_id = r.agency_id
                               where cp.cycle_id = c.id and cp.partnership_id in (${mine})))) x
              where x.n <= ${shown}
              order by x.closes_at desc, x.cycle_id, x.n`,
        );
  const cycles = new Map<string, HomeCycle>();
  for (const row of rows) {
    const cycle = cycles.get(row.cycle_id) ?? {
      id: row.cycle_id,
      name: row.cycle_name,
      closesAt: new Date(row.closes_at),
      partnershipName: row.partnership_name,
      runs: row.runs,
      returns: [],
      total: row.total,
      submitted: row.submitted,
    };
    cycle.returns.push(row);
    cycles.set(row.cycle_id, cycle);
  }
  return [...cycles.values()];
}

/** The partnerships to ask about the person's data: their own roles' and their agencies'. */
export async function privacyContacts(
  db: DbOrTx,
  userId: string,
): Promise<Array<{ name: string; contactEmail: string; retentionYears: number }>> {
  // Found from the person's own roles, whichever partnership the request acts for (if any yet).
  const rows = await inSystemContext(() =>
    queryRows<{ name: string; contact_email: string; retention_years: number }>(
      db,
      sql`select p.name, p.contact_email, p.retention_years from partnerships p
        where p.id in (select partnership_id from partnership_roles where user_id = ${userId})
           or p.id in (select m.partnership_id from agency_memberships m
                       join agency_users au on au.agency_id = m.agency_id
                       where au.user_id = ${userId} and m.archived_at is null)
        order by p.name`,
    ),
  );
  return rows.map((c) => ({
    name: c.name,
    contactEmail: c.contact_email,
    retentionYears: c.retention_years,
  }));
}
