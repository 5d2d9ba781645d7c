/** A partnership's guidance and FAQ pages. */
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { type PartnershipPageKind, partnershipPages, partnerships, users } from '../../db/schema.ts';

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

/**
 * The page's text as stored now ('' before its first save), locked for the rest of the transaction.
 * The partnership's row is locked first, so two first saves of a page never saved queue there
 * (rather than on a placeholder row, which would say the page was updated when nothing was saved).
 */
export async function lockPage(
  db: DbOrTx,
  partnershipId: string,
  kind: PartnershipPageKind,
): Promise<string> {
  await db
    .select({ id: partnerships.id })
    .from(partnerships)
    .where(eq(partnerships.id, partnershipId))
    .for('update');
  const [row] = await db
    .select({ body: partnershipPages.body })
    .from(partnershipPages)
    .where(and(eq(partnershipPages.partnershipId, partnershipId), eq(partnershipPages.kind, kind)))
    .for('update');
  return row?.body ?? '';
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

export interface PublicPartnership {
  id: string;
  name: string;
  shortName: string;
  contactEmail: string;
}

/** The partnership with this short name, when it has made its pages public; null otherwise. */
export async function findPublicPartnership(
  db: DbOrTx,
  shortName: string,
): Promise<PublicPartnership | null> {
  const [row] = await db
    .select({
      id: partnerships.id,
      name: partnerships.name,
      shortName: partnerships.shortName,
      contactEmail: partnerships.contactEmail,
    })
    .from(partnerships)
    .where(and(eq(partnerships.shortName, shortName), eq(partnerships.publicPages, true)));
  return row ?? null;
}

/** Whether the partnership's pages are public, and the short name they are under. */
export async function publicPagesSetting(
  db: DbOrTx,
  partnershipId: string,
): Promise<{ publicPages: boolean; shortName: string }> {
  const [row] = await db
    .select({ publicPages: partnerships.publicPages, shortName: partnerships.shortName })
    .from(partnerships)
    .where(eq(partnerships.id, partnershipId));
  return row ?? { publicPages: false, shortName: '' };
}

export async function setPublicPages(db: DbOrTx, partnershipId: string, publicPages: boolean): Promise<void> {
  await db.update(partnerships).set({ publicPages }).where(eq(partnerships.id, partnershipId));
}
