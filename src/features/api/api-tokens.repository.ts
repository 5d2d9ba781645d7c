/**
 * API tokens: created by a partnership admin, shown once, kept only as their SHA-256 (like sign-in
 * tokens). Each reads its own partnership's data only.
 */
import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { apiTokens, users } from '../../db/schema.ts';
import { randomToken, sha256 } from '../../lib/tokens.ts';

/** Every token starts with this, so it is recognisable (and findable by secret scanners). */
export const TOKEN_PREFIX = 's11_';

export interface ApiTokenSummary {
  id: string;
  name: string;
  prefix: string;
  createdByName: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export async function listApiTokens(db: DbOrTx, partnershipId: string): Promise<ApiTokenSummary[]> {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdByName: users.name,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.createdBy))
    .where(eq(apiTokens.partnershipId, partnershipId))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

/** Creates a token and returns it: the only time it is ever seen. */
export async function createApiToken(
  db: DbOrTx,
  values: { partnershipId: string; name: string; expiresAt: Date | null; createdBy: string; now: Date },
): Promise<{ id: string; token: string }> {
  const token = `${TOKEN_PREFIX}${randomToken()}`;
  const [row] = await db
    .insert(apiTokens)
    .values({
      partnershipId: values.partnershipId,
      name: values.name,
      tokenHash: sha256(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 4),
      createdBy: values.createdBy,
      createdAt: values.now,
      expiresAt: values.expiresAt,
    })
    .returning({ id: apiTokens.id });
  return { id: row!.id, token };
}

/** Revokes a token of the partnership's; false when there is no such token. */
export async function revokeApiToken(
  db: DbOrTx,
  partnershipId: string,
  tokenId: string,
  userId: string,
  now: Date,
): Promise<boolean> {
  const [existing] = await db
    .select({ id: apiTokens.id, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.partnershipId, partnershipId)));
  if (!existing) return false;
  if (!existing.revokedAt)
    await db
      .update(apiTokens)
      .set({ revokedAt: now, revokedBy: userId })
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.partnershipId, partnershipId)));
  return true;
}

export type TokenCheck =
  | { ok: true; tokenId: string; partnershipId: string }
  | { ok: false; reason: 'unknown' | 'revoked' | 'expired' };

/** Whether a presented token may be used now; records its use (at most once a minute). */
export async function checkApiToken(db: DbOrTx, token: string, now: Date): Promise<TokenCheck> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return { ok: false, reason: 'unknown' };
  const [row] = await db
    .select({
      id: apiTokens.id,
      partnershipId: apiTokens.partnershipId,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.tokenHash, sha256(token)));
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.revokedAt) return { ok: false, reason: 'revoked' };
  if (row.expiresAt && row.expiresAt <= now) return { ok: false, reason: 'expired' };
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiTokens.id, row.id),
        or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(now.getTime() - 60_000))),
      ),
    );
  return { ok: true, tokenId: row.id, partnershipId: row.partnershipId };
}
