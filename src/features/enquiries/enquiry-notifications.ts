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
