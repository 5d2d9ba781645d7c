/** "Save and continue later": the email with the link back to where the person left off. */
import { formatDateTime } from '../../../lib/dates.ts';
import { possessive } from '../../../lib/words.ts';
import type { Mailer } from '../../../mail/mailer.ts';
import type { ReturnContext } from '../returns.repository.ts';

export async function emailSavedForLater(
  deps: { mailer: Mailer; baseUrl: string },
  ctx: ReturnContext,
  themeId: string,
  user: { name: string; email: string },
  now: Date,
): Promise<void> {
  await deps.mailer.send({
    partnershipId: ctx.partnershipId,
    to: user.email,
    subject: `Section 11 return saved: ${ctx.agencyName}`,
    text: [
      `Hello ${user.name},`,
      '',
      `Your work on ${possessive(ctx.agencyName)} Section 11 return (${ctx.cycleName}) was saved at ${formatDateTime(now)}.`,
      '',
      'Continue where you left off:',
      `${deps.baseUrl}/returns/${ctx.id}/themes/${themeId}`,
      '',
      `The deadline is ${formatDateTime(ctx.closesAt)}.`,
    ].join('\n'),
  });
}
