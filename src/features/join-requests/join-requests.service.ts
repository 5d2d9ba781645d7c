/**
 * Requests to take part: receiving one from the public form (limited per client and per contact
 * address, so the form cannot flood anyone's inbox), and the partnership's decision. The requester
 * is emailed on receipt and on the decision; an approval makes the organisation a voluntary agency
 * with its contact as agency lead, invited with a sign-in link.
 */
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import { HttpError } from '../../lib/http-errors.ts';
import { type Limit, RateLimiter } from '../../lib/rate-limiter.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { sendInvitation } from '../people/invitation.ts';
import type { JoinValues } from './join-request-form.ts';
import {
  approveJoinRequest,
  createJoinRequest,
  declineJoinRequest,
  findPartnership,
  type JoinRequest,
  requestsFromSince,
} from './join-requests.repository.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Requests one contact email may send a partnership in a day. */
export const MAX_REQUESTS_A_DAY = 5;
/**
 * Requests one client (network address) may send, whatever contact address it types: counted in
 * memory by an HMAC of the address only.
 */
export const JOIN_REQUESTS_PER_CLIENT: Limit = { limit: 10, windowMs: DAY_MS };

interface Deps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  baseUrl: string;
}

type Partnership = { id: string; name: string; contactEmail: string };

/** The join requests of one app: its per-client limit lives as long as the app. */
export function joinRequests(deps: Deps, perClientLimit: Limit = JOIN_REQUESTS_PER_CLIENT) {
  const perClient = new RateLimiter(perClientLimit);

  /** Stores a request from the public form and sends its emails (429 past a limit). */
  async function receive(partnership: Partnership, values: JoinValues, clientIp: string, now: Date) {
    if (!perClient.take([clientIp], now.getTime()))
      throw new HttpError(
        429,
        'Too many requests have been sent from here today',
        `Wait until tomorrow and try again, or write to ${partnership.contactEmail}. If you share a network with many people, one of them may have sent requests too.`,
        [{ text: 'Go back to the request form', href: `/join/${partnership.id}` }],
      );
    if (
      (await requestsFromSince(
        deps.db,
        partnership.id,
        values.contactEmail,
        new Date(now.getTime() - DAY_MS),
      )) >= MAX_REQUESTS_A_DAY
    )
      throw new HttpError(
        429,
        'You have already sent several requests today',
        `${partnership.name} has your earlier requests and will email you its decision. You can send another tomorrow, or write to ${partnership.contactEmail}.`,
        [{ text: 'Go back to the request form', href: `/join/${partnership.id}` }],
      );
    await createJoinRequest(deps.db, partnership.id, values, now);
    await deps.mailer.send({
      partnershipId: partnership.id,
      to: values.contactEmail,
      subject: `We have received your request to take part in ${partnership.name}`,
      // Anyone can fill in the public form with anyone's address, so the receipt carries nothing
      // the requester typed: only the partnership's own words.
      text: [
        'Hello,',
        '',
        `Thank you for asking to take part in the Section 11 audits of ${partnership.name}.`,
        '',
        'The partnership will look at your request and email you its decision.',
        '',
        `If you did not ask to take part, you can ignore this email or tell the partnership at ${partnership.contactEmail}.`,
      ].join('\n'),
    });
    await deps.mailer.send({
      partnershipId: partnership.id,
      to: partnership.contactEmail,
      subject: `New request to take part: ${values.organisationName}`,
      text: [
        `${values.contactName} (${values.contactEmail}) has asked for ${values.organisationName} to take part in the partnership’s Section 11 audits.`,
        '',
        `Approve or decline it at ${deps.baseUrl}/partnerships/${partnership.id}/join-requests`,
      ].join('\n'),
    });
  }

  /** Approves a pending request and invites its contact; false when it was decided already. */
  async function approve(partnership: { id: string; name: string }, request: JoinRequest, userId: string) {
    const approved = await approveJoinRequest(deps.db, partnership.id, request.id, userId, deps.clock.now());
    if (!approved) return false;
    await sendInvitation(
      deps,
      { userId: approved.userId, name: request.contactName, email: request.contactEmail },
      {
        partnershipId: partnership.id,
        subject: `Your request to take part in ${partnership.name} has been approved`,
        why: `${partnership.name} has approved your request for ${request.organisationName} to take part in its Section 11 audits. You are its agency lead: you can complete its self-assessment and invite colleagues to help.`,
        accept: approved.invited,
      },
    );
    return true;
  }

  /** Declines a pending request and tells its contact why; false when it was decided already. */
  async function decline(
    partnership: { id: string; name: string },
    request: JoinRequest,
    reason: string,
    userId: string,
  ) {
    const declined = await declineJoinRequest(
      deps.db,
      partnership.id,
      request.id,
      reason,
      userId,
      deps.clock.now(),
    );
    if (!declined) return false;
    await deps.mailer.send({
      partnershipId: partnership.id,
      to: request.contactEmail,
      subject: `Your request to take part in ${partnership.name}`,
      text: [
        `Hello ${request.contactName},`,
        '',
        `Thank you for asking for ${request.organisationName} to take part in the Section 11 audits of ${partnership.name}. The partnership has decided not to add it at this time.`,
        '',
        'The reason it gave:',
        reason,
        '',
        `If you have questions, contact the partnership at ${(await findPartnership(deps.db, partnership.id))?.contactEmail ?? ''}.`,
      ].join('\n'),
    });
    return true;
  }

  return { receive, approve, decline };
}

export type JoinRequests = ReturnType<typeof joinRequests>;
