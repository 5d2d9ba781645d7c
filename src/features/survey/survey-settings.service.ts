/**
 * Saving the staff survey's settings under the conflict rule (issue 10): a form shown before another
 * admin saved never writes back over what they saved; where both changed a field, nothing is saved
 * until the person chooses. Every save is in the history, field by field.
 *
 * The record the rule compares is the settings as the page shows them: whether the survey runs, its
 * closing date, and each theme's statements (one a line). Before anyone has saved, that is what the
 * page offers: nothing chosen, no date and the default statements.
 */
import type { Db, DbOrTx } from '../../db/client.ts';
import { changedFields, type RecordRef, recordChanges } from '../../domain/record-history.repository.ts';
import { type FieldConflict, type FormVersion, mergeFormRecord } from '../../web/form-version.ts';
import {
  countAllResponses,
  ensureLinks,
  loadStatements,
  loadSurvey,
  lockSurveyCycle,
  writeSurveySettings,
} from './survey.repository.ts';
import { defaultStatementsFor, type SurveySettingsValues, statementLines } from './survey-statements.ts';

/** The settings' record in the conflict rule. */
export const SURVEY_SETTINGS_RECORD = 'survey';

/** The settings' history: one record per cycle. */
export const surveyRecordRef = (partnershipId: string, cycleId: string): RecordRef => ({
  partnershipId,
  kind: 'staff_survey',
  id: cycleId,
});

/** The settings as the rule compares them, keyed by form field: `enabled`, `closesOn`, `statements-<theme id>`. */
export type SurveySettingsRecord = Record<string, string>;

export const statementsField = (themeId: string) => `statements-${themeId}`;

interface SurveyTheme {
  id: string;
  key: string;
  title: string;
}

/** The settings saved (null: none yet) and the record the page shows (the defaults when none). */
export async function currentSurveySettings(
  db: DbOrTx,
  partnershipId: string,
  cycleId: string,
  themes: ReadonlyArray<SurveyTheme>,
): Promise<{ saved: SurveySettingsRecord | null; shown: SurveySettingsRecord }> {
  const [settings, statements] = await Promise.all([
    loadSurvey(db, partnershipId, cycleId),
    loadStatements(db, partnershipId, cycleId),
  ]);
  const byTheme = (lines: (themeId: string, key: string) => string[]) =>
    Object.fromEntries(themes.map((t) => [statementsField(t.id), lines(t.id, t.key).join('\n')]));
  const saved = settings
    ? {
        enabled: settings.enabled ? 'yes' : 'no',
        closesOn: settings.closesOn ?? '',
        ...byTheme((id) => statements.filter((s) => s.themeId === id).map((s) => s.text)),
      }
    : null;
  return {
    saved,
    shown: saved ?? { enabled: '', closesOn: '', ...byTheme((_id, key) => defaultStatementsFor(key)) },
  };
}

const recordOf = (
  values: SurveySettingsValues,
  themes: ReadonlyArray<SurveyTheme>,
): SurveySettingsRecord => ({
  enabled: values.enabled ? 'yes' : 'no',
  closesOn: values.closesOn ?? '',
  ...Object.fromEntries(
    themes.map((t) => [statementsField(t.id), (values.statements[t.id] ?? []).join('\n')]),
  ),
});

/** The record's words back as the settings to store. */
const valuesOf = (
  record: SurveySettingsRecord,
  themes: ReadonlyArray<SurveyTheme>,
): SurveySettingsValues => ({
  enabled: record.enabled === 'yes',
  closesOn: record.closesOn || null,
  statements: Object.fromEntries(
    themes.map((t) => [t.id, statementLines(record[statementsField(t.id)] ?? '')]),
  ),
});

/**
 * Saves the settings typed. Once staff have answered, the statements stay as saved whatever the
 * form holds: every answer stays with the statement it was given to.
 */
export async function saveSurveySettingsForm(
  db: Db,
  partnershipId: string,
  cycleId: string,
  themes: ReadonlyArray<SurveyTheme>,
  values: SurveySettingsValues,
  userId: string,
  now: Date,
  form: FormVersion = {},
): Promise<{ saved: true } | { conflicts: FieldConflict[] }> {
  const outcome = await db.transaction(async (tx) => {
    if (!(await lockSurveyCycle(tx, partnershipId, cycleId))) throw new Error('The audit has gone');
    const { saved, shown } = await currentSurveySettings(tx, partnershipId, cycleId, themes);
    const locked = (await countAllResponses(tx, partnershipId, cycleId)) > 0;
    const typed = recordOf(values, themes);
    if (locked) for (const t of themes) typed[statementsField(t.id)] = shown[statementsField(t.id)] ?? '';
    const merge = mergeFormRecord(SURVEY_SETTINGS_RECORD, typed, shown, form);
    if (merge.conflicts.length > 0) return { conflicts: merge.conflicts };
    const merged = valuesOf(merge.merged, themes);
    // The history compares with what was stored: a first save records every field it sets.
    const before = saved ?? { enabled: '', closesOn: '' };
    const changes = changedFields(before, recordOf(merged, themes));
    await writeSurveySettings(tx, partnershipId, cycleId, merged, !locked, userId, now);
    await recordChanges(tx, surveyRecordRef(partnershipId, cycleId), userId, now, changes);
    return { saved: true as const, enabled: merged.enabled };
  });
  if (!('saved' in outcome)) return outcome;
  if (outcome.enabled) await ensureLinks(db, partnershipId, cycleId);
  return { saved: true };
}
