/**
 * Enquiries from the public. The form is limited per sender (in memory, never storing the address)
 * and per email address (in the database), and its receipt carries nothing the sender typed.
 */
import type { DbOrTx } from '../../../db/client.ts';
import { HttpError } from '../../../lib/http-errors.ts';
import { RateLimiter } from '../../../lib/rate-limiter.ts';
import type { Mailer } from '../../../mail/mailer.ts';
import { createPublicEnquiry, publicEnquiriesFromSince } from '../enquiries.repository.ts';
import type { PublicEnquiryFormState } from '../enquiry-form.ts';
import { notifyPartnership, receiptToPublic } from '../enquiry-notifications.ts';

/** Public enquiries: per sender (network address, hashed in memory) an hour, per email address a day. */
export const PUBLIC_ENQUIRY_LIMITS = { perSender: 10, windowMs: 60 * 60_000, perAddressPerDay: 5 };
const DAY_MS = 24 * 60 * 60_000;

interface PublicPartnership {
  id: string;
  name: string;
  shortName: string;
  contactEmail: string;
}

/** The public enquiries of one app: its per-sender limit lives as long as the app. */
export function publicEnquiries(mailDeps: { db: DbOrTx; mailer: Mailer; baseUrl: string }) {
  const { db } = mailDeps;
  const senders = new RateLimiter({
    limit: PUBLIC_ENQUIRY_LIMITS.perSender,
    windowMs: PUBLIC_ENQUIRY_LIMITS.windowMs,
  });

  /** Stores the enquiry, sends the sender a receipt and tells the partnership (429 past a limit). */
  async function send(
    partnership: PublicPartnership,
    values: PublicEnquiryFormState,
    senderIp: string,
    now: Date,
  ): Promise<void> {
    const tooMany = (detail: string) =>
      new HttpError(429, 'You have already sent several enquiries', detail, [
        { text: 'Go back to the partnership’s guidance', href: `/p/${partnership.shortName}/guidance` },
      ]);
    if (!senders.take([senderIp, partnership.id], now.getTime()))
      throw tooMany(`Try again in an hour, or write to ${partnership.contactEmail}.`);
    if (
      (await publicEnquiriesFromSince(db, partnership.id, values.email, new Date(now.getTime() - DAY_MS))) >=
      PUBLIC_ENQUIRY_LIMITS.perAddressPerDay
    )
      throw tooMany(
        `${partnership.name} has your earlier enquiries and will reply by email. You can send another tomorrow, or write to ${partnership.contactEmail}.`,
      );
    const subject = `Enquiry from ${values.organisation || values.name}`;
    const id = await createPublicEnquiry(db, {
      partnershipId: partnership.id,
      sender: { name: values.name, email: values.email, organisation: values.organisation },
      subject,
      body: values.message,
      now,
    });
    await receiptToPublic(mailDeps, partnership, values.email);
    await notifyPartnership(
      mailDeps,
      { id, partnershipId: partnership.id, agencyName: values.organisation || 'the public', subject },
      values.name,
      'new',
    );
  }

  return { send };
}
