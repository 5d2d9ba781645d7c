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
  returns: CycleReturnRow[];
}

/**
 * The cycles of the person's partnerships with all their returns, and the joint cycles they are
 * partners in with the returns of their own member agencies; the latest closing first.
 */
export async function homeCycles(db: DbOrTx, partnershipIds: readonly string[]): Promise<HomeCycle[]> {
  const mine = sql.join(
    partnershipIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const rows =
    partnershipIds.length === 0
      ? []
      : await queryRows<CycleReturnRow>(
          db,
          sql`select c.id as cycle_id, c.name as cycle_name, c.closes_at, p.name as partnership_name,
                c.partnership_id in (${mine}) as runs,
                r.id as return_id, a.name as agency_name, r.status, r.reference
              from cycles c join partnerships p on p.id = c.partnership_id
                join returns r on r.cycle_id = c.id and r.partnership_id = c.partnership_id
                join agencies a on a.id = r.agency_id
              where c.partnership_id in (${mine})
                or exists (select 1 from cycle_partnerships cp
                             join agency_memberships am on am.partnership_id = cp.partnership_id and am.agency_id = r.agency_id
                           where cp.cycle_id = c.id and cp.partnership_id in (${mine}))
              order by c.closes_at desc, a.name`,
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
