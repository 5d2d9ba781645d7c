/**
 * The change history of records edited outside a return (`record_history`): a findings report draft,
 * a guidance or FAQ page, the partnership's details. Each save writes one row per field it changed;
 * the conflict page reads who last changed a field, and when. Every query is scoped by partnership.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { type HistoryRecordKind, recordHistory, users } from '../db/schema.ts';

export interface RecordRef {
  partnershipId: string;
  kind: HistoryRecordKind;
  /** The record within its kind: the report's id, the page's kind, the partnership's id. */
  id: string;
}

export interface FieldChange {
  field: string;
  oldValue: string | null;
  newValue: string | null;
}

/** The fields whose value differs between `before` and `after`, as history rows (values as text). */
export function changedFields<T extends Record<string, unknown>>(before: T, after: T): FieldChange[] {
  const text = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));
  return Object.keys(after)
    .filter((k) => text(before[k]) !== text(after[k]))
    .map((k) => ({ field: k, oldValue: text(before[k]), newValue: text(after[k]) }));
}

/** Records one save's changes (nothing when it changed nothing). */
export async function recordChanges(
  db: DbOrTx,
  record: RecordRef,
  userId: string,
  now: Date,
  changes: FieldChange[],
): Promise<void> {
  if (changes.length === 0) return;
  await db.insert(recordHistory).values(
    changes.map((c) => ({
      partnershipId: record.partnershipId,
      recordKind: record.kind,
      recordId: record.id,
      userId,
      field: c.field,
      oldValue: c.oldValue,
      newValue: c.newValue,
      createdAt: now,
    })),
  );
}

/** Who last changed each of `fields` of the record, and when. */
export async function lastRecordChanges(
  db: DbOrTx,
  record: RecordRef,
  fields: string[],
): Promise<Map<string, { userName: string | null; at: Date }>> {
  if (fields.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([recordHistory.field], {
      field: recordHistory.field,
      at: recordHistory.createdAt,
      userName: users.name,
    })
    .from(recordHistory)
    .leftJoin(users, eq(users.id, recordHistory.userId))
    .where(
      and(
        eq(recordHistory.partnershipId, record.partnershipId),
        eq(recordHistory.recordKind, record.kind),
        eq(recordHistory.recordId, record.id),
        inArray(recordHistory.field, fields),
      ),
    )
    .orderBy(recordHistory.field, desc(recordHistory.createdAt), desc(recordHistory.id));
  return new Map(rows.map((r) => [r.field, { userName: r.userName, at: r.at }]));
}

/** The record's history, oldest first (for the people who manage it, and tests). */
export async function listRecordHistory(
  db: DbOrTx,
  record: RecordRef,
): Promise<Array<FieldChange & { userId: string | null; at: Date }>> {
  return db
    .select({
      field: recordHistory.field,
      oldValue: recordHistory.oldValue,
      newValue: recordHistory.newValue,
      userId: recordHistory.userId,
      at: recordHistory.createdAt,
    })
    .from(recordHistory)
    .where(
      and(
        eq(recordHistory.partnershipId, record.partnershipId),
        eq(recordHistory.recordKind, record.kind),
        eq(recordHistory.recordId, record.id),
      ),
    )
    .orderBy(recordHistory.createdAt, recordHistory.id);
}
