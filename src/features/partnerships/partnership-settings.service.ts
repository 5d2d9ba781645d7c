/**
 * Saving the partnership's details under the conflict rule (issue 10): a stale form never writes
 * back over details someone else saved since it was shown; where both changed a field, nothing is
 * saved until the person chooses. Every save is recorded, field by field, in the history.
 */
import type { Db } from '../../db/client.ts';
import { changedFields, type RecordRef, recordChanges } from '../../domain/record-history.repository.ts';
import { type FieldConflict, type FormVersion, mergeFormRecord } from '../../web/form-version.ts';
import type { DetailsValues } from './partnership-form.ts';
import {
  lockDetails,
  lockHeaderColour,
  lockLocalityName,
  renameLocality,
  setHeaderColour,
  shortNameTaken,
  updateDetails,
} from './partnerships.repository.ts';

export const DETAILS_RECORD = 'details';
/** The header colour's record in the conflict rule (its history is the details' record). */
export const BRANDING_RECORD = 'branding';
/** A locality's record in the conflict rule. */
export const LOCALITY_RECORD = 'locality';

/** A locality's history: its own record among the partnership's details. */
export const localityRecord = (partnershipId: string, localityId: string): RecordRef => ({
  partnershipId,
  kind: 'partnership_details',
  id: localityId,
});

export const DETAILS_LABELS: Record<keyof DetailsValues, string> = {
  name: 'Name',
  shortName: 'Short name',
  contactEmail: 'Contact email address',
  introduction: 'Introduction for agencies',
};

export const detailsRecord = (partnershipId: string): RecordRef => ({
  partnershipId,
  kind: 'partnership_details',
  id: partnershipId,
});

export type SaveDetailsOutcome =
  | { saved: true }
  | { conflicts: FieldConflict<keyof DetailsValues>[] }
  /** The short name another partnership took meanwhile. */
  | { shortNameTaken: true };

export async function savePartnershipDetails(
  db: Db,
  partnershipId: string,
  values: DetailsValues,
  userId: string,
  now: Date,
  form: FormVersion = {},
): Promise<SaveDetailsOutcome> {
  return db.transaction(async (tx) => {
    const current = await lockDetails(tx, partnershipId);
    if (!current) throw new Error('The partnership has gone');
    const merge = mergeFormRecord(DETAILS_RECORD, values, current, form);
    if (merge.conflicts.length > 0) return { conflicts: merge.conflicts };
    const merged = merge.merged;
    if (merged.shortName !== current.shortName && (await shortNameTaken(tx, merged.shortName, partnershipId)))
      return { shortNameTaken: true };
    const changes = changedFields(current, merged);
    if (changes.length === 0) return { saved: true };
    await updateDetails(tx, partnershipId, merged);
    await recordChanges(tx, detailsRecord(partnershipId), userId, now, changes);
    return { saved: true };
  });
}

/**
 * Saving the header colour under the same rule: a form shown before someone else saved another
 * colour brings the conflict page rather than writing over it; each change is in the history.
 */
export async function saveHeaderColour(
  db: Db,
  partnershipId: string,
  headerColour: string | null,
  userId: string,
  now: Date,
  form: FormVersion = {},
): Promise<{ saved: true } | { conflicts: FieldConflict<'headerColour'>[] }> {
  return db.transaction(async (tx) => {
    const current = { headerColour: await lockHeaderColour(tx, partnershipId) };
    const merge = mergeFormRecord(BRANDING_RECORD, { headerColour }, current, form);
    if (merge.conflicts.length > 0) return { conflicts: merge.conflicts };
    const changes = changedFields(current, merge.merged);
    if (changes.length === 0) return { saved: true };
    await setHeaderColour(tx, partnershipId, merge.merged.headerColour);
    await recordChanges(tx, detailsRecord(partnershipId), userId, now, changes);
    return { saved: true };
  });
}

/**
 * Renaming a locality under the same rule: a rename from a form shown before someone else renamed
 * it brings the conflict page; each rename is in the history.
 */
export async function saveLocalityName(
  db: Db,
  partnershipId: string,
  localityId: string,
  name: string,
  userId: string,
  now: Date,
  form: FormVersion = {},
): Promise<{ saved: true } | { conflicts: FieldConflict<'name'>[] }> {
  return db.transaction(async (tx) => {
    const stored = await lockLocalityName(tx, partnershipId, localityId);
    if (stored === null) throw new Error('The locality has gone');
    const current = { name: stored };
    const merge = mergeFormRecord(LOCALITY_RECORD, { name }, current, form);
    if (merge.conflicts.length > 0) return { conflicts: merge.conflicts };
    const changes = changedFields(current, merge.merged);
    if (changes.length === 0) return { saved: true };
    await renameLocality(tx, partnershipId, localityId, merge.merged.name);
    await recordChanges(tx, localityRecord(partnershipId, localityId), userId, now, changes);
    return { saved: true };
  });
}
