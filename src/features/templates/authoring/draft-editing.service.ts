/**
 * Changing a draft template: its details, a theme, a question. Every change runs in one transaction
 * holding the draft's lock (only a draft changes: anything else is refused with 409), and goes into
 * the draft's history.
 *
 * No lost updates (issue 10): a form carries what it showed (src/web/form-version.ts). A field the
 * person did not change keeps its stored value, however new; a field both they and someone else
 * changed is returned as a conflict, and nothing is saved until the person chooses.
 */
import type { Db, Tx } from '../../../db/client.ts';
import { HttpError, notFound } from '../../../lib/http-errors.ts';
import { isUuid } from '../../../lib/tokens.ts';
import { FormErrorBuilder, type FormErrors } from '../../../views/form-errors.ts';
import {
  type FieldConflict,
  fieldKey,
  fingerprint,
  mergeFormRecord,
  type Resolutions,
  type Shown,
} from '../../../web/form-version.ts';
import { sectorLabel } from '../../agencies/sectors.ts';
import { listLocalities } from '../../partnerships/partnerships.repository.ts';
import {
  type DraftChange,
  type DraftQuestion,
  type DraftTheme,
  type EditableVersion,
  insertDraftQuestion,
  insertDraftTheme,
  loadEditableVersion,
  lockVersion,
  type QuestionValues,
  recordDraftHistory,
  type ThemeValues,
  updateDraftQuestion,
  updateDraftTheme,
  updateVersionDetails,
} from '../draft-editing.repository.ts';
import { conditionAnswers, LIMITS } from '../draft-rules.ts';
import { optionCountProblem, RESPONSE_SCALES } from '../template-definition.ts';
import { keyFrom, uniqueKey } from '../template-keys.ts';
import { versionBase } from '../templates.view.tsx';
import { editBase, themeBase } from './paths.ts';

const STATUS_WORDS = { published: 'published', retired: 'retired' } as const;

/** The 409 for a change to a version that is not (or no longer) a draft. */
export const notADraft = (partnershipId: string, versionId: string, status: 'published' | 'retired') =>
  new HttpError(
    409,
    `This version is ${STATUS_WORDS[status]}`,
    `A ${STATUS_WORDS[status]} version never changes, so audits that use it keep the questions they asked. Nothing was changed. To change the template, create a new draft from a published version.`,
    [{ text: 'Go to the version', href: versionBase(partnershipId, versionId) }],
  );

/**
 * Runs a change to a draft in one transaction holding its lock, with the draft as it is under the
 * lock: 404 if the partnership has no such version, 409 if it is not a draft.
 */
export async function changeDraft<T>(
  db: Db,
  partnershipId: string,
  versionId: string | undefined,
  change: (tx: Tx, draft: EditableVersion) => Promise<T>,
): Promise<T> {
  if (!isUuid(versionId)) throw notFound('Template version');
  return db.transaction(async (tx) => {
    const status = await lockVersion(tx, partnershipId, versionId);
    if (!status) throw notFound('Template version');
    if (status !== 'draft') throw notADraft(partnershipId, versionId, status);
    return change(tx, (await loadEditableVersion(tx, partnershipId, versionId))!);
  });
}

export function themeIn(draft: EditableVersion, themeId: string | undefined) {
  const index = draft.themes.findIndex((t) => t.id === themeId);
  if (!isUuid(themeId) || index < 0) throw notFound('Theme');
  return { theme: draft.themes[index]!, index };
}

export function questionIn(theme: DraftTheme, questionId: string | undefined) {
  const index = theme.questions.findIndex((q) => q.id === questionId);
  if (!isUuid(questionId) || index < 0) throw notFound('Question');
  return { question: theme.questions[index]!, index };
}

/** A field both people changed, in words for the conflict page. */
export interface DraftConflict {
  key: string;
  label: string;
  mine: string;
  theirs: string;
  fingerprintTheirs: string;
  unanswered: boolean;
}

/** What the form showed and the choices made on a conflict page. */
export interface FormVersion {
  shown?: Shown | null;
  resolutions?: Resolutions;
  /** The key was left blank and made from the title: made again if another took it meanwhile. */
  keyMade?: boolean;
}

/**
 * The key to save under the lock: as given, or, if another record took it meanwhile, made again
 * (when it was made) or refused (when it was typed: null).
 */
export function keyUnder(
  key: string,
  taken: Iterable<string>,
  form: Pick<FormVersion, 'keyMade'>,
  from: [title: string, fallback: string],
): string | null {
  const keys = new Set(taken);
  if (!keys.has(key)) return key;
  return form.keyMade ? uniqueKey(keyFrom(...from), keys) : null;
}

export type SaveOutcome<T> = { conflicts: DraftConflict[] } | { errors: FormErrors } | { saved: T };

/** One record of a draft as the conflict rule compares it: its fields, labelled and in words. */
interface RecordKind<R extends object> {
  label: (field: keyof R & string) => string;
  words: (field: keyof R & string, value: unknown) => string;
}

/**
 * Merges a save of one record with the record as stored: the values to write, or the conflicts.
 */
function merge<R extends object>(
  kind: RecordKind<R>,
  record: string,
  typed: R,
  current: R,
  form: FormVersion,
): { conflicts: DraftConflict[] } | { merged: R } {
  const m = mergeFormRecord(record, typed, current, form);
  if (m.conflicts.length > 0)
    return {
      conflicts: m.conflicts.map((c: FieldConflict<keyof R & string>) => ({
        key: c.key,
        label: kind.label(c.field),
        mine: kind.words(c.field, c.mine),
        theirs: kind.words(c.field, c.theirs),
        fingerprintTheirs: fingerprint(c.theirs),
        unanswered: c.unanswered,
      })),
    };
  return { merged: m.merged };
}

/** What a save changes, for the history: the values as stored (`saved`) against those before. */
function changesOf<R extends object>(
  kind: RecordKind<R>,
  record: string,
  current: R,
  saved: R,
  historyLabel: (field: keyof R & string) => string,
): DraftChange[] {
  return (Object.keys(saved) as Array<keyof R & string>)
    .filter((f) => fingerprint(saved[f]) !== fingerprint(current[f]))
    .map((f) => ({
      fieldKey: fieldKey(record, f),
      field: historyLabel(f),
      oldValue: kind.words(f, current[f]) || null,
      newValue: kind.words(f, saved[f]) || null,
    }));
}

const asText = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));

// Details

export const DETAILS_RECORD = 'details';

export interface DetailsRecord {
  name?: string;
  description?: string;
  red: string;
  amber: string;
  green: string;
}

const DETAILS_LABELS: Record<keyof DetailsRecord, string> = {
  name: 'Name',
  description: 'Description',
  red: 'What Red means',
  amber: 'What Amber means',
  green: 'What Green means',
};

const detailsKind: RecordKind<DetailsRecord> = {
  label: (f) => DETAILS_LABELS[f],
  words: (_f, v) => asText(v),
};

/** The details as the draft holds them (the name and description only while they can change). */
export function detailsRecord(draft: EditableVersion): DetailsRecord {
  return {
    ...(draft.otherVersions === 0
      ? { name: draft.templateName, description: draft.templateDescription }
      : {}),
    ...draft.gradeDescriptors,
  };
}

/** Saves the draft's details; the name and description only while it is the template's one version. */
export async function saveDraftDetails(
  db: Db,
  partnershipId: string,
  versionId: string | undefined,
  values: {
    name?: string | undefined;
    description?: string | undefined;
    red: string;
    amber: string;
    green: string;
  },
  userId: string,
  now: Date,
  form: FormVersion = {},
): Promise<SaveOutcome<EditableVersion>> {
  return changeDraft(db, partnershipId, versionId, async (tx, draft) => {
    const current = detailsRecord(draft);
    const { red, amber, green } = values;
    const typed: DetailsRecord =
      'name' in current
        ? { name: values.name ?? '', description: values.description ?? '', red, amber, green }
        : { red, amber, green };
    const m = merge(detailsKind, DETAILS_RECORD, typed, current, form);
    if ('conflicts' in m) return m;
    const v = m.merged;
    await updateVersionDetails(tx, partnershipId, draft, {
      gradeDescriptors: { red: v.red, amber: v.amber, green: v.green },
      ...(v.name !== undefined && v.description !== undefined
        ? { name: v.name, description: v.description }
        : {}),
    });
    await recordDraftHistory(
      tx,
      partnershipId,
      draft.id,
      userId,
      now,
      changesOf(
        detailsKind,
        DETAILS_RECORD,
        current,
        v,
        (f) => `Details: ${DETAILS_LABELS[f].toLowerCase()}`,
      ),
    );
    return { saved: draft };
  });
}

// Themes

/** A theme as the conflict rule compares it: lists as sets (sorted). */
export type ThemeRecord = ThemeValues;

export const themeRecord = (t: ThemeValues): ThemeRecord => ({
  key: t.key,
  title: t.title,
  description: t.description,
  guidance: t.guidance,
  gradeDescriptors: t.gradeDescriptors,
  localityIds: [...t.localityIds].sort(),
  sectors: [...t.sectors].sort(),
});

const THEME_LABELS: Record<keyof ThemeRecord, string> = {
  key: 'Key',
  title: 'Title',
  description: 'Description',
  guidance: 'Guidance',
  gradeDescriptors: 'Own grade descriptors',
  localityIds: 'Localities',
  sectors: 'Sectors',
};

function themeKind(localityNames: ReadonlyMap<string, string>): RecordKind<ThemeRecord> {
  return {
    label: (f) => THEME_LABELS[f],
    words: (f, v) => {
      if (f === 'gradeDescriptors') {
        const g = v as ThemeRecord['gradeDescriptors'];
        return g ? `Red: ${g.red}. Amber: ${g.amber}. Green: ${g.green}.` : 'The template’s';
      }
      if (f === 'localityIds')
        return (
          (v as string[]).map((id) => localityNames.get(id) ?? 'a removed locality').join(', ') ||
          'Every locality'
        );
      if (f === 'sectors') return (v as string[]).map(sectorLabel).join(', ') || 'Every sector';
      return asText(v);
    },
  };
}

/**
 * Adds a theme (`themeId` undefined) or saves one. The key is checked again under the lock: a key
 * another theme took meanwhile is refused like the form's errors. `localities`: the partnership's,
 * when the caller has them already (they name the localities in a conflict and the history).
 */
export async function saveDraftTheme(
  db: Db,
  partnershipId: string,
  versionId: string | undefined,
  themeId: string | undefined,
  values: ThemeValues,
  userId: string,
  now: Date,
  form: FormVersion = {},
  localities?: ReadonlyArray<{ id: string; name: string }>,
): Promise<SaveOutcome<{ draft: EditableVersion; themeId: string }>> {
  const localityNames = new Map(
    (localities ?? (await listLocalities(db, partnershipId))).map((l) => [l.id, l.name]),
  );
  return changeDraft(db, partnershipId, versionId, async (tx, draft) => {
    const theme = themeId === undefined ? null : themeIn(draft, themeId).theme;
    if (!theme && draft.themes.length >= LIMITS.themes)
      throw new HttpError(
        409,
        'This draft has all the themes it can',
        `A template can have at most ${LIMITS.themes} themes. Nothing was added.`,
        [{ text: 'Back to the draft', href: editBase(partnershipId, draft.id) }],
      );
    const kind = themeKind(localityNames);
    if (!theme) {
      const key = keyUnder(
        values.key,
        draft.themes.map((t) => t.key),
        form,
        [values.title, 'theme'],
      );
      if (key === null) return keyTaken('theme');
      const id = await insertDraftTheme(tx, partnershipId, draft.id, { ...values, key });
      await recordDraftHistory(tx, partnershipId, draft.id, userId, now, [
        { fieldKey: fieldKey(id, 'added'), field: 'Theme added', oldValue: null, newValue: values.title },
      ]);
      return { saved: { draft, themeId: id } };
    }
    const current = themeRecord(theme);
    const m = merge(kind, theme.id, themeRecord(values), current, form);
    if ('conflicts' in m) return m;
    const others = draft.themes.filter((t) => t.id !== theme.id).map((t) => t.key);
    const key = keyUnder(m.merged.key, others, form, [m.merged.title, 'theme']);
    if (key === null) return keyTaken('theme');
    const saved = { ...m.merged, key };
    await updateDraftTheme(tx, partnershipId, theme.id, saved);
    await recordDraftHistory(
      tx,
      partnershipId,
      draft.id,
      userId,
      now,
      changesOf(
        kind,
        theme.id,
        current,
        saved,
        (f) => `Theme “${theme.title}”: ${THEME_LABELS[f].toLowerCase()}`,
      ),
    );
    return { saved: { draft, themeId: theme.id } };
  });
}

const keyTaken = (what: string): { errors: FormErrors } => ({
  errors: {
    list: [{ text: `Another ${what} already has this key: choose another, or leave it blank`, href: '#key' }],
    byField: { key: `Another ${what} already has this key: choose another, or leave it blank` },
  },
});

// Questions

export type QuestionRecord = QuestionValues;

export const questionRecord = (q: QuestionValues): QuestionRecord => ({
  key: q.key,
  text: q.text,
  guidance: q.guidance,
  scale: q.scale,
  evidencePrompt: q.evidencePrompt,
  required: q.required,
  weight: q.weight,
  options: q.options,
  showWhen: q.showWhen,
});

const QUESTION_LABELS: Record<keyof QuestionRecord, string> = {
  key: 'Key',
  text: 'Question or statement',
  guidance: 'Guidance',
  scale: 'How it is answered',
  evidencePrompt: 'Evidence prompt',
  required: 'Whether agencies must answer it',
  weight: 'Weight in scores',
  options: 'Levels or choices',
  showWhen: 'When it is shown',
};

function questionKind(theme: DraftTheme): RecordKind<QuestionRecord> {
  return {
    label: (f) => QUESTION_LABELS[f],
    words: (f, v) => {
      switch (f) {
        case 'scale':
          return RESPONSE_SCALES.find((s) => s.value === v)?.label ?? asText(v);
        case 'required':
          return v ? 'Yes, required' : 'No, optional';
        case 'options':
          return (v as QuestionRecord['options']).map((o) => o.label).join('; ');
        case 'showWhen': {
          const c = v as QuestionRecord['showWhen'];
          if (!c) return 'Always';
          const index = theme.questions.findIndex((q) => q.id === c.questionId);
          const target = theme.questions[index];
          const labels = target ? conditionAnswers(target) : [];
          const answer = (a: string) => labels.find((l) => l.value === a)?.label ?? a;
          return `Only when question ${index + 1} is ${c.answers.map(answer).join(' or ')}`;
        }
        default:
          return asText(v);
      }
    },
  };
}

/** Conditions on `question` whose answers it no longer has are narrowed, or dropped if none is left. */
async function keepConditionsValid(
  tx: Tx,
  partnershipId: string,
  theme: DraftTheme,
  question: DraftQuestion,
) {
  const valid = new Set(conditionAnswers(question).map((a) => a.value));
  for (const q of theme.questions) {
    if (q.showWhen?.questionId !== question.id) continue;
    const answers = q.showWhen.answers.filter((a) => valid.has(a));
    if (answers.length === q.showWhen.answers.length) continue;
    await updateDraftQuestion(tx, partnershipId, q.id, {
      ...q,
      showWhen: answers.length ? { questionId: question.id, answers } : null,
    });
  }
}

/**
 * What is wrong with a question about to be saved at `index` of the theme as it is under the lock:
 * the form checked its condition against the theme as it was shown, and a merge can join one
 * person's scale to another's options. Null when nothing is.
 */
function questionProblems(theme: DraftTheme, index: number, q: QuestionValues): FormErrors | null {
  const errors = new FormErrorBuilder();
  const scale = RESPONSE_SCALES.find((s) => s.value === q.scale);
  const count = scale?.hasOptions ? optionCountProblem(scale, q.options.length) : null;
  if (count) errors.add('options', `Enter ${count}`, 'option-0-label');
  if (q.showWhen) {
    const at = theme.questions.findIndex((x) => x.id === q.showWhen!.questionId);
    const target = at >= 0 && at < index ? theme.questions[at]! : null;
    const known = new Set(target ? conditionAnswers(target).map((a) => a.value) : []);
    if (!target) errors.add('showWhen', 'Select an earlier question of this theme, or “Always”');
    else if (q.showWhen.answers.length === 0 || q.showWhen.answers.some((a) => !known.has(a)))
      errors.add(
        `showWhenAnswers-${target.id}`,
        `Select the answers to question ${at + 1} that show this question`,
      );
  }
  return errors.hasErrors ? errors.build() : null;
}

/** Adds a question at the end of a theme (`questionId` undefined) or saves one. */
export async function saveDraftQuestion(
  db: Db,
  partnershipId: string,
  ids: { versionId: string | undefined; themeId: string | undefined; questionId: string | undefined },
  values: QuestionValues,
  userId: string,
  now: Date,
  form: FormVersion = {},
): Promise<SaveOutcome<{ draft: EditableVersion; theme: DraftTheme }>> {
  return changeDraft(db, partnershipId, ids.versionId, async (tx, draft) => {
    const { theme } = themeIn(draft, ids.themeId);
    const found = ids.questionId === undefined ? null : questionIn(theme, ids.questionId);
    if (!found) {
      if (theme.questions.length >= LIMITS.questions)
        throw new HttpError(
          409,
          'This theme has all the questions it can',
          `A theme can have at most ${LIMITS.questions} questions. Nothing was added.`,
          [{ text: 'Back to the theme', href: themeBase(partnershipId, draft.id, theme.id) }],
        );
      const key = keyUnder(
        values.key,
        theme.questions.map((q) => q.key),
        form,
        [values.text, 'question'],
      );
      if (key === null) return keyTaken('question in this theme');
      const problems = questionProblems(theme, theme.questions.length, values);
      if (problems) return { errors: problems };
      const id = await insertDraftQuestion(tx, partnershipId, theme.id, { ...values, key });
      await recordDraftHistory(tx, partnershipId, draft.id, userId, now, [
        {
          fieldKey: fieldKey(id, 'added'),
          field: `Theme “${theme.title}”: question added`,
          oldValue: null,
          newValue: values.text,
        },
      ]);
      return { saved: { draft, theme } };
    }
    const { question, index } = found;
    const kind = questionKind(theme);
    const current = questionRecord(question);
    const m = merge(kind, question.id, questionRecord(values), current, form);
    if ('conflicts' in m) return m;
    const problems = questionProblems(theme, index, m.merged);
    if (problems) return { errors: problems };
    const others = theme.questions.filter((q) => q.id !== question.id).map((q) => q.key);
    const key = keyUnder(m.merged.key, others, form, [m.merged.text, 'question']);
    if (key === null) return keyTaken('question in this theme');
    const saved = { ...m.merged, key };
    await updateDraftQuestion(tx, partnershipId, question.id, saved);
    await keepConditionsValid(tx, partnershipId, theme, { ...question, ...saved });
    await recordDraftHistory(
      tx,
      partnershipId,
      draft.id,
      userId,
      now,
      changesOf(
        kind,
        question.id,
        current,
        saved,
        (f) => `Theme “${theme.title}”, question ${index + 1}: ${QUESTION_LABELS[f].toLowerCase()}`,
      ),
    );
    return { saved: { draft, theme } };
  });
}
