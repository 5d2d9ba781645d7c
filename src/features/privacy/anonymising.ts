/**
 * Anonymisation of personal data. The change history and the record of sent mail are append-only
 * (migration 0024's triggers): only a transaction that first declares itself an anonymisation, with
 * the transaction-local setting `app.anonymising`, may rewrite them. Nothing else sets it.
 */
import { sql } from 'drizzle-orm';
import { asOwner } from '../../db/acting-partnership.ts';
import type { Db, Tx } from '../../db/client.ts';

/** What replaces a person's name. */
export const REMOVED_NAME = 'Removed person';
/** What replaces an email address or other contact detail inside text. */
export const REMOVED_CONTACT = '[removed]';

/**
 * Runs `work` in a transaction allowed to rewrite the append-only tables (for anonymisation only).
 * The app's role may not change or delete history or sent mail at all (migration 0034): this
 * transaction runs as the tables' owner (`asOwner`), the one place the app does so besides its
 * migrations and the job queue's schema, and still declares itself to the tables' triggers.
 */
export async function anonymisingTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return asOwner(() =>
    db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.anonymising', 'on', true)`);
      return work(tx as Tx);
    }),
  );
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Any email address within text. */
const EMAIL_IN_TEXT = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

export interface ScrubTerms {
  /** Names, replaced as whole words whatever their case. */
  names: string[];
  /** Other contact details (phone numbers, addresses), replaced wherever they appear. */
  contacts: string[];
  /** Replace every email address, not only the listed ones. */
  allEmails?: boolean;
}

/**
 * The text with the given names and contact details replaced; email addresses among the contacts
 * are matched whatever their case. Names shorter than two letters are left alone (too likely to
 * match ordinary words).
 */
export function scrubText(text: string, terms: ScrubTerms): string {
  let out = text;
  if (terms.allEmails) out = out.replace(EMAIL_IN_TEXT, REMOVED_CONTACT);
  for (const contact of [...new Set(terms.contacts.map((c) => c.trim()).filter((c) => c.length >= 3))])
    out = out.replace(new RegExp(escapeRegExp(contact), 'gi'), REMOVED_CONTACT);
  const names = [...new Set(terms.names.map((n) => n.trim()).filter((n) => n.length >= 2))].sort(
    (a, b) => b.length - a.length,
  );
  for (const name of names)
    out = out.replace(
      new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'giu'),
      REMOVED_NAME,
    );
  return out;
}
