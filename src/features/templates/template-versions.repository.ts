/**
 * A partnership's templates and their versions, for its admins: listing, reading a version back as
 * a definition, and the one-way status changes (draft → published → retired). A published version
 * never changes: only a draft can be published or deleted, only a published version retired.
 */
import { and, asc, desc, eq, notExists } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.ts';
import { templates, templateVersions, type VersionStatus } from '../../db/schema.ts';
import { listLocalities } from '../partnerships/partnerships.repository.ts';
import { loadEditableVersion, lockPartnershipTemplates } from './draft-editing.repository.ts';
import { responseScale, type TemplateDefinition } from './template-definition.ts';
import { localityName } from './template-file.ts';
import { insertTemplateVersion } from './templates.repository.ts';

export type { VersionStatus };

export interface VersionSummary {
  id: string;
  version: number;
  status: VersionStatus;
  publishedAt: Date | null;
  createdAt: Date;
}

export interface TemplateSummary {
  id: string;
  key: string;
  name: string;
  versions: VersionSummary[];
}

/** Every template of the partnership with its versions, newest version first. */
export async function listTemplates(db: DbOrTx, partnershipId: string): Promise<TemplateSummary[]> {
  const rows = await db
    .select({
      templateId: templates.id,
      key: templates.key,
      name: templates.name,
      id: templateVersions.id,
      version: templateVersions.version,
      status: templateVersions.status,
      publishedAt: templateVersions.publishedAt,
      createdAt: templateVersions.createdAt,
    })
    .from(templates)
    .innerJoin(
      templateVersions,
      and(eq(templateVersions.templateId, templates.id), eq(templateVersions.partnershipId, partnershipId)),
    )
    .where(eq(templates.partnershipId, partnershipId))
    .orderBy(asc(templates.name), asc(templates.id), desc(templateVersions.version));
  const out: TemplateSummary[] = [];
  for (const r of rows) {
    let t = out.at(-1);
    if (t?.id !== r.templateId) {
      t = { id: r.templateId, key: r.key, name: r.name, versions: [] };
      out.push(t);
    }
    t.versions.push({
      id: r.id,
      version: r.version,
      status: r.status,
      publishedAt: r.publishedAt,
      createdAt: r.createdAt,
    });
  }
  return out;
}

export interface VersionWithDefinition extends VersionSummary {
  templateName: string;
  /** The ids of `definition.themes`, in the same order. */
  themeIds: string[];
  definition: TemplateDefinition;
}

/** One version of the partnership's templates as plain data, or undefined. */
export async function findVersion(
  db: DbOrTx,
  partnershipId: string,
  versionId: string,
): Promise<VersionWithDefinition | undefined> {
  const v = await loadEditableVersion(db, partnershipId, versionId);
  if (!v) return undefined;
  const g = v.gradeDescriptors;
  // Localities belong to the partnership: a definition names them (in alphabetical order).
  const localityNames = v.themes.some((t) => t.localityIds.length)
    ? new Map((await listLocalities(db, partnershipId)).map((l) => [l.id, l.name]))
    : new Map<string, string>();
  const namesOf = (ids: string[]) =>
    ids
      .map((id) => localityNames.get(id))
      .filter((name): name is string => name !== undefined)
      .sort((a, b) => a.localeCompare(b, 'en-GB'));
  return {
    id: v.id,
    version: v.version,
    status: v.status,
    publishedAt: v.publishedAt,
    createdAt: v.createdAt,
    templateName: v.templateName,
    themeIds: v.themes.map((t) => t.id),
    definition: {
      key: v.templateKey,
      name: v.templateName,
      description: v.templateDescription,
      gradeDescriptors: { red: g.red, amber: g.amber, green: g.green },
      themes: v.themes.map((t) => ({
        key: t.key,
        title: t.title,
        ...(t.sectors.length ? { sectors: t.sectors } : {}),
        ...(t.localityIds.length ? { localities: namesOf(t.localityIds) } : {}),
        description: t.description,
        guidance: t.guidance,
        ...(t.gradeDescriptors
          ? {
              gradeDescriptors: {
                red: t.gradeDescriptors.red,
                amber: t.gradeDescriptors.amber,
                green: t.gradeDescriptors.green,
              },
            }
          : {}),
        questions: t.questions.map((q) => ({
          key: q.key,
          text: q.text,
          guidance: q.guidance,
          scale: q.scale,
          evidencePrompt: q.evidencePrompt,
          // Defaults are left out, as a file leaves them out.
          ...(responseScale(q.scale).hasOptions ? { options: q.options } : {}),
          ...(q.required ? {} : { required: false }),
          ...(q.weight === 1 ? {} : { weight: q.weight }),
          ...(q.showWhen
            ? {
                showWhen: {
                  questionKey: t.questions.find((p) => p.id === q.showWhen!.questionId)?.key ?? '',
                  answers: q.showWhen.answers,
                },
              }
            : {}),
        })),
      })),
    },
  };
}

/**
 * Imports a definition as a new draft version, all or nothing; returns its id. Its themes' localities
 * are the partnership's of those names (case and spacing aside; the file was checked against them).
 */
export async function importDraft(
  db: Db,
  partnershipId: string,
  definition: TemplateDefinition,
  now: Date,
): Promise<{ versionId: string } | { clash: 'name' | 'description' | 'draft'; existing: string }> {
  return db.transaction(async (tx) => {
    // Two imports of one new key at once make one template.
    await lockPartnershipTemplates(tx, partnershipId);
    const [existing] = await tx
      .select()
      .from(templates)
      .where(and(eq(templates.partnershipId, partnershipId), eq(templates.key, definition.key)))
      .for('update');
    // The name and description belong to the template, shared by all its versions: a published
    // version's must never change, so a new version keeps them.
    if (existing && existing.name !== definition.name) return { clash: 'name', existing: existing.name };
    if (existing && existing.description !== definition.description)
      return { clash: 'description', existing: existing.description };
    // One draft per template at a time.
    if (existing) {
      const [draft] = await tx
        .select({ version: templateVersions.version })
        .from(templateVersions)
        .where(
          and(
            eq(templateVersions.templateId, existing.id),
            eq(templateVersions.partnershipId, partnershipId),
            eq(templateVersions.status, 'draft'),
          ),
        );
      if (draft) return { clash: 'draft', existing: String(draft.version) };
    }
    const idByName = new Map(
      (await listLocalities(tx, partnershipId)).map((l) => [localityName(l.name), l.id]),
    );
    const localityIdsByThemeKey = Object.fromEntries(
      definition.themes.map((t) => [
        t.key,
        (t.localities ?? [])
          .map((name) => idByName.get(localityName(name)))
          .filter((id): id is string => id !== undefined),
      ]),
    );
    return {
      versionId: await insertTemplateVersion(tx, partnershipId, definition, 'draft', now, {
        localityIdsByThemeKey,
      }),
    };
  });
}

/** Publishes a draft; false if the version is not (or no longer) a draft of this partnership. */
export async function publishDraft(
  db: DbOrTx,
  partnershipId: string,
  versionId: string,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(templateVersions)
    .set({ status: 'published', publishedAt: now })
    .where(
      and(
        eq(templateVersions.id, versionId),
        eq(templateVersions.partnershipId, partnershipId),
        eq(templateVersions.status, 'draft'),
      ),
    )
    .returning({ id: templateVersions.id });
  return rows.length === 1;
}

/** Retires a published version; false if it is not published. */
export async function retireVersion(db: DbOrTx, partnershipId: string, versionId: string): Promise<boolean> {
  const rows = await db
    .update(templateVersions)
    .set({ status: 'retired' })
    .where(
      and(
        eq(templateVersions.id, versionId),
        eq(templateVersions.partnershipId, partnershipId),
        eq(templateVersions.status, 'published'),
      ),
    )
    .returning({ id: templateVersions.id });
  return rows.length === 1;
}

/** Deletes a draft (and its template, if that leaves it with no versions); false if not a draft. */
export async function deleteDraft(db: Db, partnershipId: string, versionId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .delete(templateVersions)
      .where(
        and(
          eq(templateVersions.id, versionId),
          eq(templateVersions.partnershipId, partnershipId),
          eq(templateVersions.status, 'draft'),
        ),
      )
      .returning({ templateId: templateVersions.templateId });
    const templateId = rows[0]?.templateId;
    if (!templateId) return false;
    await tx
      .delete(templates)
      .where(
        and(
          eq(templates.id, templateId),
          eq(templates.partnershipId, partnershipId),
          notExists(tx.select().from(templateVersions).where(eq(templateVersions.templateId, templateId))),
        ),
      );
    return true;
  });
}
