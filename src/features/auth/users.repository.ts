import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { readRows, statement } from '../../db/prepared.ts';
import { type AgencyRole, type PartnershipRole, users } from '../../db/schema.ts';
import { type DisplaySettings, displaySettingsFrom } from '../../lib/display-settings.ts';

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  isPlatformAdmin: boolean;
  agencies: Array<{ agencyId: string; agencyName: string; role: AgencyRole }>;
  partnerships: Array<{ partnershipId: string; partnershipName: string; role: PartnershipRole }>;
  /** Their display settings, or null when they have chosen none (the GOV.UK look). */
  display?: DisplaySettings | null;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(db: DbOrTx, email: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)));
  return row ?? null;
}

/**
 * The signed-in user's columns, for a query with `users u`: the user with their agency and
 * partnership roles in one row. The session query reads them with the session (one trip a request).
 */
export const CURRENT_USER_COLUMNS = `u.id as user_id_, u.email as user_email, u.name as user_name,
  u.is_platform_admin as user_is_platform_admin, u.display_settings as user_display_settings,
  (select json_agg(json_build_object('agencyId', a.id, 'agencyName', a.name, 'role', au.role) order by a.name)
     from agency_users au join agencies a on a.id = au.agency_id where au.user_id = u.id) as user_agencies,
  (select json_agg(json_build_object('partnershipId', p.id, 'partnershipName', p.name, 'role', pr.role) order by p.name)
     from partnership_roles pr join partnerships p on p.id = pr.partnership_id where pr.user_id = u.id) as user_partnerships`;

/** The user from a row holding `CURRENT_USER_COLUMNS`, or null when the row has none. */
export function currentUserFromRow(row: Record<string, unknown>): CurrentUser | null {
  if (row.user_id_ === null || row.user_id_ === undefined) return null;
  return {
    id: row.user_id_ as string,
    email: row.user_email as string,
    name: row.user_name as string,
    isPlatformAdmin: row.user_is_platform_admin as boolean,
    agencies: (row.user_agencies as CurrentUser['agencies'] | null) ?? [],
    partnerships: (row.user_partnerships as CurrentUser['partnerships'] | null) ?? [],
    display: displaySettingsFrom(row.user_display_settings),
  };
}

const CURRENT_USER = statement('current_user', `select ${CURRENT_USER_COLUMNS} from users u where u.id = $1`);

/** The user with their agency and partnership roles, in one query. */
export async function loadCurrentUser(db: DbOrTx, userId: string): Promise<CurrentUser | null> {
  const [row] = await readRows<Record<string, unknown>>(db, CURRENT_USER, [userId]);
  return row ? currentUserFromRow(row) : null;
}

/** The user with this email address, created with `name` if there is none. */
export async function findOrCreateUser(
  db: DbOrTx,
  person: { name: string; email: string },
  now: Date,
): Promise<string> {
  const email = normaliseEmail(person.email);
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (existing) return existing.id;
  const [created] = await db
    .insert(users)
    .values({ email, name: person.name, createdAt: now })
    .returning({ id: users.id });
  return created!.id;
}

/** Notes when the person signed in (shown to the partnership on its people pages). */
export async function recordSignIn(db: DbOrTx, userId: string, now: Date): Promise<void> {
  await db.update(users).set({ lastSignedInAt: now }).where(eq(users.id, userId));
}
