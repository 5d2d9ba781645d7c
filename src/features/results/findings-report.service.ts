/**
 * Saving the findings report's draft under the conflict rule (issue 10): a stale edit form never
 * writes back over sections someone else saved since it was shown; where both changed a section,
 * nothing is saved until the person chooses. Every save is recorded, section by section, in the
 * report's history.
 */
import type { Db } from '../../db/client.ts';
import { changedFields, type RecordRef, recordChanges } from '../../domain/record-history.repository.ts';
import { type FieldConflict, type FormVersion, mergeFormRecord } from '../../web/form-version.ts';
import {
  type CandidateAnswer,
  ensureReport,
  insertReport,
  lockReport,
  replaceThemeQuotes,
  updateReportText,
} from './findings-report.repository.ts';
import { type FindingsReport, type ReportText, reportFields, reportTextOf } from './findings-report.ts';

export const REPORT_RECORD = 'report';

export const reportRecord = (partnershipId: string, reportId: string): RecordRef => ({
  partnershipId,
  kind: 'findings_report',
  id: reportId,
});

export type SaveReportOutcome =
  | { saved: true; reportId: string }
  /** Both changed these sections: nothing was saved. */
  | { conflicts: FieldConflict[]; reportId: string }
  /** The report was made final meanwhile. */
  | { final: true };

export async function saveReportDraft(
  db: Db,
  where: { partnershipId: string; cycleId: string },
  values: ReportText,
  themeKeys: readonly string[],
  userId: string,
  now: Date,
  form: FormVersion = {},
): Promise<SaveReportOutcome> {
  const { partnershipId, cycleId } = where;
  return db.transaction(async (tx) => {
    let current = await lockReport(tx, partnershipId, cycleId);
    if (!current) {
      // The first save: nobody else's text to keep. Its sections are all recorded as new.
      const id = await insertReport(tx, partnershipId, cycleId, values, userId, now);
      if (id) {
        const empty = Object.fromEntries(Object.keys(reportFields(values, themeKeys)).map((k) => [k, '']));
        await recordChanges(
          tx,
          reportRecord(partnershipId, id),
          userId,
          now,
          changedFields(empty, reportFields(values, themeKeys)),
        );
        return { saved: true, reportId: id };
      }
      // Someone saved the first version at the same moment: merge with theirs.
      current = (await lockReport(tx, partnershipId, cycleId))!;
    }
    if (current.status === 'final') return { final: true };
    const before = reportFields(current.text, themeKeys);
    const merge = mergeFormRecord(REPORT_RECORD, reportFields(values, themeKeys), before, form);
    if (merge.conflicts.length > 0) return { conflicts: merge.conflicts, reportId: current.id };
    const changes = changedFields(before, merge.merged);
    if (changes.length > 0) {
      await updateReportText(
        tx,
        partnershipId,
        current.id,
        reportTextOf(merge.merged, current.text),
        userId,
        now,
      );
      await recordChanges(tx, reportRecord(partnershipId, current.id), userId, now, changes);
    }
    return { saved: true, reportId: current.id };
  });
}

/**
 * Replaces the report's good-practice quotes from one theme with those chosen among `candidates`
 * (each chosen as `answerId:field`), saving the draft first if it was never saved. Refused when a
 * choice was not offered, or the report was made final meanwhile.
 */
export async function saveThemeQuotes(
  db: Db,
  loaded: {
    partnershipId: string;
    cycle: { id: string };
    report: FindingsReport;
    user: { id: string };
    now: Date;
  },
  themeKey: string,
  candidates: CandidateAnswer[],
  chosen: readonly string[],
): Promise<'saved' | 'not-offered' | 'final'> {
  const byValue = new Map<string, { c: CandidateAnswer; t: CandidateAnswer['texts'][number] }>(
    candidates.flatMap((c) => c.texts.map((t) => [`${c.answerId}:${t.field}`, { c, t }] as const)),
  );
  if (chosen.some((v) => !byValue.has(v))) return 'not-offered';
  const report = await ensureReport(
    db,
    loaded.partnershipId,
    loaded.cycle.id,
    loaded.report,
    loaded.user.id,
    loaded.now,
  );
  if (report.status === 'final') return 'final';
  await replaceThemeQuotes(
    db,
    loaded.partnershipId,
    report.id,
    themeKey,
    [...new Set(chosen)].map((v) => {
      const { c, t } = byValue.get(v)!;
      return {
        answerId: c.answerId,
        field: t.field,
        themeKey,
        agencyName: c.agencyName,
        questionText: c.questionText,
        quote: t.text,
      };
    }),
    loaded.user.id,
    loaded.now,
  );
  return 'saved';
}
