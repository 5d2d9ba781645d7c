/**
 * A subject access export: everything the partnership holds about one email address, as JSON and
 * as one CSV file per kind of record, in a zip. Only the asking partnership's records, and the
 * person's account only when it is linked to the partnership (a role, an invitation, or a change to
 * a return, a findings report, a page, the partnership's details or a draft template: someone
 * removed since, such as a former admin, is still found by the changes they made).
 */

import { type SQL, sql } from 'drizzle-orm';
import JSZip from 'jszip';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import { toCsv } from '../../lib/spreadsheet.ts';

type Row = Record<string, unknown>;

export interface SubjectAccessData {
  email: string;
  partnership: string;
  generatedAt: string;
  /** Each kind of record, in order, with its rows (column name to value). */
  sections: Record<string, Row[]>;
}

/** What each section is, for the README in the zip. */
export const SECTION_DESCRIPTIONS: Record<string, string> = {
  account: 'Their account: name, email address, job title, phone, when it was made and last signed in',
  partnership_roles: 'Their role in the partnership (admin or reviewer)',
  agency_roles: 'Their roles at the partnership’s agencies (agency lead or contributor)',
  invitations: 'Invitations waiting for their answer',
  returns_completed: 'Returns giving them as the person who completed them, with their contact details',
  change_history: 'Changes to returns they made, or whose values give their email address',
  other_change_history:
    'Changes they made to findings reports, guidance and FAQ pages or the partnership’s details, or whose values give their email address',
  template_draft_history: 'Changes they made to draft templates, or whose values give their email address',
  actions_led: 'Actions naming them as lead person',
  action_updates: 'Progress updates on actions they wrote',
  enquiries: 'Enquiries they sent to the partnership',
  enquiry_messages: 'Messages they wrote in enquiries',
  challenge_messages: 'Messages they wrote in challenges of returns',
  join_requests: 'Requests to take part that give their email address',
  agency_lead_contacts: 'Agencies giving them as lead contact',
  emails_sent: 'Emails the service sent them for the partnership',
  reminders_sent: 'Return and action reminders sent to them',
};

function jsonValue(v: unknown): unknown {
  return v instanceof Date ? v.toISOString() : v;
}

export async function gatherSubjectAccess(
  db: DbOrTx,
  partnership: { id: string; name: string },
  rawEmail: string,
  now: Date,
): Promise<SubjectAccessData> {
  const email = rawEmail.trim().toLowerCase();
  const p = partnership.id;
  const q = async (query: SQL) =>
    (await queryRows<Row>(db, query)).map((r) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, jsonValue(v)])),
    );
  const [user] = await queryRows<{ id: string; name: string }>(
    db,
    sql`select u.id, u.name from users u where u.email = ${email}
          and (exists (select 1 from partnership_roles r where r.user_id = u.id and r.partnership_id = ${p})
            or exists (select 1 from agency_users au join agency_memberships m on m.agency_id = au.agency_id
                        where au.user_id = u.id and m.partnership_id = ${p})
            or exists (select 1 from invitations i where i.user_id = u.id and i.partnership_id = ${p})
            or exists (select 1 from return_history h where h.user_id = u.id and h.partnership_id = ${p})
            or exists (select 1 from record_history h where h.user_id = u.id and h.partnership_id = ${p})
            or exists (select 1 from template_draft_history h where h.user_id = u.id and h.partnership_id = ${p}))`,
  );
  const uid = user?.id ?? null;
  const sections: Record<string, Row[]> = {
    account: uid
      ? await q(
          sql`select name, email, job_title, phone, created_at, last_signed_in_at from users where id = ${uid}`,
        )
      : [],
    partnership_roles: await q(
      sql`select role, created_at from partnership_roles where partnership_id = ${p} and user_id = ${uid}::uuid`,
    ),
    agency_roles: await q(
      sql`select a.name as agency, au.role, au.created_at from agency_users au
          join agency_memberships m on m.agency_id = au.agency_id and m.partnership_id = ${p}
          join agencies a on a.id = au.agency_id
          where au.user_id = ${uid}::uuid order by a.name`,
    ),
    invitations: await q(
      sql`select i.role, a.name as agency, i.invited_name, i.created_at from invitations i
          left join agencies a on a.id = i.agency_id
          where i.user_id = ${uid}::uuid and (i.partnership_id = ${p}
            or i.agency_id in (select agency_id from agency_memberships where partnership_id = ${p}))`,
    ),
    returns_completed: await q(
      sql`select c.name as audit, a.name as agency, r.reference, r.completer_name, r.completer_role,
            r.completer_email, r.completer_phone, r.signoff_name, r.signoff_job_title, r.submitted_at
          from returns r join cycles c on c.id = r.cycle_id join agencies a on a.id = r.agency_id
          where r.partnership_id = ${p} and lower(r.completer_email) = ${email} order by r.created_at`,
    ),
    change_history: await q(
      sql`select c.name as audit, a.name as agency, h.event, h.field, h.old_value, h.new_value, h.note,
            h.created_at, (h.user_id = ${uid}::uuid) as made_by_them
          from return_history h join returns r on r.id = h.return_id join cycles c on c.id = r.cycle_id
          join agencies a on a.id = r.agency_id
          where h.partnership_id = ${p} and (h.user_id = ${uid}::uuid
            or strpos(lower(coalesce(h.old_value, '') || ' ' || coalesce(h.new_value, '') || ' ' || coalesce(h.note, '')), ${email}) > 0)
          order by h.created_at, h.id`,
    ),
    other_change_history: await q(
      sql`select h.record_kind as record, h.field, h.old_value, h.new_value, h.created_at,
            (h.user_id = ${uid}::uuid) as made_by_them
          from record_history h
          where h.partnership_id = ${p} and (h.user_id = ${uid}::uuid
            or strpos(lower(coalesce(h.old_value, '') || ' ' || coalesce(h.new_value, '')), ${email}) > 0)
          order by h.created_at, h.id`,
    ),
    template_draft_history: await q(
      sql`select h.field, h.old_value, h.new_value, h.created_at, (h.user_id = ${uid}::uuid) as made_by_them
          from template_draft_history h
          where h.partnership_id = ${p} and (h.user_id = ${uid}::uuid
            or strpos(lower(coalesce(h.old_value, '') || ' ' || coalesce(h.new_value, '')), ${email}) > 0)
          order by h.created_at, h.id`,
    ),
    actions_led: await q(
      sql`select a.description, a.lead_person, a.target_date, a.status, a.created_at from actions a
          where a.partnership_id = ${p} and ${user?.name ?? null}::text is not null
            and lower(a.lead_person) = lower(${user?.name ?? ''}) order by a.created_at`,
    ),
    action_updates: await q(
      sql`select u.status, u.note, u.created_at from action_updates u
          where u.partnership_id = ${p} and u.user_id = ${uid}::uuid order by u.created_at`,
    ),
    enquiries: await q(
      sql`select e.subject, e.status, e.public_name, e.public_email, e.public_organisation, e.created_at
          from enquiries e where e.partnership_id = ${p}
            and (lower(e.public_email) = ${email} or e.created_by = ${uid}::uuid) order by e.created_at`,
    ),
    enquiry_messages: await q(
      sql`select e.subject, m.author_name, m.body, m.created_at from enquiry_messages m
          join enquiries e on e.id = m.enquiry_id
          where m.partnership_id = ${p} and (m.author_id = ${uid}::uuid
            or (lower(e.public_email) = ${email} and not m.from_partnership)) order by m.created_at`,
    ),
    challenge_messages: await q(
      sql`select m.side, m.body, m.created_at from challenge_messages m
          where m.partnership_id = ${p} and m.user_id = ${uid}::uuid order by m.created_at`,
    ),
    join_requests: await q(
      sql`select organisation_name, contact_name, contact_email, reason, status, created_at from join_requests
          where partnership_id = ${p} and lower(contact_email) = ${email} order by created_at`,
    ),
    agency_lead_contacts: await q(
      sql`select a.name as agency, m.lead_contact_email from agency_memberships m join agencies a on a.id = m.agency_id
          where m.partnership_id = ${p} and lower(m.lead_contact_email) = ${email} order by a.name`,
    ),
    emails_sent: await q(
      sql`select subject, body_text, status, created_at, sent_at from outgoing_mail
          where partnership_id = ${p} and lower("to") = ${email} order by seq`,
    ),
    reminders_sent: await q(
      sql`select 'return' as about, notice as what, created_at from return_notices
            where partnership_id = ${p} and lower(sent_to) = ${email}
          union all
          select 'action', step, created_at from action_reminders
            where partnership_id = ${p} and lower(sent_to) = ${email}
          order by created_at`,
    ),
  };
  return { email, partnership: partnership.name, generatedAt: now.toISOString(), sections };
}

function csvOf(rows: Row[]): string {
  if (rows.length === 0) return toCsv([['No records']]);
  const columns = Object.keys(rows[0]!);
  return toCsv([
    columns,
    ...rows.map((r) =>
      columns.map((c) => {
        const v = r[c];
        if (v === null || v === undefined) return '';
        return typeof v === 'number' ? v : typeof v === 'string' ? v : JSON.stringify(v);
      }),
    ),
  ]);
}

/** The zip: README.txt, subject-access.json, and csv/<section>.csv for each kind of record. */
export async function subjectAccessZip(data: SubjectAccessData): Promise<Buffer> {
  const zip = new JSZip();
  const counts = Object.entries(data.sections).map(
    ([name, rows]) => `${name}.csv (${rows.length}): ${SECTION_DESCRIPTIONS[name] ?? name}`,
  );
  zip.file(
    'README.txt',
    [
      `Subject access export from ${data.partnership}, made ${data.generatedAt}.`,
      `Everything the partnership holds about ${data.email} on Section 11 Audit.`,
      '',
      'subject-access.json has every record; the csv folder has one file per kind of record:',
      ...counts,
      '',
    ].join('\r\n'),
  );
  zip.file('subject-access.json', `${JSON.stringify(data, null, 2)}\n`);
  for (const [name, rows] of Object.entries(data.sections)) zip.file(`csv/${name}.csv`, csvOf(rows));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
