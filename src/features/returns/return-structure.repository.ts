/**
 * Loads a template version's themes and questions. Published versions never change, so their
 * structure may be kept in memory (safe with many app instances: the rows are immutable), in a cache
 * the composition root gives the database handle (`src/app.ts`, with a bound), which the partnership
 * scopes' transactions opened on it share (the read API's). Reads through a handle without one (any
 * other transaction, a script) go to the database.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.ts';
import { handleOf } from '../../db/partnership-scope.ts';
import { templateQuestions, templateThemes, templateVersions } from '../../db/schema.ts';
import type { BoundedCache } from '../../lib/bounded-cache.ts';
import type { ReturnStructure, ThemeInfo } from './return-structure.ts';

/** Published versions' structures, by partnership and version. */
export type StructureCache = BoundedCache<string, ReturnStructure>;

const caches = new WeakMap<object, StructureCache>();

/** Keeps the published structures read through `db` in `cache`. */
export function cacheStructures(db: Db, cache: StructureCache): void {
  caches.set(db, cache);
}

export async function loadReturnStructure(
  db: DbOrTx,
  partnershipId: string,
  templateVersionId: string,
): Promise<ReturnStructure> {
  const cache = caches.get(handleOf(db));
  const key = `${partnershipId}:${templateVersionId}`;
  const cached = cache?.get(key);
  if (cached) return cached;
  const [version] = await db
    .select()
    .from(templateVersions)
    .where(
      and(eq(templateVersions.id, templateVersionId), eq(templateVersions.partnershipId, partnershipId)),
    );
  if (!version) throw new Error(`Template version ${templateVersionId} not found in partnership`);
  const themeRows = await db
    .select()
    .from(templateThemes)
    .where(
      and(
        eq(templateThemes.templateVersionId, templateVersionId),
        eq(templateThemes.partnershipId, partnershipId),
      ),
    )
    .orderBy(asc(templateThemes.position));
  const questionRows = await db
    .select({ q: templateQuestions })
    .from(templateQuestions)
    .innerJoin(templateThemes, eq(templateThemes.id, templateQuestions.themeId))
    .where(
      and(
        eq(templateThemes.templateVersionId, templateVersionId),
        eq(templateQuestions.partnershipId, partnershipId),
      ),
    )
    .orderBy(asc(templateQuestions.position));
  const themes: ThemeInfo[] = themeRows.map((t, i) => ({
    id: t.id,
    key: t.key,
    number: i + 1,
    title: t.title,
    description: t.description,
    guidance: t.guidance,
    gradeDescriptors: t.gradeDescriptors ?? version.gradeDescriptors,
    localityIds: t.localityIds,
    sectors: t.sectors,
    questions: questionRows
      .filter(({ q }) => q.themeId === t.id)
      .map(({ q }, j) => ({
        id: q.id,
        key: q.key,
        number: j + 1,
        text: q.text,
        guidance: q.guidance,
        scale: q.scale,
        evidencePrompt: q.evidencePrompt,
        required: q.required,
        weight: q.weight,
        options: q.options,
        showWhen: q.showWhen ?? null,
      })),
  }));
  const structure = { templateVersionId, themes };
  if (version.status !== 'draft') cache?.set(key, structure);
  return structure;
}
