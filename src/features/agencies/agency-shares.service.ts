/**
 * Telling partnerships about sharing an agency: the admins of the partnership asked when a request
 * comes in, and the admins of the partnership that asked when it is answered. Emails name the
 * partnerships and the agency and link to the request; nothing else the asker typed is sent.
 */
import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import type { Mailer } from '../../mail/mailer.ts';
import type { ShareRequest } from './agency-shares.repository.ts';

export interface ShareNoticeDeps {
  db: DbOrTx;
  mailer: Mailer;
  baseUrl: string;
}

export const shareRequestPath = (partnershipId: string, requestId: string) =>
  `/partnerships/${partnershipId}/agency-shares/${requestId}`;

/**
 * Emails the admins of the partnership asked (`asked`) or of the one that asked. Their addresses are
 * behind the database's wall: a function of the database (migration 0035) gives them to either
 * partnership of the request.
 */
async function tellAdmins(
  deps: ShareNoticeDeps,
  request: ShareRequest,
  asked: boolean,
  subject: string,
  text: string,
): Promise<number> {
  const partnershipId = asked ? request.askedPartnershipId : request.partnershipId;
  const admins = await queryRows<{ email: string }>(
    deps.db,
    sql`select email from app_share_request_admins(${request.id}::uuid, ${asked}) as admin(email)`,
  );
  for (const admin of admins) await deps.mailer.send({ partnershipId, to: admin.email, subject, text });
  return admins.length;
}

/** Emails the asked partnership's admins that a request is waiting for their answer. */
export async function tellShareRequested(deps: ShareNoticeDeps, request: ShareRequest): Promise<number> {
  return tellAdmins(
    deps,
    request,
    true,
    `Request to share an agency: ${request.agency.name}`,
    [
      `${request.partnershipName} asks to share ${request.agency.name}, one of ${request.askedPartnershipName}’s agencies, so that it can take part in ${request.partnershipName}’s Section 11 audits too.`,
      '',
      'If you accept, the agency stays one record with one set of people, in both partnerships. Each partnership keeps its own localities and lead contact for it, and sees only the returns of its own audits and of joint audits.',
      '',
      `Accept or decline the request: ${deps.baseUrl}${shareRequestPath(request.askedPartnershipId, request.id)}`,
    ].join('\n'),
  );
}

/** Emails the asking partnership's admins the answer to their request. */
export async function tellShareAnswered(
  deps: ShareNoticeDeps,
  request: ShareRequest,
  answer: 'accepted' | 'declined',
  reason = '',
): Promise<number> {
  const link = `${deps.baseUrl}${shareRequestPath(request.partnershipId, request.id)}`;
  return tellAdmins(
    deps,
    request,
    false,
    answer === 'accepted'
      ? `${request.agency.name} is now shared with your partnership`
      : `Your request to share ${request.agency.name} was declined`,
    answer === 'accepted'
      ? [
          `${request.askedPartnershipName} has accepted your request to share ${request.agency.name}.`,
          '',
          'It is now one of your partnership’s agencies, serving the localities you chose, and can be invited to your audits. You can also run audits jointly with partnerships you share agencies with.',
          '',
          `See the request: ${link}`,
        ].join('\n')
      : [
          `${request.askedPartnershipName} has declined your request to share ${request.agency.name}.`,
          ...(reason ? ['', 'The reason it gave:', reason] : []),
          '',
          `See the request: ${link}`,
        ].join('\n'),
  );
}
