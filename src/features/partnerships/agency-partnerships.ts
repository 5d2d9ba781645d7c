/** The partnerships a person's agencies belong to (an agency may belong to several). */
import { sql } from 'drizzle-orm';
import { inSystemContext } from '../../db/acting-partnership.ts';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import type { CurrentUser } from '../auth/users.repository.ts';

export interface AgencyPartnership {
  agencyId: string;
  agencyName: string;
  partnershipId: string;
  partnershipName: string;
  partnershipContactEmail: string;
}

/** Every (agency, partnership) pair the person works in as an agency user; archived memberships left out. */
export async function agencyPartnershipsFor(db: DbOrTx, user: CurrentUser): Promise<AgencyPartnership[]> {
  if (user.agencies.length === 0) return [];
  const agencyIds = user.agencies.map((a) => sql`${a.agencyId}`);
  // Found from the person's own agencies, whichever partnership the request acts for (if any yet).
  const rows = await inSystemContext(() =>
    queryRows<{
      agency_id: string;
      agency_name: string;
      partnership_id: string;
      partnership_name: string;
      contact_email: string;
    }>(
      db,
      sql`select a.id as agency_id, a.name as agency_name, p.id as partnership_id, p.name as partnership_name,
          p.contact_email
        from agency_memberships am join agencies a on a.id = am.agency_id
          join partnerships p on p.id = am.partnership_id
        where am.agency_id in (${sql.join(agencyIds, sql`, `)}) and am.archived_at is null
        order by p.name, a.name`,
    ),
  );
  return rows.map((r) => ({
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    partnershipId: r.partnership_id,
    partnershipName: r.partnership_name,
    partnershipContactEmail: r.contact_email,
  }));
}
