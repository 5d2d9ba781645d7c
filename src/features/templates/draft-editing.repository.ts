/**
 * Authoring templates in the browser: a draft version's rows as they are edited, a blank new
 * template, a new draft copied from a published version, and each change to a draft.
 *
 * Every change runs in a transaction that first locks the version row and checks it is still a
 * draft of the partnership (`lockVersion`): changes to one draft happen one after another, and
 * publishing (an update of the same row) waits for a change in progress and refuses to run twice.
 */
import { and, asc, count, desc, eq, inArray, max } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client.ts';
import {
  type GradeDescriptorsJson,
  partnerships,
  type QuestionConditionJson,
  type ResponseScale,
  type ScaleOptionJson,
  templateDraftHistory,
  templateQuestions,
  templates,
  templateThemes,
  templateVersions,
  users,
  type VersionStatus,
} from '../../db/schema.ts';

export interface DraftQuestion {
  id: string;
  key: string;
  position: number;
  text: string;
  guidance: string;
  scale: ResponseScale;
  evidencePrompt: string;
  required: boolean;
  weight: number;
  options: ScaleOptionJson[];
  showWhen: QuestionConditionJson | null;
}

export interface DraftTheme {
  id: string;
  key: string;
  position: number;
  title: string;
  description: string;
  guidance: string;
  gradeDescriptors: GradeDescriptorsJson | null;
  localityIds: string[];
  sectors: string[];
  questions: DraftQuestion[];
}

export interface EditableVersion {
  id: string;
  templateId: string;
  version: number;
  status: VersionStatus;
  publishedAt: Date | null;
  createdAt: Date;
  templateKey: string;
  templateName: string;
  templateDescription: string;
  /** Other versions of the same template: while there are any, its name and description are shared. */
  otherVersions: number;
  gradeDescriptors: GradeDescriptorsJson;
  themes: DraftTheme[];
}

/** A version of the partnership with every theme and question row, in order; undefined if none. */
export async function loadEditableVersion(
  db: DbOrTx,
  partnershipId: string,
  versionId: string,
): Promise<EditableVersion | undefined> {
  const [row] = await db
    .select({ version: templateVersions, template: templates })
    .from(templateVersions)
    .innerJoin(
      templates,
      and(eq(templates.id, templateVersions.templateId), eq(templates.partnershipId, partnershipId)),
    )
    .where(and(eq(templateVersions.id, versionId), eq(templateVersions.partnershipId, partnershipId)));
  if (!row) return undefined;
  const [{ n } = { n: 1 }] = await db
    .select({ n: count() })
    .from(templateVersions)
    .where(
      and(
        eq(templateVersions.templateId, row.template.id),
        eq(templateVersions.partnershipId, partnershipId),
      ),
    );
  const themeRows = await db
    .select()
    .from(templateThemes)
    .where(
      and(eq(templateThemes.templateVersionId, versionId), eq(templateThemes.partnershipId, partnershipId)),
    )
    .orderBy(asc(templateThemes.position));
  const questionRows = themeRows.length
    ? await db
        .select()
        .from(templateQuestions)
        .where(
          and(
            eq(templateQuestions.partnershipId, partnershipId),
            inArray(
              templateQuestions.themeId,
              themeRows.map((t) => t.id),
            ),
          ),
        )
        .orderBy(asc(templateQuestions.position))
    : [];
  return {
    id: row.version.id,
    templateId: row.template.id,
    version: row.version.version,
    status: row.version.status,
    publishedAt: row.version.publishedAt,
    createdAt: row.version.createdAt,
    templateKey: row.template.key,
    templateName: row.template.name,
    templateDescription: row.template.description,
    otherVersions: n - 1,
    gradeDescriptors: row.version.gradeDescriptors,
    themes: themeRows.map((t) => ({
      id: t.id,
      key: t.key,
      position: t.position,
      title: t.title,
      description: t.description,
      guidance: t.guidance,
      gradeDescriptors: t.gradeDescriptors,
      localityIds: t.localityIds,
      sectors: t.sectors,
      questions: questionRows
        .filter((q) => q.themeId === t.id)
        .map((q) => ({
          id: q.id,
          key: q.key,
          position: q.position,
          text: q.text,
          guidance: q.guidance,
          scale: q.scale,
          evidencePrompt: q.evidencePrompt,
          required: q.required,
          weight: q.weight,
          options: q.options,
          showWhen: q.showWhen,
        })),
    })),
  };
}

/**
 * Locks a version of the partnership for a change: its status, or undefined if there is no such
 * version. Only a draft may be changed; the lock holds until the transaction ends.
 */
export async function lockVersion(
  tx: Tx,
  partnershipId: string,
  versionId: string,
): Promise<VersionStatus | undefined> {
  const [row] = await tx
    .select({ status: templateVersions.status })
    .from(templateVersions)
    .where(and(eq(templateVersions.id, versionId), eq(templateVersions.partnershipId, partnershipId)))
    .for('update');
  return row?.status;
}

/** The keys of the partnership's templates. */
export async function templateKeys(db: DbOrTx, partnershipId: string): Promise<Set<string>> {
  const rows = await db
    .select({ key: templates.key })
    .from(templates)
    .where(eq(templates.partnershipId, partnershipId));
  return new Set(rows.map((r) => r.key));
}

/**
 * Serialises creating templates in a partnership (so two keys never clash), without blocking
 * anything that merely refers to the partnership.
 */
export async function lockPartnershipTemplates(tx: Tx, partnershipId: string): Promise<void> {
  await tx
    .select({ id: partnerships.id })
    .from(partnerships)
    .where(eq(partnerships.id, partnershipId))
    .for('no key update');
}

/** Creates a template whose first version is an empty draft; returns the draft's id. */
export async function insertBlankTemplate(
  tx: Tx,
  partnershipId: string,
  values: { key: string; name: string; description: string; gradeDescriptors: GradeDescriptorsJson },
  now: Date,
): Promise<string> {
  const [template] = await tx
    .insert(templates)
    .values({
      partnershipId,
      key: values.key,
      name: values.name,
      description: values.description,
      createdAt: now,
    })
    .returning({ id: templates.id });
  const [version] = await tx
    .insert(templateVersions)
    .values({
      partnershipId,
      templateId: template!.id,
      version: 1,
      status: 'draft',
      gradeDescriptors: values.gradeDescriptors,
      createdAt: now,
    })
    .returning({ id: templateVersions.id });
  return version!.id;
}

/** Locks a template of the partnership against new versions; returns its draft's id, if it has one. */
export async function lockTemplateForNewVersion(
  tx: Tx,
  partnershipId: string,
  templateId: string,
): Promise<{ draftId: string | undefined }> {
  await tx
    .select({ id: templates.id })
    .from(templates)
    .where(and(eq(templates.id, templateId), eq(templates.partnershipId, partnershipId)))
    .for('update');
  const [draft] = await tx
    .select({ id: templateVersions.id })
    .from(templateVersions)
    .where(
      and(
        eq(templateVersions.templateId, templateId),
        eq(templateVersions.partnershipId, partnershipId),
        eq(templateVersions.status, 'draft'),
      ),
    );
  return { draftId: draft?.id };
}

/**
 * Copies a version as the template's next version, a draft: grade descriptors, themes (with their
 * localities, sectors and descriptors) and questions (options, and conditions pointing at the new
 * questions). The caller holds the template's lock and has checked it has no draft.
 */
export async function copyAsDraft(
  tx: Tx,
  partnershipId: string,
  source: EditableVersion,
  now: Date,
): Promise<string> {
  const [{ latest } = { latest: 0 }] = await tx
    .select({ latest: max(templateVersions.version) })
    .from(templateVersions)
    .where(
      and(
        eq(templateVersions.templateId, source.templateId),
        eq(templateVersions.partnershipId, partnershipId),
      ),
    );
  const [version] = await tx
    .insert(templateVersions)
    .values({
      partnershipId,
      templateId: source.templateId,
      version: (latest ?? 0) + 1,
      status: 'draft',
      gradeDescriptors: source.gradeDescriptors,
      createdAt: now,
    })
    .returning({ id: templateVersions.id });
  for (const theme of source.themes) {
    const [copy] = await tx
      .insert(templateThemes)
      .values({
        partnershipId,
        templateVersionId: version!.id,
        key: theme.key,
        position: theme.position,
        title: theme.title,
        description: theme.description,
        guidance: theme.guidance,
        gradeDescriptors: theme.gradeDescriptors,
        localityIds: theme.localityIds,
        sectors: theme.sectors,
      })
      .returning({ id: templateThemes.id });
    if (theme.questions.length === 0) continue;
    const inserted = await tx
      .insert(templateQuestions)
      .values(
        theme.questions.map((q) => ({
          partnershipId,
          themeId: copy!.id,
          key: q.key,
          position: q.position,
          text: q.text,
          guidance: q.guidance,
          scale: q.scale,
          evidencePrompt: q.evidencePrompt,
          required: q.required,
          weight: q.weight,
          options: q.options,
        })),
      )
      .returning({ id: templateQuestions.id, key: templateQuestions.key });
    // Conditions point at questions of the same theme: their copies, found by key.
    const newIdByKey = new Map(inserted.map((r) => [r.key, r.id]));
    const keyById = new Map(theme.questions.map((q) => [q.id, q.key]));
    for (const q of theme.questions) {
      if (!q.showWhen) continue;
      const target = newIdByKey.get(keyById.get(q.showWhen.questionId) ?? '');
      if (!target) continue;
      await tx
        .update(templateQuestions)
        .set({ showWhen: { questionId: target, answers: q.showWhen.answers } })
        .where(
          and(
            eq(templateQuestions.id, newIdByKey.get(q.key)!),
            eq(templateQuestions.partnershipId, partnershipId),
          ),
        );
    }
  }
  return version!.id;
}

/** Sets a draft's descriptors and, when given, its template's name and description. */
export async function updateVersionDetails(
  tx: Tx,
  partnershipId: string,
  version: { id: string; templateId: string },
  values: { gradeDescriptors: GradeDescriptorsJson; name?: string; description?: string },
): Promise<void> {
  await tx
    .update(templateVersions)
    .set({ gradeDescriptors: values.gradeDescriptors })
    .where(and(eq(templateVersions.id, version.id), eq(templateVersions.partnershipId, partnershipId)));
  if (values.name !== undefined && values.description !== undefined)
    await tx
      .update(templates)
      .set({ name: values.name, description: values.description })
      .where(and(eq(templates.id, version.templateId), eq(templates.partnershipId, partnershipId)));
}

export interface ThemeValues {
  key: string;
  title: string;
  description: string;
  guidance: string;
  gradeDescriptors: GradeDescriptorsJson | null;
  localityIds: string[];
  sectors: string[];
}

/** Adds a theme at the end of a draft; returns its id. */
export async function insertDraftTheme(
  tx: Tx,
  partnershipId: string,
  versionId: string,
  values: ThemeValues,
): Promise<string> {
  const [{ last } = { last: 0 }] = await tx
    .select({ last: max(templateThemes.position) })
    .from(templateThemes)
    .where(
      and(eq(templateThemes.templateVersionId, versionId), eq(templateThemes.partnershipId, partnershipId)),
    );
  const [row] = await tx
    .insert(templateThemes)
    .values({ partnershipId, templateVersionId: versionId, position: (last ?? 0) + 1, ...values })
    .returning({ id: templateThemes.id });
  return row!.id;
}

export async function updateDraftTheme(
  tx: Tx,
  partnershipId: string,
  themeId: string,
  values: ThemeValues,
): Promise<void> {
  await tx
    .update(templateThemes)
    .set(values)
    .where(and(eq(templateThemes.id, themeId), eq(templateThemes.partnershipId, partnershipId)));
}

export async function deleteDraftTheme(tx: Tx, partnershipId: string, themeId: string): Promise<void> {
  await tx
    .delete(templateThemes)
    .where(and(eq(templateThemes.id, themeId), eq(templateThemes.partnershipId, partnershipId)));
}

const ORDERED = { theme: templateThemes, question: templateQuestions } as const;

/** Swaps the positions of two themes, or of two questions (the caller holds the version's lock). */
export async function swapPositions(
  tx: Tx,
  partnershipId: string,
  kind: keyof typeof ORDERED,
  a: { id: string; position: number },
  b: { id: string; position: number },
): Promise<void> {
  const table = ORDERED[kind];
  for (const [row, position] of [
    [a, b.position],
    [b, a.position],
  ] as const)
    await tx
      .update(table)
      .set({ position })
      .where(and(eq(table.id, row.id), eq(table.partnershipId, partnershipId)));
}

export interface QuestionValues {
  key: string;
  text: string;
  guidance: string;
  scale: ResponseScale;
  evidencePrompt: string;
  required: boolean;
  weight: number;
  options: ScaleOptionJson[];
  showWhen: QuestionConditionJson | null;
}

/** Adds a question at the end of a draft's theme; returns its id. */
export async function insertDraftQuestion(
  tx: Tx,
  partnershipId: string,
  themeId: string,
  values: QuestionValues,
): Promise<string> {
  const [{ last } = { last: 0 }] = await tx
    .select({ last: max(templateQuestions.position) })
    .from(templateQuestions)
    .where(and(eq(templateQuestions.themeId, themeId), eq(templateQuestions.partnershipId, partnershipId)));
  const [row] = await tx
    .insert(templateQuestions)
    .values({ partnershipId, themeId, position: (last ?? 0) + 1, ...values })
    .returning({ id: templateQuestions.id });
  return row!.id;
}

export async function updateDraftQuestion(
  tx: Tx,
  partnershipId: string,
  questionId: string,
  values: QuestionValues,
): Promise<void> {
  await tx
    .update(templateQuestions)
    .set(values)
    .where(and(eq(templateQuestions.id, questionId), eq(templateQuestions.partnershipId, partnershipId)));
}

/** Deletes a question; the questions shown only when it had certain answers are then always shown. */
export async function deleteDraftQuestion(
  tx: Tx,
  partnershipId: string,
  question: { id: string },
  dependants: ReadonlyArray<{ id: string }>,
): Promise<void> {
  if (dependants.length)
    await tx
      .update(templateQuestions)
      .set({ showWhen: null })
      .where(
        and(
          eq(templateQuestions.partnershipId, partnershipId),
          inArray(
            templateQuestions.id,
            dependants.map((d) => d.id),
          ),
        ),
      );
  await tx
    .delete(templateQuestions)
    .where(and(eq(templateQuestions.id, question.id), eq(templateQuestions.partnershipId, partnershipId)));
}

/** One change to a field of a draft, for its history. */
export interface DraftChange {
  fieldKey: string;
  field: string;
  oldValue: string | null;
  newValue: string | null;
}

/** Adds changes to a draft's history. */
export async function recordDraftHistory(
  tx: DbOrTx,
  partnershipId: string,
  versionId: string,
  userId: string,
  now: Date,
  changes: readonly DraftChange[],
): Promise<void> {
  if (changes.length === 0) return;
  await tx
    .insert(templateDraftHistory)
    .values(
      changes.map((c) => ({ ...c, partnershipId, templateVersionId: versionId, userId, createdAt: now })),
    );
}

/** Who last changed each of these fields of a draft, and when. */
export async function lastDraftChanges(
  db: DbOrTx,
  partnershipId: string,
  versionId: string,
  fieldKeys: readonly string[],
): Promise<Map<string, { userName: string | null; at: Date }>> {
  if (fieldKeys.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([templateDraftHistory.fieldKey], {
      fieldKey: templateDraftHistory.fieldKey,
      at: templateDraftHistory.createdAt,
      userName: users.name,
    })
    .from(templateDraftHistory)
    .leftJoin(users, eq(users.id, templateDraftHistory.userId))
    .where(
      and(
        eq(templateDraftHistory.partnershipId, partnershipId),
        eq(templateDraftHistory.templateVersionId, versionId),
        inArray(templateDraftHistory.fieldKey, [...fieldKeys]),
      ),
    )
    .orderBy(
      templateDraftHistory.fieldKey,
      desc(templateDraftHistory.createdAt),
      desc(templateDraftHistory.id),
    );
  return new Map(rows.map((r) => [r.fieldKey, { userName: r.userName, at: r.at }]));
}
