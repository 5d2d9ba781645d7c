/**
 * The conflict rule of every form that edits a record (issue 10, "no lost updates").
 *
 * A form carries, in one hidden field, what it showed: a short fingerprint of each field's value as
 * it was shown (the version of the record, field by field: a record such as a theme page spans
 * several tables, edited from several pages, so one counter per row could not say which field moved). When it is saved, each field is merged three ways
 * against the record as it stands now:
 *
 * - the person did not change it: the stored value stays (a newer value is never written over);
 * - only the person changed it: their value is saved;
 * - both changed it, to different values: a conflict. Nothing is saved until the person chooses,
 *   field by field, on the conflict page (`resolve-<key>` = `mine` or `theirs`). A choice counts only
 *   while the stored value is still the one the conflict page showed (`seen-<key>`); if it changed
 *   again, the field is a conflict again.
 *
 * Fingerprints, not values, travel in the form: the page stays small and nothing typed by someone
 * else is copied into another person's form. A form with no fingerprints (made before this rule)
 * saves as it did: what it holds is written.
 */
import { createHash, hash } from 'node:crypto';

/** The hidden field holding what the form showed. */
export const SHOWN_FIELD = '_shown';
/** The hidden field listing the conflicts a conflict page asked about. */
export const CONFLICTS_FIELD = '_conflicts';
export const resolveField = (key: string) => `resolve-${key}`;
export const seenField = (key: string) => `seen-${key}`;

/**
 * SHA-256 in base64url. `crypto.hash` (Node 20.12 and later) does it in one call, twice as fast as a
 * Hash object: a theme page fingerprints every field of every question it shows.
 */
const sha256: (text: string) => string =
  typeof hash === 'function'
    ? (text) => hash('sha256', text, 'base64url')
    : (text) => createHash('sha256').update(text).digest('base64url');

/** A short fingerprint of a field's value (its JSON): enough to tell two values apart. */
export function fingerprint(value: unknown): string {
  return sha256(JSON.stringify(value ?? null)).slice(0, 16);
}

/** What a form showed of one record: each field's fingerprint. */
export type ShownRecord = Record<string, string>;
/** What a form showed, by record key (e.g. a question id, or "rating"). */
export type Shown = Record<string, ShownRecord>;

/** Fingerprints every field of a record as it is shown. */
export function shownRecord<T extends object>(fields: T): ShownRecord {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, fingerprint(v)]));
}

/** A plain object (what JSON makes of `{…}`), not an array or null. */
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The hidden field's JSON, when it has the shape of `Shown`: records of at most 100 characters' key,
 * each of fields of at most 100 characters' key with a text of at most 64 (a fingerprint is 16).
 * Checked by hand, not by a schema: a theme page's has some 180 fingerprints, read on every save.
 */
function asShown(v: unknown): Shown | null {
  if (!isRecord(v)) return null;
  for (const record in v) {
    const fields = v[record];
    if (record.length > 100 || !isRecord(fields)) return null;
    for (const field in fields) {
      const print = fields[field];
      if (field.length > 100 || typeof print !== 'string' || print.length > 64) return null;
    }
  }
  return v as Shown;
}

export function encodeShown(shown: Shown): string {
  return Buffer.from(JSON.stringify(shown)).toString('base64url');
}

/** The hidden field's value as posted, to carry into the page shown again. */
export function shownOf(body: Record<string, unknown>): string {
  const raw = body[SHOWN_FIELD];
  return typeof raw === 'string' ? raw : '';
}

/**
 * The hidden field of a page showing one record: what a form kept when the session ended showed
 * (the conflict rule compares with that, not with the record as it is now), else the record as saved.
 */
export function shownForPage(
  kept: { body: Record<string, unknown> } | null | undefined,
  record: string,
  saved: object,
): string {
  return kept ? shownOf(kept.body) : encodeShown({ [record]: shownRecord(saved) });
}

/** What a posted form showed, or null when it carries nothing readable (an older form). */
export function decodeShown(body: Record<string, unknown>): Shown | null {
  const raw = body[SHOWN_FIELD];
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 200_000) return null;
  try {
    return asShown(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
  } catch {
    return null;
  }
}

/** A field both people changed. `key` names it in the conflict page's fields. */
export interface FieldConflict<F extends string = string> {
  key: string;
  record: string;
  field: F;
  mine: unknown;
  theirs: unknown;
  /** True when the conflict page was shown for this value and the person did not choose. */
  unanswered: boolean;
}

export type Resolutions = Map<string, { choice: 'mine' | 'theirs'; seen: string }>;

/** The choices posted from a conflict page. */
export function readResolutions(body: Record<string, unknown>): Resolutions {
  const out: Resolutions = new Map();
  const asked = body[CONFLICTS_FIELD];
  const keys = (Array.isArray(asked) ? asked : [asked]).filter((k): k is string => typeof k === 'string');
  for (const list of keys)
    for (const key of list.split(',')) {
      if (!key) continue;
      const choice = body[resolveField(key)];
      const seen = body[seenField(key)];
      out.set(key, {
        choice: choice === 'mine' || choice === 'theirs' ? choice : ('' as never),
        seen: typeof seen === 'string' ? seen : '',
      });
    }
  return out;
}

/** What a posted form brings to the conflict rule: what it showed, and the choices made on a conflict page. */
export interface FormVersion {
  shown?: Shown | null;
  resolutions?: Resolutions;
}

/** The conflict rule's part of a posted form. */
export function formVersion(body: Record<string, unknown>): FormVersion {
  return { shown: decodeShown(body), resolutions: readResolutions(body) };
}

export const fieldKey = (record: string, field: string) =>
  `${record}.${field}`.replace(/[^A-Za-z0-9._-]/g, '');

/**
 * Merges one record three ways. `typed` is what the form holds, `current` the record as stored now,
 * `shown` what the form showed of it (null: an older form, typed wins). Returns
 * the values to store, and the conflicts (when there are any, nothing may be stored).
 */
export function mergeRecord<T extends object>(
  record: string,
  typed: T,
  current: T,
  shown: ShownRecord | null | undefined,
  resolutions: Resolutions,
  same: (field: keyof T & string, a: unknown, b: unknown) => boolean = (_f, a, b) =>
    fingerprint(a) === fingerprint(b),
): { merged: T; conflicts: FieldConflict<keyof T & string>[]; mineChanged: Array<keyof T & string> } {
  const merged = { ...typed };
  const conflicts: FieldConflict<keyof T & string>[] = [];
  const mineChanged: Array<keyof T & string> = [];
  if (!shown) return { merged, conflicts, mineChanged: Object.keys(typed) as Array<keyof T & string> };
  for (const field of Object.keys(typed) as Array<keyof T & string>) {
    const was = shown[field];
    const mine: unknown = typed[field];
    const theirs: unknown = current[field];
    // A field the form did not show (added since) counts as shown as it is now.
    const mineDiffers = was === undefined ? !same(field, mine, theirs) : fingerprint(mine) !== was;
    // (The same value both ways, as most fields of a save are, is fingerprinted once.)
    const theirsDiffers = was !== undefined && (mine === theirs ? mineDiffers : fingerprint(theirs) !== was);
    if (!mineDiffers) {
      merged[field] = theirs as T[typeof field];
      continue;
    }
    mineChanged.push(field);
    if (!theirsDiffers || same(field, mine, theirs)) continue;
    const key = fieldKey(record, field);
    const chosen = resolutions.get(key);
    if (chosen?.seen === fingerprint(theirs) && chosen.choice) {
      if (chosen.choice === 'theirs') {
        merged[field] = theirs as T[typeof field];
        mineChanged.pop();
      }
      continue;
    }
    conflicts.push({ key, record, field, mine, theirs, unanswered: chosen?.seen === fingerprint(theirs) });
  }
  return { merged, conflicts, mineChanged };
}

/** `mergeRecord` of one record of a posted form, against what the form showed of that record. */
export function mergeFormRecord<T extends object>(
  record: string,
  typed: T,
  current: T,
  form: FormVersion,
  same?: (field: keyof T & string, a: unknown, b: unknown) => boolean,
): ReturnType<typeof mergeRecord<T>> {
  return mergeRecord(
    record,
    typed,
    current,
    form.shown ? (form.shown[record] ?? {}) : null,
    form.resolutions ?? new Map(),
    same,
  );
}
