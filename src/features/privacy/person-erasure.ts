/**
 * Anonymising one person everywhere the partnership holds them (and, for someone of an agency that
 * works with several partnerships, everywhere the agency does: see `otherPartnershipsOfAgency`),
 * when an admin removes them: their
 * account's name and address replaced, their sessions, sign-in links and invitations ended, the API
 * tokens they made revoked, and their name and address replaced in the partnership's change
 * history, returns, actions, enquiries, challenge events and record of sent mail. Only possible for
 * someone with no other role anywhere (their account is shared by every partnership and agency).
 */
import { type SQL, sql } from 'drizzle-orm';
import { type Db, type DbOrTx, queryRows, type Tx } from '../../db/client.ts';
import { personalDataErasures } from '../../db/schema.ts';
import { HttpError } from '../../lib/http-errors.ts';
import { holdsAnyRole } from '../people/memberships.repository.ts';
import { anonymisingTransaction, REMOVED_NAME, type ScrubTerms } from './anonymising.ts';
import { countChanged, scrubColumns } from './scrub-columns.ts';

/**
 * The other partnerships an agency works with. Someone whose only role was in the agency acted for
 * it in each of them, so anonymising them (which an admin of any one may do, as removing them from
 * the agency ends their role in all) replaces their name and address in each one's records too, and
 * each one's record of erasures says so. Someone with a role anywhere else is never anonymised by a
 * partnership's admin (`holdsOtherRoles`); the command line may do every partnership.
 */
export async function otherPartnershipsOfAgency(db: DbOrTx, agencyId: string, partnershipId: string) {
  const rows = await queryRows<{ partnership_id: string }>(
    db,
    sql`select partnership_id from agency_memberships
        where agency_id = ${agencyId} and partnership_id <> ${partnershipId} order by created_at, partnership_id`,
  );
  return rows.map((r) => r.partnership_id);
}

/**
 * The error page when `anonymisePerson` did nothing after they were removed: someone gave them a
 * role again meanwhile (409), or their account is no longer there to anonymise (410).
 */
export async function notAnonymised(db: DbOrTx, userId: string, back: string): Promise<HttpError> {
  const links = [{ text: 'Go back to the people', href: back }];
  if (await holdsAnyRole(db, userId))
    return new HttpError(
      409,
      'This person was not anonymised',
      'They were removed, but they were given a role again while you confirmed, so their account is still in use. Their name and address were not replaced.',
      links,
    );
  return new HttpError(
    410,
    'This person is no longer here',
    'Their account was anonymised or removed already. Nothing was changed.',
    links,
  );
}

/** The anonymised address of an account (unique, and never deliverable). */
export const anonymisedEmail = (id: string) => `removed-${id}@anonymised.invalid`;

/** Rows whose columns mention any of the needles (lower-cased). */
function mentions(columns: string[], needles: string[]): SQL {
  const tests = columns.flatMap((c) =>
    needles.map((n) => sql`strpos(lower(coalesce(${sql.identifier(c)}, '')), ${n}) > 0`),
  );
  return tests.length ? sql`(${sql.join(tests, sql` or `)})` : sql`false`;
}

export interface PersonErasure {
  valuesReplaced: number;
}

/**
 * Anonymises the person (who must already be removed and hold no other role) in the records of
 * each partnership given (those their role was in for an admin's removal; every partnership for an
 * operator's). Returns how many values were replaced; the record of erasures says when, by whom
 * (null: an operator at the command line), and how many, in each partnership of `belongsTo` (by
 * default all given) and in any other where something of theirs was replaced: never in a
 * partnership they had nothing to do with.
 */
export async function anonymisePerson(
  db: Db,
  partnershipIds: string | ReadonlyArray<string>,
  userId: string,
  byUserId: string | null,
  now: Date,
  belongsTo?: ReadonlyArray<string>,
): Promise<PersonErasure | null> {
  const given = typeof partnershipIds === 'string' ? [partnershipIds] : [...partnershipIds];
  const member = new Set(belongsTo ?? given);
  // Where they belong first: the account's own values count in the first of those.
  const scopes = [...given.filter((p) => member.has(p)), ...given.filter((p) => !member.has(p))];
  return anonymisingTransaction(db, async (tx) => {
    const [person] = await queryRows<{ name: string; email: string; phone: string | null }>(
      tx,
      sql`select name, email, phone from users where id = ${userId} for update`,
    );
    // Someone given a role again since the admin confirmed keeps their account as it is.
    if (!person || (await holdsAnyRole(tx, userId))) return null;
    const email = person.email.toLowerCase();
    const terms: ScrubTerms = {
      names: [person.name],
      contacts: [email, ...(person.phone ? [person.phone] : [])],
    };
    const needles = [person.name, ...terms.contacts]
      .map((n) => n.trim().toLowerCase())
      .filter((n) => n.length >= 2);

    // The account, and everything that lets anyone sign in as it.
    await tx.execute(
      sql`update users set name = ${REMOVED_NAME}, email = ${anonymisedEmail(userId)}, job_title = null,
            phone = null, last_signed_in_at = null where id = ${userId}`,
    );
    let total = 2;
    let accountCounted = false;
    await tx.execute(sql`delete from sessions where user_id = ${userId}`);
    await tx.execute(sql`delete from sign_in_tokens where user_id = ${userId}`);
    await tx.execute(sql`delete from invitations where user_id = ${userId}`);
    for (const [i, p] of scopes.entries()) {
      const replaced = await anonymiseInPartnership(tx as Tx, p, userId, byUserId, now, {
        email,
        terms,
        needles,
        // Mail with no partnership (their own sign-in links) is rewritten once.
        unattachedMail: i === 0,
      });
      total += replaced;
      if (!member.has(p) && replaced === 0) continue;
      await tx.insert(personalDataErasures).values({
        partnershipId: p,
        kind: 'person',
        // The account's own two values count in the first partnership's record, as they always have.
        valuesReplaced: replaced + (accountCounted ? 0 : 2),
        performedBy: byUserId,
        createdAt: now,
      });
      accountCounted = true;
    }
    return { valuesReplaced: total };
  });
}

/** Their name and address replaced in one partnership's records; how many values were. */
async function anonymiseInPartnership(
  tx: Tx,
  p: string,
  userId: string,
  byUserId: string | null,
  now: Date,
  o: { email: string; terms: ScrubTerms; needles: string[]; unattachedMail: boolean },
): Promise<number> {
  const { email, terms, needles } = o;
  let replaced = 0;
  const count = async (query: SQL) => {
    replaced += await countChanged(tx, query);
  };
  const scrub = async (table: string, columns: string[], where: SQL) => {
    replaced += await scrubColumns(
      tx,
      table,
      columns,
      sql`${where} and ${mentions(columns, needles)}`,
      terms,
    );
  };
  await tx.execute(
    sql`update api_tokens set revoked_at = ${now}, revoked_by = ${byUserId}
        where partnership_id = ${p} and created_by = ${userId} and revoked_at is null`,
  );

  // Where the partnership's records hold their name or address as text.
  await count(
    sql`update returns set completer_name = ${REMOVED_NAME}, completer_email = null, completer_phone = null
        where partnership_id = ${p} and lower(completer_email) = ${email}`,
  );
  await scrub('returns', ['completer_name', 'completer_phone', 'signoff_name'], sql`partnership_id = ${p}`);
  await scrub('return_history', ['old_value', 'new_value', 'note'], sql`partnership_id = ${p}`);
  await scrub('record_history', ['old_value', 'new_value'], sql`partnership_id = ${p}`);
  await scrub('template_draft_history', ['old_value', 'new_value'], sql`partnership_id = ${p}`);
  await scrub('actions', ['lead_person'], sql`partnership_id = ${p}`);
  await scrub('action_updates', ['note'], sql`partnership_id = ${p}`);
  await scrub('challenge_events', ['chair', 'attendees'], sql`partnership_id = ${p}`);
  await count(
    sql`update enquiry_messages set author_name = ${REMOVED_NAME}
        where partnership_id = ${p} and author_id = ${userId} and author_name <> ${REMOVED_NAME}`,
  );
  await count(
    sql`update enquiries set public_name = ${REMOVED_NAME}, public_email = ${anonymisedEmail(userId)},
          public_organisation = null
        where partnership_id = ${p} and lower(public_email) = ${email}`,
  );
  await count(
    sql`update join_requests set contact_name = ${REMOVED_NAME}, contact_email = ${anonymisedEmail(userId)}
        where partnership_id = ${p} and lower(contact_email) = ${email}`,
  );
  await count(
    sql`update agency_memberships set lead_contact_email = null
        where partnership_id = ${p} and lower(lead_contact_email) = ${email}`,
  );
  await count(
    sql`update return_notices set sent_to = '[removed]' where partnership_id = ${p} and lower(sent_to) = ${email}`,
  );
  await count(
    sql`update action_reminders set sent_to = '[removed]' where partnership_id = ${p} and lower(sent_to) = ${email}`,
  );
  // Mail: the address it went to (the partnership's, and their own sign-in links), and their name
  // and address within the partnership's mail.
  const mailScope = o.unattachedMail
    ? sql`(partnership_id = ${p} or partnership_id is null)`
    : sql`partnership_id = ${p}`;
  await count(
    sql`update outgoing_mail set "to" = ${anonymisedEmail(userId)} where lower("to") = ${email} and ${mailScope}`,
  );
  await scrub(
    'outgoing_mail',
    ['subject', 'body_text'],
    o.unattachedMail
      ? sql`(partnership_id = ${p} or "to" = ${anonymisedEmail(userId)})`
      : sql`partnership_id = ${p}`,
  );
  return replaced;
}
