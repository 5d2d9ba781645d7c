/** The partnerships whose contact an accessibility statement names. */
import { asc, eq, sql } from 'drizzle-orm';
import { inSystemContext } from '../../db/acting-partnership.ts';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/client.ts';
import { partnerships } from '../../db/schema.ts';

export interface StatementPartnership {
  name: string;
  shortName: string;
  contactEmail: string;
}

/** A partnership by its short name (every partnership's statement is public). */
export async function partnershipByShortName(
  db: DbOrTx,
  shortName: string,
): Promise<StatementPartnership | null> {
  const [row] = await db
    .select({
      name: partnerships.name,
      shortName: partnerships.shortName,
      contactEmail: partnerships.contactEmail,
    })
    .from(partnerships)
    .where(eq(partnerships.shortName, shortName));
  return row ?? null;
}

/** Every partnership, for a visitor choosing theirs (the public request form lists them too). */
export async function allPartnerships(db: DbOrTx): Promise<StatementPartnership[]> {
  return db
    .select({
      name: partnerships.name,
      shortName: partnerships.shortName,
      contactEmail: partnerships.contactEmail,
    })
    .from(partnerships)
    .orderBy(asc(sql`lower(${partnerships.name})`));
}

/** The partnerships a person works with: a role in one, or in one of its agencies. */
export async function partnershipsOf(db: DbOrTx, userId: string): Promise<StatementPartnership[]> {
  // Found from the person's own roles, whichever partnership the request acts for (if any yet).
  const rows = await inSystemContext(() =>
    queryRows<{ name: string; short_name: string; contact_email: string }>(
      db,
      sql`select p.name, p.short_name, p.contact_email from partnerships p
        where exists (select 1 from partnership_roles pr where pr.partnership_id = p.id and pr.user_id = ${userId})
           or exists (select 1 from agency_users au join agency_memberships am on am.agency_id = au.agency_id
                      where am.partnership_id = p.id and au.user_id = ${userId})
        order by lower(p.name)`,
    ),
  );
  return rows.map((r) => ({ name: r.name, shortName: r.short_name, contactEmail: r.contact_email }));
}
