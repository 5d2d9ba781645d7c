/** Uploaded import files kept between preview and confirmation, and the import itself. */
import { randomUUID } from 'node:crypto';
import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.ts';
import {
  type AgencyImportRowJson,
  agencies,
  agencyImports,
  agencyLocalities,
  agencyMemberships,
} from '../../db/schema.ts';
import type { AgencyValues } from './agencies.repository.ts';

/** How long an uploaded file waits for its confirmation. */
export const IMPORT_KEPT_MINUTES = 60;

export async function saveImport(
  db: DbOrTx,
  values: { partnershipId: string; userId: string; fileName: string; rows: AgencyImportRowJson[] },
  now: Date,
): Promise<string> {
  // Files nobody confirmed in time are of no further use.
  await db
    .delete(agencyImports)
    .where(and(eq(agencyImports.partnershipId, values.partnershipId), lt(agencyImports.expiresAt, now)));
  const [row] = await db
    .insert(agencyImports)
    .values({
      ...values,
      expiresAt: new Date(now.getTime() + IMPORT_KEPT_MINUTES * 60_000),
      createdAt: now,
    })
    .returning({ id: agencyImports.id });
  return row!.id;
}

/** The upload, if it belongs to this partnership and was made by this person. */
export async function findImport(db: DbOrTx, partnershipId: string, userId: string, importId: string) {
  const [row] = await db
    .select()
    .from(agencyImports)
    .where(
      and(
        eq(agencyImports.id, importId),
        eq(agencyImports.partnershipId, partnershipId),
        eq(agencyImports.userId, userId),
      ),
    );
  return row ?? null;
}

const CHUNK = 500;

/**
 * Creates every agency of the upload, all or nothing, and marks the upload imported in the same
 * transaction; gives the agencies created, or null (and nothing created) when it had already been
 * imported.
 */
export async function importAgencies(
  db: Db,
  partnershipId: string,
  importId: string,
  rows: AgencyValues[],
  now: Date,
  /** Told how many rows are written so far, after each chunk (the command line's progress bar). */
  onProgress?: (done: number) => void,
): Promise<Array<{ id: string; name: string; leadContactEmail: string | null }> | null> {
  return db.transaction(async (tx) => {
    const claimed = await tx
      .update(agencyImports)
      .set({ importedAt: now, importedCount: rows.length })
      .where(
        and(
          eq(agencyImports.id, importId),
          eq(agencyImports.partnershipId, partnershipId),
          isNull(agencyImports.importedAt),
        ),
      )
      .returning({ id: agencyImports.id });
    if (claimed.length === 0) return null;
    const made: Array<{ id: string; name: string; leadContactEmail: string | null }> = [];
    for (let start = 0; start < rows.length; start += CHUNK) {
      const chunk = rows.slice(start, start + CHUNK);
      // Ids made here, so each membership meets its own agency whatever order rows come back in.
      const created = chunk.map(() => ({ id: randomUUID() }));
      made.push(
        ...chunk.map((v, i) => ({ id: created[i]!.id, name: v.name, leadContactEmail: v.leadContactEmail })),
      );
      await tx.insert(agencies).values(
        chunk.map((v, i) => ({
          id: created[i]!.id,
          name: v.name,
          sector: v.sector,
          section11Basis: v.basis,
          ...v.codes,
          createdAt: now,
        })),
      );
      await tx.insert(agencyMemberships).values(
        chunk.map((v, i) => ({
          partnershipId,
          agencyId: created[i]!.id,
          leadContactEmail: v.leadContactEmail,
          createdAt: now,
        })),
      );
      const served = chunk.flatMap((v, i) =>
        v.localityIds.map((localityId) => ({ partnershipId, agencyId: created[i]!.id, localityId })),
      );
      for (let s = 0; s < served.length; s += CHUNK)
        await tx.insert(agencyLocalities).values(served.slice(s, s + CHUNK));
      onProgress?.(start + chunk.length);
    }
    return made;
  });
}
