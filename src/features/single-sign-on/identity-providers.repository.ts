/** Identity providers and the email domains they cover. The platform's has no partnership (null). */
import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { inSystemContext } from '../../db/acting-partnership.ts';
import type { Db, DbOrTx } from '../../db/client.ts';
import { queryRows } from '../../db/client.ts';
import { identityProviderDomains, identityProviders } from '../../db/schema.ts';

export interface IdentityProvider {
  id: string;
  partnershipId: string | null;
  issuer: string;
  clientId: string;
  clientSecretEncrypted: string;
  clientSecretHint: string;
  updatedAt: Date;
  domains: string[];
}

const byOwner = (partnershipId: string | null) =>
  partnershipId === null
    ? isNull(identityProviders.partnershipId)
    : eq(identityProviders.partnershipId, partnershipId);

async function withDomains(
  db: DbOrTx,
  row: typeof identityProviders.$inferSelect,
): Promise<IdentityProvider> {
  const domains = await db
    .select({ domain: identityProviderDomains.domain })
    .from(identityProviderDomains)
    .where(eq(identityProviderDomains.providerId, row.id))
    .orderBy(identityProviderDomains.domain);
  return {
    id: row.id,
    partnershipId: row.partnershipId,
    issuer: row.issuer,
    clientId: row.clientId,
    clientSecretEncrypted: row.clientSecretEncrypted,
    clientSecretHint: row.clientSecretHint,
    updatedAt: row.updatedAt,
    domains: domains.map((d) => d.domain),
  };
}

/** The partnership's provider (or the platform's, for null), if it has one. */
export async function findProvider(
  db: DbOrTx,
  partnershipId: string | null,
): Promise<IdentityProvider | null> {
  const [row] = await db.select().from(identityProviders).where(byOwner(partnershipId));
  return row ? withDomains(db, row) : null;
}

export async function findProviderById(db: DbOrTx, id: string): Promise<IdentityProvider | null> {
  // Only for signing in: before anyone is signed in, whichever partnership (or the platform) set it up.
  return inSystemContext(async () => {
    const [row] = await db.select().from(identityProviders).where(eq(identityProviders.id, id));
    return row ? withDomains(db, row) : null;
  });
}

/** The provider covering this email domain, if any. */
export async function providerIdForDomain(db: DbOrTx, domain: string): Promise<string | null> {
  const [row] = await db
    .select({ providerId: identityProviderDomains.providerId })
    .from(identityProviderDomains)
    .where(eq(identityProviderDomains.domain, domain.toLowerCase()));
  return row?.providerId ?? null;
}

/** Which of these domains another provider (not this owner's) covers already. */
export async function domainsCoveredElsewhere(
  db: DbOrTx,
  partnershipId: string | null,
  domains: string[],
): Promise<string[]> {
  if (domains.length === 0) return [];
  const own = await findProvider(db, partnershipId);
  const rows = await db
    .select({ domain: identityProviderDomains.domain })
    .from(identityProviderDomains)
    .where(
      and(
        inArray(identityProviderDomains.domain, domains),
        own ? ne(identityProviderDomains.providerId, own.id) : undefined,
      ),
    );
  return rows.map((r) => r.domain).sort();
}

export interface ProviderValues {
  issuer: string;
  clientId: string;
  /** A new secret, encrypted, with its hint; null keeps the one stored. */
  secret: { encrypted: string; hint: string } | null;
  domains: string[];
}

/** Sets the owner's provider and its domains (a unique violation when a domain is taken meanwhile). */
export async function saveProvider(
  db: Db,
  partnershipId: string | null,
  values: ProviderValues,
  userId: string,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: identityProviders.id })
      .from(identityProviders)
      .where(byOwner(partnershipId));
    let providerId: string;
    if (existing) {
      providerId = existing.id;
      await tx
        .update(identityProviders)
        .set({
          issuer: values.issuer,
          clientId: values.clientId,
          ...(values.secret
            ? { clientSecretEncrypted: values.secret.encrypted, clientSecretHint: values.secret.hint }
            : {}),
          updatedBy: userId,
          updatedAt: now,
        })
        .where(eq(identityProviders.id, providerId));
      await tx.delete(identityProviderDomains).where(eq(identityProviderDomains.providerId, providerId));
    } else {
      if (!values.secret) throw new Error('a new identity provider needs its client secret');
      const [created] = await tx
        .insert(identityProviders)
        .values({
          partnershipId,
          issuer: values.issuer,
          clientId: values.clientId,
          clientSecretEncrypted: values.secret.encrypted,
          clientSecretHint: values.secret.hint,
          updatedBy: userId,
          updatedAt: now,
          createdAt: now,
        })
        .returning({ id: identityProviders.id });
      providerId = created!.id;
    }
    if (values.domains.length > 0)
      await tx
        .insert(identityProviderDomains)
        .values(values.domains.map((domain) => ({ domain, providerId })));
  });
}

export async function removeProvider(db: DbOrTx, partnershipId: string | null): Promise<void> {
  await db.delete(identityProviders).where(byOwner(partnershipId));
}

/**
 * Whether a provider may sign this person in. The platform's may sign in anyone it covers. A
 * partnership's may sign in only people whose every role is in that partnership (a role in it, or in
 * one of its agencies) and who are not platform admins: an admin who controls a provider cannot use
 * it to become someone who also works for another partnership, or the platform's admin.
 */
export async function providerMaySignIn(
  db: DbOrTx,
  partnershipId: string | null,
  userId: string,
): Promise<boolean> {
  if (partnershipId === null) return true;
  const [row] = await queryRows<{ ok: boolean }>(
    db,
    sql`select
      not u.is_platform_admin
      and not exists (select 1 from partnership_roles pr where pr.user_id = u.id and pr.partnership_id <> ${partnershipId})
      and not exists (
        select 1 from agency_users au where au.user_id = u.id and not exists (
          select 1 from agency_memberships m where m.agency_id = au.agency_id and m.partnership_id = ${partnershipId}))
      and not exists (
        select 1 from agency_users au join agency_memberships m on m.agency_id = au.agency_id
        where au.user_id = u.id and m.partnership_id <> ${partnershipId})
      and (exists (select 1 from partnership_roles pr where pr.user_id = u.id)
           or exists (select 1 from agency_users au where au.user_id = u.id)) as ok
    from users u where u.id = ${userId}`,
  );
  return row?.ok === true;
}
