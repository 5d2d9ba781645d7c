/** Database access for theme assignments. Every function takes the partnership id and filters by it. */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/client.ts';
import { agencyUsers, themeAssignments, users } from '../../db/schema.ts';

export interface Assignee {
  themeId: string;
  userId: string;
  name: string;
  email: string;
}

/** Who is assigned to each theme of a return, by name. */
export async function listAssignments(
  db: DbOrTx,
  partnershipId: string,
  returnId: string,
  themeId?: string,
): Promise<Assignee[]> {
  return db
    .select({
      themeId: themeAssignments.themeId,
      userId: themeAssignments.userId,
      name: users.name,
      email: users.email,
    })
    .from(themeAssignments)
    .innerJoin(users, eq(users.id, themeAssignments.userId))
    .where(
      and(
        eq(themeAssignments.partnershipId, partnershipId),
        eq(themeAssignments.returnId, returnId),
        themeId ? eq(themeAssignments.themeId, themeId) : undefined,
      ),
    )
    .orderBy(asc(sql`lower(${users.name})`));
}

export interface Contributor {
  userId: string;
  name: string;
  email: string;
}

/** The agency's contributors: the people a lead can assign themes to. */
export async function listContributors(db: DbOrTx, agencyId: string): Promise<Contributor[]> {
  return db
    .select({ userId: users.id, name: users.name, email: users.email })
    .from(agencyUsers)
    .innerJoin(users, eq(users.id, agencyUsers.userId))
    .where(and(eq(agencyUsers.agencyId, agencyId), eq(agencyUsers.role, 'contributor')))
    .orderBy(asc(sql`lower(${users.name})`));
}

export async function addAssignments(
  tx: DbOrTx,
  partnershipId: string,
  returnId: string,
  themeId: string,
  userIds: string[],
  assignedBy: string,
  now: Date,
): Promise<void> {
  if (userIds.length === 0) return;
  await tx
    .insert(themeAssignments)
    .values(
      userIds.map((userId) => ({ partnershipId, returnId, themeId, userId, assignedBy, createdAt: now })),
    )
    .onConflictDoNothing();
}

export async function removeAssignments(
  tx: DbOrTx,
  partnershipId: string,
  returnId: string,
  themeId: string,
  userIds: string[],
): Promise<void> {
  if (userIds.length === 0) return;
  await tx
    .delete(themeAssignments)
    .where(
      and(
        eq(themeAssignments.partnershipId, partnershipId),
        eq(themeAssignments.returnId, returnId),
        eq(themeAssignments.themeId, themeId),
        inArray(themeAssignments.userId, userIds),
      ),
    );
}

export interface LastChange {
  name: string | null;
  /** Made by someone who is not one of the agency's people: the partnership (reopening a theme). */
  byPartnership: boolean;
  at: Date;
}

/** The last change to each theme's answers or rating: who made it (the agency or the partnership) and when. */
export async function lastChangesByTheme(
  db: DbOrTx,
  partnershipId: string,
  returnId: string,
): Promise<Map<string, LastChange>> {
  const rows = await queryRows<{
    theme_id: string;
    user_name: string | null;
    by_partnership: boolean;
    changed_at: string | Date;
  }>(
    db,
    sql`
    select distinct on (c.theme_id) c.theme_id, u.name as user_name, c.changed_at,
      (c.user_id is not null and not exists (
        select 1 from agency_users au join returns r on r.agency_id = au.agency_id
        where r.id = ${returnId} and r.partnership_id = ${partnershipId} and au.user_id = c.user_id
      )) as by_partnership
    from (
      select q.theme_id, a.updated_by as user_id, a.updated_at as changed_at
        from answers a join template_questions q on q.id = a.question_id
        where a.partnership_id = ${partnershipId} and a.return_id = ${returnId}
      union all
      select tr.theme_id, tr.updated_by, tr.updated_at
        from theme_ratings tr
        where tr.partnership_id = ${partnershipId} and tr.return_id = ${returnId}
    ) c left join users u on u.id = c.user_id
    order by c.theme_id, c.changed_at desc`,
  );
  return new Map(
    rows.map((r) => [
      r.theme_id,
      {
        name: r.user_name,
        byPartnership: r.by_partnership,
        at: r.changed_at instanceof Date ? r.changed_at : new Date(r.changed_at),
      },
    ]),
  );
}
