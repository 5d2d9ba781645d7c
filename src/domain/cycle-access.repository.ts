/**
 * Finding an audit cycle for the partnerships a person (or an API token, or a background export)
 * acts for: null when none of them runs it or takes part in it, so the caller answers 404.
 */
import { sql } from 'drizzle-orm';
import { actFor, inSystemContext } from '../db/acting-partnership.ts';
import { type DbOrTx, queryRows } from '../db/client.ts';
import type { PartnershipRole } from '../db/schema.ts';
import { type CycleInfo, type CycleRow, cycleFromRow } from './cycle-access.ts';

/**
 * The cycle, if `user` is an admin or reviewer of the partnership that runs it or of a joint partner
 * (seen through the lead when they have both); null otherwise. Found, the rest of the request acts
 * for the partnership it is seen through (the database's wall: `src/db/acting-partnership.ts`).
 */
export async function findPartnershipCycle(
  db: DbOrTx,
  user: { partnerships: ReadonlyArray<{ partnershipId: string; role: PartnershipRole }> },
  cycleId: string,
): Promise<CycleInfo | null> {
  const cycle = await findCycleForPartnerships(db, user.partnerships, cycleId);
  if (cycle) actFor(cycle.viewerPartnershipId);
  return cycle;
}

/**
 * The cycle, if one of these partnerships runs it or is a joint partner in it (the lead first), seen
 * with the given role in that partnership; null otherwise. Also for callers that are not a person
 * (an API token of one partnership, a background export).
 */
export async function findCycleForPartnerships(
  db: DbOrTx,
  partnerships: ReadonlyArray<{ partnershipId: string; role: PartnershipRole }>,
  cycleId: string,
): Promise<CycleInfo | null> {
  const roles = new Map(partnerships.map((p) => [p.partnershipId, p.role]));
  if (roles.size === 0) return null;
  const mine = sql.join(
    [...roles.keys()].map((id) => sql`${id}`),
    sql`, `,
  );
  // Decided from the partnerships' own roles, before any of them is acted for.
  const [row] = await inSystemContext(() =>
    queryRows<
      CycleRow & {
        localities: Array<{ id: string; name: string }> | null;
        viewer_partnership_id: string;
        joint_partnerships: Array<{ id: string; name: string }> | null;
      }
    >(
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
    ),
  );
  if (!row) return null;
  return cycleFromRow(row, {
    localities: row.localities ?? [],
    role: roles.get(row.viewer_partnership_id)!,
    viewerPartnershipId: row.viewer_partnership_id,
    jointPartnerships: row.joint_partnerships ?? [],
  });
}
