/**
 * Saving an audit's details and its automatic reminders under the conflict rule (issue 10): a form
 * shown before another admin saved never writes back over what they saved; where both changed a
 * field, nothing is saved until the person chooses. Every save is in the history, field by field.
 */
import type { Db } from '../../db/client.ts';
import type { CycleKind } from '../../db/schema.ts';
import { changedFields, type RecordRef, recordChanges } from '../../domain/record-history.repository.ts';
import { type FieldConflict, type FormVersion, mergeFormRecord } from '../../web/form-version.ts';
import { lockReminderSchedule, saveReminderSchedule } from './cycle-events.repository.ts';
import type { CycleDetailsValues } from './cycle-form.ts';
import { cycleExists, lockCycleDetails, updateCycleDetails } from './cycles.repository.ts';
import type { ReminderSchedule } from './reminder-schedule.ts';

/** The details' record in the conflict rule. */
export const CYCLE_DETAILS_RECORD = 'details';
/** The automatic reminders' record in the conflict rule. */
export const REMINDERS_RECORD = 'reminders';

/** An audit's history: its details and its reminders, one record. */
export const cycleRecord = (partnershipId: string, cycleId: string): RecordRef => ({
  partnershipId,
  kind: 'audit_cycle',
  id: cycleId,
});

/** The details as the conflict rule compares them (the focus questions as a set: their order means nothing). */
export interface CycleDetailsRecord {
  name: string;
  kind: string;
  introduction: string;
  focusQuestionIds: string[];
}

export const cycleDetailsRecord = (d: CycleDetailsRecord): CycleDetailsRecord => ({
  name: d.name,
  kind: d.kind,
  introduction: d.introduction,
  focusQuestionIds: [...d.focusQuestionIds].sort(),
});

export const CYCLE_DETAILS_LABELS: Record<keyof CycleDetailsRecord, string> = {
  name: 'Name',
  kind: 'How often the audit runs',
  introduction: 'Introduction for agencies',
  focusQuestionIds: 'Focus questions',
};

export const REMINDER_LABELS: Record<keyof ReminderSchedule, string> = {
  daysBefore: 'Days before the deadline',
  daysAfter: 'Days after the deadline, while the return is overdue',
};

export type SaveCycleDetailsOutcome =
  | { saved: true }
  | { conflicts: FieldConflict<keyof CycleDetailsRecord>[] }
  /** Another audit of the partnership has the name. */
  | { nameTaken: true };

export async function saveCycleDetails(
  db: Db,
  partnershipId: string,
  cycleId: string,
  values: CycleDetailsValues,
  userId: string,
  now: Date,
  form: FormVersion = {},
): Promise<SaveCycleDetailsOutcome> {
  return db.transaction(async (tx) => {
    const stored = await lockCycleDetails(tx, partnershipId, cycleId);
    if (!stored) throw new Error('The audit has gone');
    const current = cycleDetailsRecord(stored);
    const merge = mergeFormRecord(CYCLE_DETAILS_RECORD, cycleDetailsRecord(values), current, form);
    if (merge.conflicts.length > 0) return { conflicts: merge.conflicts };
    const merged = merge.merged;
    if (merged.name !== current.name && (await cycleExists(tx, partnershipId, merged.name, cycleId)))
      return { nameTaken: true };
    const changes = changedFields(
      { ...current, focusQuestionIds: current.focusQuestionIds.join(',') },
      { ...merged, focusQuestionIds: merged.focusQuestionIds.join(',') },
    );
    if (changes.length === 0) return { saved: true };
    // The kind is a known one: either the one typed (checked by the form) or the one stored.
    await updateCycleDetails(tx, partnershipId, cycleId, { ...merged, kind: merged.kind as CycleKind });
    await recordChanges(tx, cycleRecord(partnershipId, cycleId), userId, now, changes);
    return { saved: true };
  });
}

export async function saveReminders(
  db: Db,
  partnershipId: string,
  cycleId: string,
  schedule: ReminderSchedule,
  userId: string,
  now: Date,
  form: FormVersion = {},
): Promise<{ saved: true } | { conflicts: FieldConflict<keyof ReminderSchedule>[] }> {
  return db.transaction(async (tx) => {
    const current = await lockReminderSchedule(tx, partnershipId, cycleId);
    if (!current) throw new Error('The audit has gone');
    const merge = mergeFormRecord(REMINDERS_RECORD, schedule, current, form);
    if (merge.conflicts.length > 0) return { conflicts: merge.conflicts };
    const days = (s: ReminderSchedule) => ({
      daysBefore: s.daysBefore.join(', '),
      daysAfter: s.daysAfter.join(', '),
    });
    const changes = changedFields(days(current), days(merge.merged));
    if (changes.length === 0) return { saved: true };
    await saveReminderSchedule(tx, partnershipId, cycleId, merge.merged);
    await recordChanges(tx, cycleRecord(partnershipId, cycleId), userId, now, changes);
    return { saved: true };
  });
}
