/** Loads the people of the agencies whose returns a message may go to (see agency-recipients.ts). */
import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import type { AgencyAudience } from './agency-recipients.ts';

/**
 * The audience of each return given, in the partnership running its audit. The lead contact is the
 * partnership's own contact for the agency or, in a joint audit where it has none, a partner
 * partnership's.
 */
export async function loadAudiences(
  db: DbOrTx,
  partnershipId: string,
  returnIds: readonly string[],
): Promise<Map<string, AgencyAudience>> {
  const audiences = new Map<string, AgencyAudience>();
  if (returnIds.length === 0) return audiences;
  const ids = sql.join(
    returnIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const rows = await queryRows<{
    return_id: string;
    kind: 'lead' | 'contact' | 'contributor';
    email: string;
    name: string | null;
    theme_ids: string[] | null;
  }>(
    db,
    sql`select r.id as return_id, 'lead' as kind, u.email, u.name, null::uuid[] as theme_ids
          from returns r join agency_users au on au.agency_id = r.agency_id and au.role = 'agency_lead'
          join users u on u.id = au.user_id
        where r.partnership_id = ${partnershipId} and r.id in (${ids})
        union all
        select r.id, 'contact', coalesce(am.lead_contact_email,
            (select m.lead_contact_email from agency_memberships m
               join cycle_partnerships cp on cp.partnership_id = m.partnership_id and cp.cycle_id = r.cycle_id
             where m.agency_id = r.agency_id and m.lead_contact_email is not null
             order by m.partnership_id limit 1)), null, null
          from returns r
          left join agency_memberships am on am.agency_id = r.agency_id and am.partnership_id = r.partnership_id
        where r.partnership_id = ${partnershipId} and r.id in (${ids})
        union all
        select ta.return_id, 'contributor', u.email, u.name, array_agg(ta.theme_id)
          from theme_assignments ta
          join returns r on r.id = ta.return_id
          join agency_users au on au.user_id = ta.user_id and au.agency_id = r.agency_id
          join users u on u.id = ta.user_id
        where ta.partnership_id = ${partnershipId} and ta.return_id in (${ids})
        group by ta.return_id, u.email, u.name
        order by 1, 2, 4`,
  );
  for (const id of returnIds) audiences.set(id, { leads: [], leadContactEmail: null, contributors: [] });
  for (const row of rows) {
    const audience = audiences.get(row.return_id);
    if (!audience) continue;
    if (row.kind === 'lead') audience.leads.push({ email: row.email, name: row.name });
    else if (row.kind === 'contact') audience.leadContactEmail = row.email ?? null;
    else audience.contributors.push({ email: row.email, name: row.name, themeIds: row.theme_ids ?? [] });
  }
  return audiences;
}

/** The audience of one return. */
export async function loadAudience(
  db: DbOrTx,
  partnershipId: string,
  returnId: string,
): Promise<AgencyAudience> {
  return (
    (await loadAudiences(db, partnershipId, [returnId])).get(returnId) ?? {
      leads: [],
      leadContactEmail: null,
      contributors: [],
    }
  );
}
