/**
 * Outgoing email. Every message is recorded in `outgoing_mail`; with SMTP configured it is also
 * delivered over SMTP, otherwise it is kept and shown in the development mailbox at /dev/mail.
 */
import nodemailer from 'nodemailer';
import type { Db } from '../db/client.ts';
import { outgoingMail } from '../db/schema.ts';
import type { Clock } from '../lib/clock.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  partnershipId?: string | null;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export interface Transport {
  name: string;
  deliver(message: MailMessage): Promise<void>;
}

export function smtpTransport(smtpUrl: string, from: string): Transport {
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    name: 'smtp',
    deliver: async (message) => {
      await transporter.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
    },
  };
}

export function createMailer(db: Db, clock: Clock, transport: Transport | null): Mailer {
  return {
    async send(message) {
      let status: 'kept' | 'sent' | 'failed' = 'kept';
      let error: string | null = null;
      if (transport) {
        try {
          await transport.deliver(message);
          status = 'sent';
        } catch (e) {
          status = 'failed';
          error = e instanceof Error ? e.message : String(e);
        }
      }
      await db.insert(outgoingMail).values({
        partnershipId: message.partnershipId ?? null,
        to: message.to,
        subject: message.subject,
        bodyText: message.text,
        status,
        transport: transport?.name ?? 'mailbox',
        error,
        createdAt: clock.now(),
        sentAt: status === 'sent' ? clock.now() : null,
      });
    },
  };
}
