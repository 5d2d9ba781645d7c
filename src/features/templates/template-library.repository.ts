/**
 * Sharing published template versions between partnerships, and adopting a template (built-in or
 * shared) as a copy in the partnership's own templates. A share is visible to the partnerships it
 * names (or all); a copy never refers back to the version it was taken from.
 */
import { and, asc, desc, eq, ne, or, sql } from 'drizzle-orm';
import { type Db, type DbOrTx, queryRows } from '../../db/client.ts';
import { partnerships, templateShares, templates, templateVersions, users } from '../../db/schema.ts';
import { sqlArray } from '../../db/sql-array.ts';
import { lockPartnershipTemplates } from './draft-editing.repository.ts';
import type { TemplateDefinition } from './template-definition.ts';
import { uniqueKey } from './template-keys.ts';
import { findVersion, type VersionWithDefinition } from './template-versions.repository.ts';
import { insertTemplateVersion } from './templates.repository.ts';

export interface PartnershipName {
  id: string;
  name: string;
}

/** Every partnership other than this one, by name: those a template can be shared with. */
export async function otherPartnerships(db: DbOrTx, partnershipId: string): Promise<PartnershipName[]> {
  return db
    .select({ id: partnerships.id, name: partnerships.name })
    .from(partnerships)
    .where(ne(partnerships.id, partnershipId))
    .orderBy(asc(partnerships.name));
}

export interface ShareState {
  allPartnerships: boolean;
  recipients: PartnershipName[];
  sharedAt: Date;
}

/** How the partnership's own version is shared, or null when it is not. */
export async function findShare(
  db: DbOrTx,
  partnershipId: string,
  versionId: string,
): Promise<ShareState | null> {
  const [share] = await db
    .select()
    .from(templateShares)
    .where(
      and(eq(templateShares.partnershipId, partnershipId), eq(templateShares.templateVersionId, versionId)),
    );
  if (!share) return null;
  const named = share.allPartnerships
    ? []
    : (await otherPartnerships(db, partnershipId)).filter((p) =>
        share.recipientPartnershipIds.includes(p.id),
      );
  return { allPartnerships: share.allPartnerships, recipients: named, sharedAt: share.sharedAt };
}

/**
 * Shares (or changes the sharing of) a published version of the partnership's; false when the
 * version is not one of its published versions.
 */
export async function shareVersion(
  db: Db,
  partnershipId: string,
  versionId: string,
  audience: { all: true } | { all: false; partnershipIds: string[] },
  userId: string,
  now: Date,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [v] = await tx
      .select({ id: templateVersions.id })
      .from(templateVersions)
      .where(
        and(
          eq(templateVersions.id, versionId),
          eq(templateVersions.partnershipId, partnershipId),
          eq(templateVersions.status, 'published'),
        ),
      )
      .for('update');
    if (!v) return false;
    const values = {
      allPartnerships: audience.all,
      recipientPartnershipIds: audience.all ? [] : audience.partnershipIds,
      sharedBy: userId,
      sharedAt: now,
    };
    await tx
      .insert(templateShares)
      .values({ partnershipId, templateVersionId: versionId, ...values })
      .onConflictDoUpdate({
        target: templateShares.templateVersionId,
        set: values,
        setWhere: eq(templateShares.partnershipId, partnershipId),
      });
    return true;
  });
}

/** Stops sharing the partnership's version; copies already taken stay. False if it was not shared. */
export async function stopSharing(db: DbOrTx, partnershipId: string, versionId: string): Promise<boolean> {
  const rows = await db
    .delete(templateShares)
    .where(
      and(eq(templateShares.partnershipId, partnershipId), eq(templateShares.templateVersionId, versionId)),
    )
    .returning({ id: templateShares.id });
  return rows.length === 1;
}

export interface SharedTemplate {
  versionId: string;
  templateName: string;
  description: string;
  version: number;
  sharerName: string;
  sharedByName: string | null;
  sharedAt: Date;
}

/** Shares from other partnerships this partnership can see: to all, or naming it; published only. */
const visibleTo = (partnershipId: string) =>
  and(
    ne(templateShares.partnershipId, partnershipId),
    or(
      eq(templateShares.allPartnerships, true),
      sql`${partnershipId}::uuid = any(${templateShares.recipientPartnershipIds})`,
    ),
    eq(templateVersions.status, 'published'),
  );

function sharedQuery(db: DbOrTx) {
  return db
    .select({
      versionId: templateVersions.id,
      sharerId: templateShares.partnershipId,
      templateName: templates.name,
      description: templates.description,
      version: templateVersions.version,
      sharerName: partnerships.name,
      sharedByName: users.name,
      sharedAt: templateShares.sharedAt,
    })
    .from(templateShares)
    .innerJoin(
      templateVersions,
      and(
        eq(templateVersions.id, templateShares.templateVersionId),
        eq(templateVersions.partnershipId, templateShares.partnershipId),
      ),
    )
    .innerJoin(
      templates,
      and(
        eq(templates.id, templateVersions.templateId),
        eq(templates.partnershipId, templateShares.partnershipId),
      ),
    )
    .innerJoin(partnerships, eq(partnerships.id, templateShares.partnershipId))
    .leftJoin(users, eq(users.id, templateShares.sharedBy));
}

/** Every template version other partnerships share with this one, newest share first. */
export async function listSharedWith(db: DbOrTx, partnershipId: string): Promise<SharedTemplate[]> {
  const rows = await sharedQuery(db)
    .where(visibleTo(partnershipId))
    .orderBy(desc(templateShares.sharedAt), asc(templates.name));
  return rows.map(({ sharerId: _s, ...r }) => r);
}

/** A version shared with this partnership, with its definition; undefined if it cannot see it. */
export async function findSharedWith(
  db: DbOrTx,
  partnershipId: string,
  versionId: string,
): Promise<
  (SharedTemplate & { version: number; definition: VersionWithDefinition['definition'] }) | undefined
> {
  const [row] = await sharedQuery(db).where(
    and(eq(templateShares.templateVersionId, versionId), visibleTo(partnershipId)),
  );
  if (!row) return undefined;
  // Read with the sharer's id: the share row above is what lets this partnership see it.
  const found = await findVersion(db, row.sharerId, versionId);
  if (!found) return undefined;
  const { sharerId: _s, ...shared } = row;
  // Localities are the sharer's own: another partnership neither sees nor adopts them.
  const definition = {
    ...found.definition,
    themes: found.definition.themes.map(({ localities: _l, ...theme }) => theme),
  };
  return { ...shared, definition };
}

/** A template key of the partnership's not yet used: the key itself, or it with -2, -3, … */
async function freeKey(db: DbOrTx, partnershipId: string, key: string): Promise<string> {
  const taken = await db
    .select({ key: templates.key })
    .from(templates)
    .where(eq(templates.partnershipId, partnershipId));
  return uniqueKey(key, new Set(taken.map((t) => t.key)));
}

/**
 * Copies a definition into the partnership as a new template named `name` (a draft, or published at
 * once); refused when the partnership already has a template of that name.
 */
export async function adoptTemplate(
  db: Db,
  partnershipId: string,
  definition: TemplateDefinition,
  name: string,
  status: 'draft' | 'published',
  now: Date,
): Promise<{ versionId: string } | { nameTaken: true }> {
  return db.transaction(async (tx) => {
    // One new template at a time per partnership (adopted, imported or written), so two cannot take
    // the same key or name.
    await lockPartnershipTemplates(tx, partnershipId);
    const [sameName] = await tx
      .select({ id: templates.id })
      .from(templates)
      .where(and(eq(templates.partnershipId, partnershipId), sql`lower(${templates.name}) = lower(${name})`));
    if (sameName) return { nameTaken: true as const };
    const key = await freeKey(tx, partnershipId, definition.key);
    return {
      versionId: await insertTemplateVersion(tx, partnershipId, { ...definition, key, name }, status, now),
    };
  });
}

/**
 * The admins (their addresses) of those of `partnershipIds` the partnership's share of the version
 * names, to tell them it is shared with them. Their roles are behind the database's wall: a function
 * of the database (migration 0035) gives them to the partnership sharing, for its own share only.
 */
export async function shareRecipientAdmins(
  db: DbOrTx,
  versionId: string,
  partnershipIds: string[],
): Promise<Array<{ partnershipId: string; email: string }>> {
  if (partnershipIds.length === 0) return [];
  const rows = await queryRows<{ partnership_id: string; email: string }>(
    db,
    sql`select partnership_id, email from app_template_share_admins(${versionId}::uuid, ${sqlArray(partnershipIds, 'uuid')})`,
  );
  return rows.map((r) => ({ partnershipId: r.partnership_id, email: r.email }));
}
