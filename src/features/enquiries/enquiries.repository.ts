/**
 * Section 11 enquiries: threads between an agency and a partnership. Every query is scoped by the
 * partnership (its inbox) or by the person's agencies (their own threads).
 */
import { and, eq, sql } from 'drizzle-orm';
import { type Db, type DbOrTx, queryRows } from '../../db/client.ts';
import { type EnquiryStatus, enquiries, enquiryMessages } from '../../db/schema.ts';

export interface EnquirySummary {
  id: string;
  partnershipId: string;
  partnershipName: string;
  /** Null for an enquiry from the public. */
  agencyId: string | null;
  /** The agency, or for the public the sender's organisation (or name). */
  agencyName: string;
  /** Who wrote through the public form; replies are emailed to them. */
  publicSender: PublicSender | null;
  subject: string;
  status: EnquiryStatus;
  lastActivityAt: Date;
  /** Messages from the agency the partnership's admins have not read. */
  unread: number;
  returnLabel: string | null;
}

export interface PublicSender {
  name: string;
  email: string;
  organisation: string;
}

export interface EnquiryMessage {
  seq: number;
  authorName: string;
  fromPartnership: boolean;
  body: string;
  createdAt: Date;
}

export interface EnquiryThread extends EnquirySummary {
  returnId: string | null;
  createdAt: Date;
  messages: EnquiryMessage[];
}

interface SummaryRow {
  id: string;
  partnership_id: string;
  partnership_name: string;
  agency_id: string | null;
  agency_name: string;
  public_name: string | null;
  public_email: string | null;
  public_organisation: string | null;
  subject: string;
  status: EnquiryStatus;
  last_activity_at: string | Date;
  unread: number | string;
  return_id: string | null;
  return_label: string | null;
  created_at: string | Date;
}

const summarySelect = sql`select e.id, e.partnership_id, p.name as partnership_name, e.agency_id,
    coalesce(a.name, nullif(e.public_organisation, ''), e.public_name) as agency_name,
    e.public_name, e.public_email, e.public_organisation, e.subject, e.status, e.last_activity_at, e.created_at, e.return_id,
    (select c.name from returns r join cycles c on c.id = r.cycle_id
       where r.id = e.return_id and r.partnership_id = e.partnership_id) as return_label,
    (select count(*) from enquiry_messages m where m.enquiry_id = e.id and m.partnership_id = e.partnership_id
       and not m.from_partnership and m.seq > e.partnership_read_seq) as unread,
    (select max(m.seq) from enquiry_messages m where m.enquiry_id = e.id and m.partnership_id = e.partnership_id) as last_seq
  from enquiries e join partnerships p on p.id = e.partnership_id left join agencies a on a.id = e.agency_id`;

const order = sql`order by e.last_activity_at desc, last_seq desc`;

function toSummary(r: SummaryRow): EnquirySummary {
  return {
    id: r.id,
    partnershipId: r.partnership_id,
    partnershipName: r.partnership_name,
    agencyId: r.agency_id,
    agencyName: r.agency_name,
    publicSender: r.public_email
      ? { name: r.public_name ?? '', email: r.public_email, organisation: r.public_organisation ?? '' }
      : null,
    subject: r.subject,
    status: r.status,
    lastActivityAt: new Date(r.last_activity_at),
    unread: Number(r.unread),
    returnLabel: r.return_label,
  };
}

const inList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );

/** The partnership's inbox, newest activity first. */
export async function listForPartnership(db: DbOrTx, partnershipId: string): Promise<EnquirySummary[]> {
  const rows = await queryRows<SummaryRow>(
    db,
    sql`${summarySelect} where e.partnership_id = ${partnershipId} ${order}`,
  );
  return rows.map(toSummary);
}

/** The threads of the person's agencies, in every partnership, newest activity first. */
export async function listForAgencies(db: DbOrTx, agencyIds: string[]): Promise<EnquirySummary[]> {
  if (agencyIds.length === 0) return [];
  const rows = await queryRows<SummaryRow>(
    db,
    sql`${summarySelect} where e.agency_id in (${inList(agencyIds)}) ${order}`,
  );
  return rows.map(toSummary);
}

async function withMessages(db: DbOrTx, row: SummaryRow | undefined): Promise<EnquiryThread | null> {
  if (!row) return null;
  const messages = await db
    .select({
      seq: enquiryMessages.seq,
      authorName: enquiryMessages.authorName,
      fromPartnership: enquiryMessages.fromPartnership,
      body: enquiryMessages.body,
      createdAt: enquiryMessages.createdAt,
    })
    .from(enquiryMessages)
    .where(and(eq(enquiryMessages.partnershipId, row.partnership_id), eq(enquiryMessages.enquiryId, row.id)))
    .orderBy(enquiryMessages.seq);
  return {
    ...toSummary(row),
    returnId: row.return_id,
    createdAt: new Date(row.created_at),
    messages: messages.map((m) => ({ ...m, seq: m.seq ?? 0 })),
  };
}

/** A thread in the partnership's inbox, or null when it is not this partnership's. */
export async function findForPartnership(db: DbOrTx, partnershipId: string, enquiryId: string) {
  const [row] = await queryRows<SummaryRow>(
    db,
    sql`${summarySelect} where e.partnership_id = ${partnershipId} and e.id = ${enquiryId}`,
  );
  return withMessages(db, row);
}

/** A thread of one of the person's agencies, or null when it is another agency's. */
export async function findForAgencies(db: DbOrTx, agencyIds: string[], enquiryId: string) {
  if (agencyIds.length === 0) return null;
  const [row] = await queryRows<SummaryRow>(
    db,
    sql`${summarySelect} where e.agency_id in (${inList(agencyIds)}) and e.id = ${enquiryId}`,
  );
  return withMessages(db, row);
}

export interface Author {
  id: string;
  name: string;
}

export async function createEnquiry(
  db: Db,
  values: {
    partnershipId: string;
    agencyId: string;
    returnId: string | null;
    subject: string;
    body: string;
    author: Author;
    now: Date;
  },
): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(enquiries)
      .values({
        partnershipId: values.partnershipId,
        agencyId: values.agencyId,
        returnId: values.returnId,
        subject: values.subject,
        status: 'open',
        createdBy: values.author.id,
        lastActivityAt: values.now,
        createdAt: values.now,
      })
      .returning({ id: enquiries.id });
    await tx.insert(enquiryMessages).values({
      partnershipId: values.partnershipId,
      enquiryId: row!.id,
      authorId: values.author.id,
      authorName: values.author.name,
      fromPartnership: false,
      body: values.body,
      createdAt: values.now,
    });
    return row!.id;
  });
}

/**
 * Adds a reply. A reply from the partnership marks the thread answered (and read by its admins);
 * one from the agency marks it open again, waiting for the partnership.
 */
/** An enquiry from someone not signed in, through the partnership's public form. */
export async function createPublicEnquiry(
  db: Db,
  values: { partnershipId: string; sender: PublicSender; subject: string; body: string; now: Date },
): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(enquiries)
      .values({
        partnershipId: values.partnershipId,
        publicName: values.sender.name,
        publicEmail: values.sender.email,
        publicOrganisation: values.sender.organisation,
        subject: values.subject,
        status: 'open',
        lastActivityAt: values.now,
        createdAt: values.now,
      })
      .returning({ id: enquiries.id });
    await tx.insert(enquiryMessages).values({
      partnershipId: values.partnershipId,
      enquiryId: row!.id,
      authorName: values.sender.name,
      fromPartnership: false,
      body: values.body,
      createdAt: values.now,
    });
    return row!.id;
  });
}

/** Public enquiries sent to the partnership from an email address since a time. */
export async function publicEnquiriesFromSince(
  db: DbOrTx,
  partnershipId: string,
  email: string,
  since: Date,
): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(enquiries)
    .where(
      and(
        eq(enquiries.partnershipId, partnershipId),
        eq(enquiries.publicEmail, email),
        sql`${enquiries.createdAt} > ${since}`,
      ),
    );
  return Number(row?.n ?? 0);
}

export async function addReply(
  db: Db,
  partnershipId: string,
  enquiryId: string,
  reply: { author: Author; fromPartnership: boolean; body: string; now: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [message] = await tx
      .insert(enquiryMessages)
      .values({
        partnershipId,
        enquiryId,
        authorId: reply.author.id,
        authorName: reply.author.name,
        fromPartnership: reply.fromPartnership,
        body: reply.body,
        createdAt: reply.now,
      })
      .returning({ seq: enquiryMessages.seq });
    await tx
      .update(enquiries)
      .set({
        status: reply.fromPartnership ? 'answered' : 'open',
        lastActivityAt: reply.now,
        ...(reply.fromPartnership ? { partnershipReadSeq: message!.seq ?? 0 } : {}),
      })
      .where(and(eq(enquiries.partnershipId, partnershipId), eq(enquiries.id, enquiryId)));
  });
}

/** Records that the partnership's admins have read every message so far. */
export async function markRead(db: DbOrTx, partnershipId: string, enquiryId: string): Promise<void> {
  await db.execute(
    sql`update enquiries e set partnership_read_seq = coalesce(
          (select max(m.seq) from enquiry_messages m where m.enquiry_id = e.id and m.partnership_id = e.partnership_id), 0)
        where e.partnership_id = ${partnershipId} and e.id = ${enquiryId}`,
  );
}

/** Closes a thread, or reopens it as open or answered by who wrote last. */
export async function setClosed(
  db: DbOrTx,
  partnershipId: string,
  enquiryId: string,
  closed: boolean,
  now: Date,
): Promise<void> {
  if (closed) {
    await db
      .update(enquiries)
      .set({ status: 'closed', closedAt: now, lastActivityAt: now })
      .where(and(eq(enquiries.partnershipId, partnershipId), eq(enquiries.id, enquiryId)));
    return;
  }
  await db.execute(
    sql`update enquiries e set closed_at = null, last_activity_at = ${now},
          status = case when (select m.from_partnership from enquiry_messages m
                               where m.enquiry_id = e.id and m.partnership_id = e.partnership_id
                               order by m.seq desc limit 1) then 'answered' else 'open' end
        where e.partnership_id = ${partnershipId} and e.id = ${enquiryId}`,
  );
}

/** The agency's people who wrote in the thread and still belong to the agency: told of replies. */
export async function agencyCorrespondents(
  db: DbOrTx,
  partnershipId: string,
  enquiryId: string,
): Promise<string[]> {
  const rows = await queryRows<{ email: string }>(
    db,
    sql`select distinct u.email from enquiry_messages m
          join enquiries e on e.id = m.enquiry_id and e.partnership_id = m.partnership_id
          join users u on u.id = m.author_id
          join agency_users au on au.user_id = u.id and au.agency_id = e.agency_id
        where m.partnership_id = ${partnershipId} and m.enquiry_id = ${enquiryId} and not m.from_partnership
        order by u.email`,
  );
  return rows.map((r) => r.email);
}

export interface ReturnOption {
  id: string;
  agencyId: string;
  partnershipId: string;
  label: string;
}

/** The returns of the person's agencies, to say which one an enquiry is about. */
export async function returnOptions(db: DbOrTx, agencyIds: string[]): Promise<ReturnOption[]> {
  if (agencyIds.length === 0) return [];
  const rows = await queryRows<{
    id: string;
    agency_id: string;
    partnership_id: string;
    cycle_name: string;
    agency_name: string;
    reference: string | null;
  }>(
    db,
    sql`select r.id, r.agency_id, r.partnership_id, c.name as cycle_name, a.name as agency_name, r.reference
        from returns r join cycles c on c.id = r.cycle_id and c.partnership_id = r.partnership_id
          join agencies a on a.id = r.agency_id
        where r.agency_id in (${inList(agencyIds)})
        order by c.opens_at desc, a.name`,
  );
  return rows.map((r) => ({
    id: r.id,
    agencyId: r.agency_id,
    partnershipId: r.partnership_id,
    label: `${r.cycle_name} – ${r.agency_name}${r.reference ? ` (${r.reference})` : ''}`,
  }));
}
