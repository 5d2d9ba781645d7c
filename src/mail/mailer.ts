/**
 * Outgoing email. Every message is recorded in `outgoing_mail`.
 *
 * With a transport (SMTP or GOV.UK Notify) the message is recorded as queued and a job delivers it,
 * retrying with exponential backoff, so a mail server that is down delays mail and loses none:
 * queued → sent, or failed after the last attempt, with the attempts and the last error kept.
 * Without a transport it is kept and shown in the development mailbox at /dev/mail.
 *
 * Delivery keeps up with a backlog: several messages go at once (`MAIL_CONCURRENCY`, over a pool of
 * SMTP connections), and mail someone is waiting for at the screen (a sign-in link, an invitation)
 * is queued `urgent`, so it overtakes bulk mail (an audit's invitations, reminders) already queued.
 */
import { and, eq, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { inSystemContext } from '../db/acting-partnership.ts';
import type { Db } from '../db/client.ts';
import { outgoingMail } from '../db/schema.ts';
import type { JobQueue, QueueDefinition, QueuedJob } from '../jobs/job-queue.ts';
import type { Clock } from '../lib/clock.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  partnershipId?: string | null;
  /** `urgent`: someone is waiting for it (sign-in links, invitations); it goes before bulk mail. */
  priority?: MailPriority;
}

export type MailPriority = 'urgent' | 'normal';

/** pg-boss priorities (higher first): urgent mail is fetched before anything queued earlier. */
export const MAIL_JOB_PRIORITY: Record<MailPriority, number> = { urgent: 10, normal: 0 };

/**
 * Messages delivered at once by each app instance: the mail queue's workers and batch size, and
 * the SMTP pool's connections.
 */
export const MAIL_WORKERS = 2;
export const MAIL_BATCH_SIZE = 4;
export const MAIL_CONCURRENCY = MAIL_WORKERS * MAIL_BATCH_SIZE;

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export interface Transport {
  name: string;
  deliver(message: MailMessage): Promise<void>;
  /** Closes pooled connections (at shutdown). */
  close?(): void;
}

/** A failure that trying again cannot mend (the provider refused the message itself). */
export class PermanentDeliveryError extends Error {}

/**
 * SMTP timeouts well inside the delivery job's two minutes (nodemailer waits up to ten minutes on a
 * quiet socket), so a retry never starts while an earlier try of the same message may still send it.
 * Values given in SMTP_URL's query string win.
 */
export const SMTP_TIMEOUTS = { connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 60_000 };

/**
 * A pool of SMTP connections, kept open and reused (nodemailer's `pool`), one for each message
 * delivered at once, rather than a new connection and greeting per message.
 */
export const SMTP_POOL = { pool: 'true', maxConnections: String(MAIL_CONCURRENCY), maxMessages: '100' };

export function smtpUrlWithTimeouts(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  for (const [key, value] of [...Object.entries(SMTP_TIMEOUTS), ...Object.entries(SMTP_POOL)])
    if (!url.searchParams.has(key)) url.searchParams.set(key, String(value));
  return url.toString();
}

export function smtpTransport(smtpUrl: string, from: string): Transport {
  const transporter = nodemailer.createTransport(smtpUrlWithTimeouts(smtpUrl));
  return {
    name: 'smtp',
    deliver: async (message) => {
      await transporter.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
    },
    close: () => transporter.close(),
  };
}

export const MAIL_QUEUE = 'mail-delivery';

/**
 * Up to 9 attempts: the first, then retries about 1, 2, 4 … 128 minutes apart (pg-boss doubles the
 * delay each time, with jitter): about four hours in all before a message is marked failed.
 */
export const mailQueue: QueueDefinition = {
  name: MAIL_QUEUE,
  options: { retryLimit: 8, retryDelay: 60, retryBackoff: true, expireInSeconds: 120 },
};

export interface MailJob {
  mailId: string;
}

export function createMailer(
  db: Db,
  clock: Clock,
  transport: Transport | null,
  queue: Pick<JobQueue, 'send'> | null = null,
): Mailer {
  if (transport && !queue) throw new Error('A mail transport needs the job queue to deliver through');
  return {
    // The record of sent mail is the service's, written for every caller whatever partnership the
    // request acts for (a mail may be for another, or for none): in the system's context.
    send: (message) => inSystemContext(() => record(message)),
  };
  async function record(message: MailMessage): Promise<void> {
    const [row] = await db
      .insert(outgoingMail)
      .values({
        partnershipId: message.partnershipId ?? null,
        to: message.to,
        subject: message.subject,
        bodyText: message.text,
        status: transport ? 'queued' : 'kept',
        transport: transport?.name ?? 'mailbox',
        createdAt: clock.now(),
      })
      .returning({ id: outgoingMail.id });
    if (!transport || !queue) return;
    try {
      await queue.send(MAIL_QUEUE, { mailId: row!.id } satisfies MailJob, {
        priority: MAIL_JOB_PRIORITY[message.priority ?? 'normal'],
      });
    } catch (e) {
      await db
        .update(outgoingMail)
        .set({ status: 'failed', error: `Could not queue for delivery: ${errorText(e)}` })
        .where(eq(outgoingMail.id, row!.id));
      throw e;
    }
  }
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 1000);

/**
 * The mail job: delivers one recorded message and records the outcome. Throws while attempts remain,
 * so the queue tries again later; after the last attempt (or a permanent refusal) marks it failed.
 */
export function mailDeliveryHandler(deps: { db: Db; clock: Clock; transport: Transport }) {
  return async (job: QueuedJob): Promise<void> => {
    const { mailId } = job.data as MailJob;
    const [mail] = await deps.db.select().from(outgoingMail).where(eq(outgoingMail.id, mailId));
    if (mail?.status !== 'queued') return;
    try {
      await deps.transport.deliver({
        to: mail.to,
        subject: mail.subject,
        text: mail.bodyText,
        partnershipId: mail.partnershipId,
      });
    } catch (e) {
      const last = e instanceof PermanentDeliveryError || job.retryCount >= job.retryLimit;
      await deps.db
        .update(outgoingMail)
        .set({
          attempts: sql`${outgoingMail.attempts} + 1`,
          error: errorText(e),
          ...(last ? { status: 'failed' as const } : {}),
        })
        .where(and(eq(outgoingMail.id, mailId), eq(outgoingMail.status, 'queued')));
      if (last) return;
      throw e;
    }
    await deps.db
      .update(outgoingMail)
      .set({ status: 'sent', attempts: sql`${outgoingMail.attempts} + 1`, sentAt: deps.clock.now() })
      .where(eq(outgoingMail.id, mailId));
  };
}
