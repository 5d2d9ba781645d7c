/**
 * Retention of personal data: each partnership keeps the names, email addresses and contact details
 * of the people in an audit for its retention period (6 years by default) after the audit closes.
 * Then a daily job anonymises them, keeping every answer, grade and figure (the files uploaded with
 * the audit are deleted: documents on questions, files sent for evidence requests and the audit's
 * prepared downloads, as the names inside them cannot be replaced); also in the history of
 * its findings reports, and of the partnership's pages, details and draft templates changed before
 * it closed. Runs record what was done (ids and counts only) in `personal_data_erasures`, shown to
 * the partnership's admins.
 */
import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../db/client.ts';
import { queryRows } from '../../db/client.ts';
import { cycles, partnerships, personalDataErasures } from '../../db/schema.ts';
import { deleteDocumentsOfCycle } from '../../domain/question-documents.repository.ts';
import type { QueueDefinition } from '../../jobs/job-queue.ts';
import { anonymisingTransaction, REMOVED_CONTACT, REMOVED_NAME, type ScrubTerms } from './anonymising.ts';
import { countChanged, scrubColumns } from './scrub-columns.ts';

export const DEFAULT_RETENTION_YEARS = 6;
export const MIN_RETENTION_YEARS = 1;
export const MAX_RETENTION_YEARS = 25;

export const RETENTION_QUEUE = 'personal-data-retention';
/** Daily at 02:40 UK time; a run that fails is done again the next day (what is due stays due). */
export const retentionQueue: QueueDefinition = {
  name: RETENTION_QUEUE,
  options: { retryLimit: 1, expireInSeconds: 3600 },
};
export const RETENTION_CRON = '40 2 * * *';

/** When an audit that closed at `closesAt` is due to be anonymised. */
export function retentionDueAt(closesAt: Date, years: number): Date {
  const due = new Date(closesAt);
  due.setUTCFullYear(due.getUTCFullYear() + years);
  return due;
}

export interface RetentionAudit {
  cycleId: string;
  name: string;
  closesAt: Date;
  dueAt: Date;
  anonymisedAt: Date | null;
}

export interface ErasureRecord {
  kind: 'retention' | 'person';
  cycleName: string | null;
  returnsCount: number;
  valuesReplaced: number;
  createdAt: Date;
}

export interface RetentionOverview {
  retentionYears: number;
  /** Past the period and waiting for the next run. */
  due: RetentionAudit[];
  /** Closed or open, not yet due: when each will be. */
  upcoming: RetentionAudit[];
  done: ErasureRecord[];
}

export async function findRetentionYears(db: DbOrTx, partnershipId: string): Promise<number> {
  const [row] = await db
    .select({ years: partnerships.retentionYears })
    .from(partnerships)
    .where(eq(partnerships.id, partnershipId));
  return row?.years ?? DEFAULT_RETENTION_YEARS;
}

export async function saveRetentionYears(db: DbOrTx, partnershipId: string, years: number): Promise<void> {
  await db.update(partnerships).set({ retentionYears: years }).where(eq(partnerships.id, partnershipId));
}

export async function retentionOverview(
  db: DbOrTx,
  partnershipId: string,
  now: Date,
): Promise<RetentionOverview> {
  const retentionYears = await findRetentionYears(db, partnershipId);
  const audits = await db
    .select({
      cycleId: cycles.id,
      name: cycles.name,
      closesAt: cycles.closesAt,
      anonymisedAt: cycles.anonymisedAt,
    })
    .from(cycles)
    .where(eq(cycles.partnershipId, partnershipId))
    .orderBy(asc(cycles.closesAt));
  const withDue = audits.map((a) => ({ ...a, dueAt: retentionDueAt(a.closesAt, retentionYears) }));
  const done = await db
    .select({
      kind: personalDataErasures.kind,
      cycleName: cycles.name,
      returnsCount: personalDataErasures.returnsCount,
      valuesReplaced: personalDataErasures.valuesReplaced,
      createdAt: personalDataErasures.createdAt,
    })
    .from(personalDataErasures)
    .leftJoin(cycles, eq(cycles.id, personalDataErasures.cycleId))
    .where(eq(personalDataErasures.partnershipId, partnershipId))
    .orderBy(desc(personalDataErasures.createdAt));
  return {
    retentionYears,
    due: withDue.filter((a) => !a.anonymisedAt && a.dueAt <= now),
    upcoming: withDue.filter((a) => !a.anonymisedAt && a.dueAt > now),
    done,
  };
}

/** Names and contact details of everyone in the audit's returns, to find them inside free text. */
async function peopleOfCycle(tx: Tx, cycleId: string): Promise<ScrubTerms> {
  const rows = await queryRows<{ value: string | null; kind: 'name' | 'contact' }>(
    tx,
    sql`with r as (select * from returns where cycle_id = ${cycleId})
        select completer_name as value, 'name' as kind from r
        union select signoff_name, 'name' from r
        union select completer_email, 'contact' from r
        union select completer_phone, 'contact' from r
        union select a.lead_person, 'name' from actions a join r on r.id = a.return_id
        union select sent_to, 'contact' from return_notices n join r on r.id = n.return_id
        union select u.name, 'name' from users u where u.id in (
          select user_id from return_history h join r on r.id = h.return_id
          union select user_id from theme_assignments ta join r on r.id = ta.return_id)
        union select u.email, 'contact' from users u where u.id in (
          select user_id from return_history h join r on r.id = h.return_id
          union select user_id from theme_assignments ta join r on r.id = ta.return_id)`,
  );
  const of = (kind: 'name' | 'contact') =>
    rows.filter((r) => r.kind === kind && r.value && r.value !== REMOVED_NAME).map((r) => r.value!);
  return { names: of('name'), contacts: of('contact'), allEmails: true };
}

/**
 * Anonymises the people of one audit: the contact details on its returns, action leads, who made
 * each change and every name and address inside its history, challenge events and reminders.
 * Answers, ratings, grades, dates and figures are kept.
 */
export async function anonymiseCycle(db: Db, cycleId: string, now: Date): Promise<ErasureRecord | null> {
  return anonymisingTransaction(db, async (tx) => {
    const [cycle] = await queryRows<{
      partnership_id: string;
      name: string;
      anonymised_at: unknown;
      closes_at: Date | string;
    }>(
      tx,
      sql`select partnership_id, name, anonymised_at, closes_at from cycles where id = ${cycleId} for update`,
    );
    if (!cycle || cycle.anonymised_at) return null;
    const terms = await peopleOfCycle(tx, cycleId);
    const ofCycle = sql`return_id in (select id from returns where cycle_id = ${cycleId})`;
    let replaced = 0;
    const count = async (update: SQL) => {
      replaced += await countChanged(tx, update);
    };
    const [{ n: returnsCount } = { n: 0 }] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from returns where cycle_id = ${cycleId}`,
    );
    // Text first, while the names to look for are still known.
    replaced += await scrubColumns(tx, 'return_history', ['old_value', 'new_value', 'note'], ofCycle, terms);
    replaced += await scrubColumns(
      tx,
      'action_updates',
      ['note'],
      sql`action_id in (select id from actions where ${ofCycle})`,
      terms,
    );
    replaced += await scrubColumns(
      tx,
      'challenge_messages',
      ['body'],
      sql`challenge_id in (select id from challenges where ${ofCycle})`,
      terms,
    );
    replaced += await scrubRecordHistories(
      tx,
      cycle.partnership_id,
      cycleId,
      new Date(cycle.closes_at),
      terms,
    );
    await count(
      sql`update returns set completer_name = ${REMOVED_NAME}, completer_email = null, completer_phone = null
          where cycle_id = ${cycleId} and (completer_name is not null or completer_email is not null or completer_phone is not null)`,
    );
    await count(
      sql`update returns set signoff_name = ${REMOVED_NAME} where cycle_id = ${cycleId} and signoff_name is not null`,
    );
    await count(
      sql`update returns set submitted_by = null, signoff_recorded_by = null
          where cycle_id = ${cycleId} and (submitted_by is not null or signoff_recorded_by is not null)`,
    );
    await count(sql`update actions set lead_person = ${REMOVED_NAME} where ${ofCycle} and lead_person <> ''`);
    await count(sql`update return_history set user_id = null where ${ofCycle} and user_id is not null`);
    await count(sql`update answers set updated_by = null where ${ofCycle} and updated_by is not null`);
    await count(sql`update theme_ratings set updated_by = null where ${ofCycle} and updated_by is not null`);
    await count(
      sql`update action_updates set user_id = null
          where action_id in (select id from actions where ${ofCycle}) and user_id is not null`,
    );
    await count(
      sql`update return_notices set sent_to = ${REMOVED_CONTACT} where ${ofCycle} and sent_to <> ${REMOVED_CONTACT}`,
    );
    await count(
      sql`update action_reminders set sent_to = ${REMOVED_CONTACT}
          where action_id in (select id from actions where ${ofCycle}) and sent_to <> ${REMOVED_CONTACT}`,
    );
    await count(
      sql`update challenge_events set chair = ${REMOVED_NAME},
            attendees = case when attendees = '' then '' else ${REMOVED_CONTACT} end
          where cycle_id = ${cycleId} and chair <> ${REMOVED_NAME}`,
    );
    await tx.execute(sql`delete from theme_assignments where ${ofCycle}`);
    // Uploaded files cannot be scrubbed of the names inside them: they go.
    await deleteUploadsOfCycle(tx, cycleId);
    await tx.update(cycles).set({ anonymisedAt: now }).where(eq(cycles.id, cycleId));
    const record = {
      partnershipId: cycle.partnership_id,
      kind: 'retention' as const,
      cycleId,
      returnsCount,
      valuesReplaced: replaced,
      createdAt: now,
    };
    await tx.insert(personalDataErasures).values(record);
    return {
      kind: 'retention',
      cycleName: cycle.name,
      returnsCount,
      valuesReplaced: replaced,
      createdAt: now,
    };
  });
}

/**
 * Deletes every file held for an audit: the documents attached to its returns' questions, the files
 * its agencies sent in answer to evidence requests (the requests, and where the evidence is kept,
 * stay) and its prepared downloads (cycle exports, of every partnership that made one). How many.
 */
export async function deleteUploadsOfCycle(
  tx: DbOrTx,
  cycleId: string,
): Promise<{ documents: number; evidenceFiles: number; exports: number }> {
  const documents = await deleteDocumentsOfCycle(tx, cycleId);
  const [files] = await queryRows<{ n: number }>(
    tx,
    sql`with gone as (delete from evidence_files where evidence_request_id in (
          select e.id from evidence_requests e join returns r on r.id = e.return_id
          where r.cycle_id = ${cycleId}) returning 1)
        select count(*)::int as n from gone`,
  );
  const [exports] = await queryRows<{ n: number }>(
    tx,
    sql`with gone as (delete from cycle_exports where cycle_id = ${cycleId} returning 1)
        select count(*)::int as n from gone`,
  );
  return { documents, evidenceFiles: files?.n ?? 0, exports: exports?.n ?? 0 };
}

/**
 * The histories of records edited outside a return, rewritten with the audit: the audit's findings
 * reports' changes (its people's names and every email address), and the partnership's changes to
 * its guidance and FAQ pages, its details and its draft templates made before the audit closed (so
 * past the same retention period), where the names and addresses of those who made them are
 * replaced as well. Who made each change is no longer linked. How many values changed.
 */
async function scrubRecordHistories(
  tx: Tx,
  partnershipId: string,
  cycleId: string,
  closedAt: Date,
  terms: ScrubTerms,
): Promise<number> {
  const ofReports = sql`partnership_id = ${partnershipId} and record_kind = 'findings_report'
    and record_id in (select id::text from findings_reports where cycle_id = ${cycleId})`;
  const olderRecords = sql`partnership_id = ${partnershipId} and record_kind <> 'findings_report'
    and created_at <= ${closedAt}`;
  const olderDrafts = sql`partnership_id = ${partnershipId} and created_at <= ${closedAt}`;
  // Those who made the older changes, to find their names and addresses inside them.
  const makers = await queryRows<{ name: string; email: string }>(
    tx,
    sql`select name, email from users where id in (
          select user_id from record_history where ${olderRecords}
          union select user_id from template_draft_history where ${olderDrafts})
        and name <> ${REMOVED_NAME}`,
  );
  const withMakers: ScrubTerms = {
    names: [...terms.names, ...makers.map((m) => m.name)],
    contacts: [...terms.contacts, ...makers.map((m) => m.email)],
    allEmails: true,
  };
  let replaced = 0;
  replaced += await scrubColumns(tx, 'record_history', ['old_value', 'new_value'], ofReports, terms);
  replaced += await scrubColumns(tx, 'record_history', ['old_value', 'new_value'], olderRecords, withMakers);
  replaced += await scrubColumns(
    tx,
    'template_draft_history',
    ['old_value', 'new_value'],
    olderDrafts,
    withMakers,
  );
  for (const update of [
    sql`update record_history set user_id = null where (${ofReports}) and user_id is not null`,
    sql`update record_history set user_id = null where (${olderRecords}) and user_id is not null`,
    sql`update template_draft_history set user_id = null where (${olderDrafts}) and user_id is not null`,
  ])
    replaced += await countChanged(tx, update);
  return replaced;
}

/** The audits of every partnership past its retention period and not yet anonymised. */
export async function auditsDue(db: DbOrTx, now: Date): Promise<string[]> {
  const rows = await db
    .select({ id: cycles.id })
    .from(cycles)
    .innerJoin(partnerships, eq(partnerships.id, cycles.partnershipId))
    .where(
      and(
        sql`${cycles.anonymisedAt} is null`,
        sql`${cycles.closesAt} + make_interval(years => ${partnerships.retentionYears}) <= ${now}`,
      ),
    )
    .orderBy(asc(cycles.closesAt));
  return rows.map((r) => r.id);
}

/** The job: anonymises every audit that is due, one transaction each. Returns how many. */
export async function runRetention(deps: { db: Db }, now: Date): Promise<number> {
  let done = 0;
  for (const cycleId of await auditsDue(deps.db, now))
    if (await anonymiseCycle(deps.db, cycleId, now)) done++;
  return done;
}
