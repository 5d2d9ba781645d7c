/**
 * Saving a guidance or FAQ page under the conflict rule (issue 10): a save from a form shown before
 * someone else saved the page never writes over their text silently; when both changed it, nothing is
 * saved until the person chooses. Every save that changes the page is recorded in its history.
 */
import type { Db } from '../../db/client.ts';
import type { PartnershipPageKind } from '../../db/schema.ts';
import { changedFields, type RecordRef, recordChanges } from '../../domain/record-history.repository.ts';
import { type FieldConflict, type FormVersion, mergeFormRecord } from '../../web/form-version.ts';
import { lockPage, savePage } from './partnership-pages.repository.ts';

export const PAGE_RECORD = 'page';

export interface PageValues {
  body: string;
}

export const pageRecord = (partnershipId: string, kind: PartnershipPageKind): RecordRef => ({
  partnershipId,
  kind: 'partnership_page',
  id: kind,
});

/** Saves the page's text; gives the conflicts instead when both changed it (then nothing is saved). */
export async function savePageText(
  db: Db,
  partnershipId: string,
  kind: PartnershipPageKind,
  values: PageValues,
  userId: string,
  now: Date,
  form: FormVersion = {},
): Promise<{ conflicts: FieldConflict<keyof PageValues>[] }> {
  return db.transaction(async (tx) => {
    const current = { body: await lockPage(tx, partnershipId, kind) };
    const merge = mergeFormRecord(PAGE_RECORD, values, current, form);
    if (merge.conflicts.length > 0) return { conflicts: merge.conflicts };
    const changes = changedFields(current, merge.merged);
    if (changes.length === 0) return { conflicts: [] };
    await savePage(tx, partnershipId, kind, merge.merged.body, userId, now);
    await recordChanges(tx, pageRecord(partnershipId, kind), userId, now, changes);
    return { conflicts: [] };
  });
}
