/**
 * Emails about enquiries. They say who wrote and give a link, but never carry the message itself:
 * emails are forwarded and land in shared mailboxes, while the thread stays behind sign-in, scoped
 * to the partnership and the agency.
 */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { partnerships } from '../../db/schema.ts';
import type { Mailer } from '../../mail/mailer.ts';

interface Deps {
  db: DbOrTx;
  mailer: Mailer;
  baseUrl: string;
}

/** Tells the partnership's contact address of a new enquiry, or of the agency's new reply. */
export async function notifyPartnership(
  deps: Deps,
  e: { id: string; partnershipId: string; agencyName: string; subject: string },
  writer: string,
  kind: 'new' | 'reply',
): Promise<void> {
  const [p] = await deps.db
    .select({ name: partnerships.name, contactEmail: partnerships.contactEmail })
    .from(partnerships)
    .where(eq(partnerships.id, e.partnershipId));
  if (!p) return;
  await deps.mailer.send({
    partnershipId: e.partnershipId,
    to: p.contactEmail,
    subject:
      kind === 'new'
        ? `New Section 11 enquiry from ${e.agencyName}`
        : `New reply to a Section 11 enquiry from ${e.agencyName}`,
    text: [
      kind === 'new'
        ? `${writer} of ${e.agencyName} has sent ${p.name} a Section 11 enquiry.`
        : `${writer} of ${e.agencyName} has replied to a Section 11 enquiry.`,
      '',
      `Subject: ${e.subject}`,
      '',
      `Read and answer it (you will need to sign in): ${deps.baseUrl}/partnerships/${e.partnershipId}/enquiries/${e.id}`,
      '',
      'For your security, the message is not included in this email.',
    ].join('\n'),
  });
}

/** Tells the agency's people in the thread that the partnership has replied. */
export async function notifyAgency(
  deps: Deps,
  e: { id: string; partnershipId: string; partnershipName: string; subject: string },
  recipients: string[],
): Promise<void> {
  for (const to of recipients) {
    await deps.mailer.send({
      partnershipId: e.partnershipId,
      to,
      subject: `${e.partnershipName} has replied to your Section 11 enquiry`,
      text: [
        `${e.partnershipName} has replied to your Section 11 enquiry.`,
        '',
        `Subject: ${e.subject}`,
        '',
        `Read the reply (you will need to sign in): ${deps.baseUrl}/enquiries/${e.id}`,
        '',
        'For your security, the reply is not included in this email.',
      ].join('\n'),
    });
  }
}

/**
 * The receipt for an enquiry sent through the public form. Anyone can fill in that form with
 * anyone's address, so, as the public request to take part, it carries nothing the sender typed:
 * only the partnership's own words.
 */
export async function receiptToPublic(
  deps: Pick<Deps, 'mailer'>,
  p: { id: string; name: string; contactEmail: string },
  to: string,
): Promise<void> {
  await deps.mailer.send({
    partnershipId: p.id,
    to,
    subject: `We have received your enquiry to ${p.name}`,
    text: [
      'Hello,',
      '',
      `Thank you for your enquiry about the Section 11 audits of ${p.name}.`,
      '',
      'The partnership will reply to you by email.',
      '',
      `If you did not send an enquiry, you can ignore this email or tell the partnership at ${p.contactEmail}.`,
    ].join('\n'),
  });
}

/**
 * The partnership's reply to someone who wrote through the public form. They cannot sign in, so
 * the reply goes by email with its text (the admin is told so on the reply form).
 */
export async function replyToPublic(
  deps: Pick<Deps, 'mailer'>,
  e: { partnershipId: string; partnershipName: string; subject: string },
  to: string,
  reply: string,
): Promise<void> {
  await deps.mailer.send({
    partnershipId: e.partnershipId,
    to,
    subject: `${e.partnershipName} has replied to your enquiry`,
    text: [`${e.partnershipName} has replied to your enquiry.`, '', reply].join('\n'),
  });
}
