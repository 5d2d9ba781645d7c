/** A partnership's guidance and FAQ pages. */
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { type PartnershipPageKind, partnershipPages, users } from '../../db/schema.ts';

export interface PartnershipPage {
  body: string;
  updatedAt: Date | null;
  updatedByName: string | null;
}

export async function findPage(
  db: DbOrTx,
  partnershipId: string,
  kind: PartnershipPageKind,
): Promise<PartnershipPage> {
  const [row] = await db
    .select({ body: partnershipPages.body, updatedAt: partnershipPages.updatedAt, name: users.name })
    .from(partnershipPages)
    .leftJoin(users, eq(users.id, partnershipPages.updatedBy))
    .where(and(eq(partnershipPages.partnershipId, partnershipId), eq(partnershipPages.kind, kind)));
  return row
    ? { body: row.body, updatedAt: row.updatedAt, updatedByName: row.name }
    : { body: '', updatedAt: null, updatedByName: null };
}

export async function savePage(
  db: DbOrTx,
  partnershipId: string,
  kind: PartnershipPageKind,
  body: string,
  userId: string,
  now: Date,
): Promise<void> {
  await db
    .insert(partnershipPages)
    .values({ partnershipId, kind, body, updatedBy: userId, updatedAt: now })
    .onConflictDoUpdate({
      target: [partnershipPages.partnershipId, partnershipPages.kind],
      set: { body, updatedBy: userId, updatedAt: now },
    });
}
