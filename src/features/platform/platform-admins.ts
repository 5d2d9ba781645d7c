/**
 * Platform admins, made from the operator's command line (`npm run platform-admin -- EMAIL`): the
 * first one of a production deployment could otherwise be made only with SQL. A platform admin
 * creates partnerships and their first admins; they see no partnership's agencies, audits or returns.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import { findOrCreateUser, normaliseEmail } from '../auth/users.repository.ts';

export const platformAdminInput = z.object({
  email: z.email({ error: 'Enter an email address in the correct format, like name@example.org' }),
  name: z
    .string()
    .trim()
    .min(1, { error: 'Enter the person’s name' })
    .max(200, { error: 'The name must be 200 characters or fewer' }),
});
export type PlatformAdminInput = z.infer<typeof platformAdminInput>;

export type PlatformAdminOutcome = 'created' | 'promoted' | 'already';

/** Makes the person with this address a platform admin, creating their account if there is none. */
export async function addPlatformAdmin(
  db: DbOrTx,
  input: PlatformAdminInput,
  now: Date,
): Promise<PlatformAdminOutcome> {
  const email = normaliseEmail(input.email);
  const [existing] = await db
    .select({ id: users.id, isPlatformAdmin: users.isPlatformAdmin })
    .from(users)
    .where(eq(users.email, email));
  if (existing?.isPlatformAdmin) return 'already';
  const id = existing?.id ?? (await findOrCreateUser(db, { name: input.name, email }, now));
  await db.update(users).set({ isPlatformAdmin: true }).where(eq(users.id, id));
  return existing ? 'promoted' : 'created';
}
