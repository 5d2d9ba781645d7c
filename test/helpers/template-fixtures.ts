/** For template tests: the demo partnership's published template version, and row counts. */
import { eq } from 'drizzle-orm';
import { templateQuestions, templates, templateThemes, templateVersions } from '../../src/db/schema.ts';
import type { TestApp } from './test-app.ts';

/** How many templates, versions, themes and questions there are in every partnership. */
export const templateRowCounts = async (t: TestApp) => ({
  templates: (await t.database.db.select({ id: templates.id }).from(templates)).length,
  versions: (await t.database.db.select({ id: templateVersions.id }).from(templateVersions)).length,
  themes: (await t.database.db.select({ id: templateThemes.id }).from(templateThemes)).length,
  questions: (await t.database.db.select({ id: templateQuestions.id }).from(templateQuestions)).length,
});

/** The id of the demo partnership's (only) template version, as seeded. */
export async function demoTemplateVersionId(t: TestApp): Promise<string> {
  const [v] = await t.database.db
    .select({ id: templateVersions.id })
    .from(templateVersions)
    .where(eq(templateVersions.partnershipId, t.ids.partnershipId));
  return v!.id;
}
