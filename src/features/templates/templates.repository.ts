/** Storing templates: a partnership's copy of a template definition as a new version. */
import { randomUUID } from 'node:crypto';
import { and, eq, max } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { templateQuestions, templates, templateThemes, templateVersions } from '../../db/schema.ts';
import type { TemplateDefinition, ThemeDefinition } from './template-definition.ts';

export interface ThemePlacement {
  /** Limit these themes (by key) to agencies serving these localities. */
  localityIdsByThemeKey?: Record<string, string[]>;
}

/**
 * Creates (or adds a version to) the partnership's template `definition.key`, with its themes and
 * questions, and returns the new version's id.
 */
export async function insertTemplateVersion(
  db: DbOrTx,
  partnershipId: string,
  definition: TemplateDefinition,
  status: 'draft' | 'published',
  now: Date,
  placement: ThemePlacement = {},
): Promise<string> {
  let [template] = await db
    .select()
    .from(templates)
    .where(and(eq(templates.partnershipId, partnershipId), eq(templates.key, definition.key)));
  if (!template) {
    [template] = await db
      .insert(templates)
      .values({
        partnershipId,
        key: definition.key,
        name: definition.name,
        description: definition.description,
        createdAt: now,
      })
      .returning();
  }
  const [{ latest } = { latest: 0 }] = await db
    .select({ latest: max(templateVersions.version) })
    .from(templateVersions)
    .where(eq(templateVersions.templateId, template!.id));
  const [version] = await db
    .insert(templateVersions)
    .values({
      partnershipId,
      templateId: template!.id,
      version: (latest ?? 0) + 1,
      status,
      gradeDescriptors: definition.gradeDescriptors,
      publishedAt: status === 'published' ? now : null,
      createdAt: now,
    })
    .returning();
  for (const [i, theme] of definition.themes.entries()) {
    await insertTheme(
      db,
      partnershipId,
      version!.id,
      theme,
      i + 1,
      placement.localityIdsByThemeKey?.[theme.key] ?? [],
    );
  }
  return version!.id;
}

async function insertTheme(
  db: DbOrTx,
  partnershipId: string,
  versionId: string,
  theme: ThemeDefinition,
  position: number,
  localityIds: string[],
) {
  const [row] = await db
    .insert(templateThemes)
    .values({
      partnershipId,
      templateVersionId: versionId,
      key: theme.key,
      position,
      title: theme.title,
      description: theme.description,
      guidance: theme.guidance,
      gradeDescriptors: theme.gradeDescriptors ?? null,
      localityIds,
      sectors: theme.sectors ?? [],
    })
    .returning({ id: templateThemes.id });
  if (theme.questions.length === 0) return;
  // Ids are chosen here so that a condition can name its question's id (by its key in the file).
  const idByKey = new Map(theme.questions.map((q) => [q.key, randomUUID()]));
  await db.insert(templateQuestions).values(
    theme.questions.map((q, j) => ({
      id: idByKey.get(q.key)!,
      partnershipId,
      themeId: row!.id,
      key: q.key,
      position: j + 1,
      text: q.text,
      guidance: q.guidance,
      scale: q.scale,
      evidencePrompt: q.evidencePrompt,
      required: q.required ?? true,
      weight: q.weight ?? 1,
      options: q.options ?? [],
      showWhen: q.showWhen
        ? { questionId: idByKey.get(q.showWhen.questionKey)!, answers: q.showWhen.answers }
        : null,
    })),
  );
}
