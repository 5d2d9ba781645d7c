/**
 * Requests to take part: a public form per partnership (no sign-in; CSRF through the anonymous
 * session; a honeypot against bots), and the partnership admins' list and decisions. The requester
 * is emailed on receipt and on the decision; an approval makes the organisation a voluntary agency
 * with its contact as agency lead, invited with a sign-in link.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError, notFound } from '../../lib/http-errors.ts';
import { type Limit, RateLimiter } from '../../lib/rate-limiter.ts';
import { isUuid } from '../../lib/tokens.ts';
import type { FormErrors } from '../../views/form-errors.ts';
import { type FormBody, formBody, handleForm, textField } from '../../web/form-route.ts';
import { takePendingForm } from '../../web/pending-form.ts';
import { activeLocalities, listAgencies } from '../agencies/agencies.repository.ts';
import { sameNameKey } from '../agencies/agency-import-rows.ts';
import { partnershipAccess } from '../partnerships/partnership-access.ts';
import { sendInvitation } from '../people/invitation.ts';
import {
  checkJoin,
  declineForm,
  emptyJoinForm,
  type JoinFormState,
  joinFormState,
} from './join-request-form.ts';
import {
  approveJoinRequest,
  createJoinRequest,
  declineJoinRequest,
  findJoinRequest,
  findPartnership,
  type JoinRequest,
  listJoinRequests,
  listPartnershipsForJoining,
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

import {
  ChoosePartnershipPage,
  JoinFormPage,
  JoinRequestPage,
  JoinRequestsPage,
  JoinSentPage,
} from './join-requests.view.tsx';

type PublicParams = { Params: { partnershipId: string } };
type AdminParams = {
  Params: { partnershipId: string; requestId?: string };
  Querystring: { done?: string };
};

const NOTICES: Record<string, string> = {
  approved: 'Request approved: the agency has been added and its contact invited',
  declined: 'Request declined: the contact has been told',
};

export const joinUrl = (baseUrl: string, partnershipId: string) => `${baseUrl}/join/${partnershipId}`;

export async function joinRequestRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock, mailer, config } = app.deps;
  const db = database.db;
  const perClient = new RateLimiter(app.deps.limits?.joinRequestsPerClient ?? JOIN_REQUESTS_PER_CLIENT);

  async function publicPartnership(request: FastifyRequest<PublicParams>) {
    if (!isUuid(request.params.partnershipId)) throw notFound('Partnership');
    const partnership = await findPartnership(db, request.params.partnershipId);
    if (!partnership) throw notFound('Partnership');
    return partnership;
  }

  app.get('/join', async (request, reply) =>
    reply.html(
      ChoosePartnershipPage({
        chrome: await request.chrome(reply),
        partnerships: await listPartnershipsForJoining(db),
      }),
    ),
  );

  async function formView(
    request: FastifyRequest,
    reply: FastifyReply,
    partnership: { id: string; name: string },
    state: JoinFormState,
    errors?: FormErrors,
  ) {
    return JoinFormPage({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      partnership,
      localities: await activeLocalities(db, partnership.id),
      state,
      errors,
    });
  }

  app.get<PublicParams>('/join/:partnershipId', async (request, reply) => {
    const partnership = await publicPartnership(request);
    const pending = await takePendingForm(app, request, reply);
    const state = pending ? joinFormState(pending.body) : emptyJoinForm();
    return reply.html(await formView(request, reply, partnership, state));
  });

  app.post<PublicParams>('/join/:partnershipId', async (request, reply) => {
    const partnership = await publicPartnership(request);
    const sent = `/join/${partnership.id}/sent`;
    // A bot filled in the field people cannot see: it is told the request was sent, and nothing is.
    if (textField(formBody(request), 'website').trim() !== '') return reply.redirect(sent, 303);
    const localityIds = new Set((await activeLocalities(db, partnership.id)).map((l) => l.id));
    return handleForm(request, reply, {
      state: joinFormState,
      schema: checkJoin(localityIds),
      invalid: (state, errors) => formView(request, reply, partnership, state, errors),
      save: async (values) => {
        // The form is public: a few requests a day from one address, so it cannot be used to flood
        // someone's inbox with receipts or the partnership's with requests.
        const now = clock.now();
        if (!perClient.take([request.ip], now.getTime()))
          throw new HttpError(
            429,
            'Too many requests have been sent from here today',
            `Wait until tomorrow and try again, or write to ${partnership.contactEmail}. If you share a network with many people, one of them may have sent requests too.`,
            [{ text: 'Go back to the request form', href: `/join/${partnership.id}` }],
          );
        if (
          (await requestsFromSince(
            db,
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
        await createJoinRequest(db, partnership.id, values, now);
        await mailer.send({
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
        await mailer.send({
          partnershipId: partnership.id,
          to: partnership.contactEmail,
          subject: `New request to take part: ${values.organisationName}`,
          text: [
            `${values.contactName} (${values.contactEmail}) has asked for ${values.organisationName} to take part in the partnership’s Section 11 audits.`,
            '',
            `Approve or decline it at ${config.baseUrl}/partnerships/${partnership.id}/join-requests`,
          ].join('\n'),
        });
        return sent;
      },
    });
  });

  app.get<PublicParams>('/join/:partnershipId/sent', async (request, reply) => {
    const partnership = await publicPartnership(request);
    return reply.html(JoinSentPage({ chrome: await request.chrome(reply), partnership }));
  });

  const admin = (request: FastifyRequest<AdminParams>) =>
    partnershipAccess(request, true, 'Only a partnership admin can decide requests to take part.');
  const base = (id: string) => `/partnerships/${id}/join-requests`;

  async function requestIn(partnershipId: string, requestId: string | undefined): Promise<JoinRequest> {
    if (!isUuid(requestId)) throw notFound('Request');
    const found = await findJoinRequest(db, partnershipId, requestId);
    if (!found) throw notFound('Request');
    return found;
  }

  const alreadyDecided = (partnershipId: string) =>
    new HttpError(
      409,
      'This request has already been decided',
      'Someone has approved or declined it already.',
      [{ text: 'Go to the requests', href: base(partnershipId) }],
    );

  app.get<AdminParams>('/partnerships/:partnershipId/join-requests', async (request, reply) => {
    const partnership = admin(request);
    return reply.html(
      JoinRequestsPage({
        chrome: await request.chrome(reply),
        partnership,
        joinUrl: joinUrl(config.baseUrl, partnership.id),
        requests: await listJoinRequests(db, partnership.id),
        notice: NOTICES[request.query.done ?? ''],
      }),
    );
  });

  const declineState = (body: FormBody) => ({ declineReason: textField(body, 'declineReason') });

  async function requestPage(
    request: FastifyRequest<AdminParams>,
    reply: FastifyReply,
    partnership: { id: string; name: string },
    found: JoinRequest,
    declineReason = '',
  ) {
    return reply.html(await requestView(request, reply, partnership, found, declineReason));
  }

  async function requestView(
    request: FastifyRequest<AdminParams>,
    reply: FastifyReply,
    partnership: { id: string; name: string },
    found: JoinRequest,
    declineReason: string,
    errors?: FormErrors,
  ) {
    const names = new Map((await activeLocalities(db, partnership.id)).map((l) => [l.id, l.name]));
    return JoinRequestPage({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      partnership,
      request: found,
      localityNames: found.localityIds.flatMap((id) => names.get(id) ?? []),
      sameNameAgency: (await listAgencies(db, partnership.id)).some(
        (a) => sameNameKey(a.name) === sameNameKey(found.organisationName),
      ),
      declineReason,
      errors,
    });
  }

  app.get<AdminParams>('/partnerships/:partnershipId/join-requests/:requestId', async (request, reply) => {
    const partnership = admin(request);
    const found = await requestIn(partnership.id, request.params.requestId);
    // A decline refused because the session ended comes back with its reason, ready to send.
    const pending = found.status === 'pending' ? await takePendingForm(app, request, reply) : null;
    return requestPage(
      request,
      reply,
      partnership,
      found,
      pending ? declineState(pending.body).declineReason : '',
    );
  });

  app.post<AdminParams>(
    '/partnerships/:partnershipId/join-requests/:requestId/approve',
    async (request, reply) => {
      const partnership = admin(request);
      const found = await requestIn(partnership.id, request.params.requestId);
      const approved = await approveJoinRequest(db, partnership.id, found.id, request.user!.id, clock.now());
      if (!approved) throw alreadyDecided(partnership.id);
      await sendInvitation(
        { db, clock, mailer, baseUrl: config.baseUrl },
        { userId: approved.userId, name: found.contactName, email: found.contactEmail },
        {
          partnershipId: partnership.id,
          subject: `Your request to take part in ${partnership.name} has been approved`,
          why: `${partnership.name} has approved your request for ${found.organisationName} to take part in its Section 11 audits. You are its agency lead: you can complete its self-assessment and invite colleagues to help.`,
          accept: approved.invited,
        },
      );
      return reply.redirect(`${base(partnership.id)}?done=approved`, 303);
    },
  );

  app.post<AdminParams>(
    '/partnerships/:partnershipId/join-requests/:requestId/decline',
    async (request, reply) => {
      const partnership = admin(request);
      const found = await requestIn(partnership.id, request.params.requestId);
      if (found.status !== 'pending') throw alreadyDecided(partnership.id);
      return handleForm(request, reply, {
        state: declineState,
        schema: declineForm,
        invalid: (state, errors) =>
          requestView(request, reply, partnership, found, state.declineReason, errors),
        save: async ({ declineReason: reason }) => {
          const declined = await declineJoinRequest(
            db,
            partnership.id,
            found.id,
            reason,
            request.user!.id,
            clock.now(),
          );
          if (!declined) throw alreadyDecided(partnership.id);
          await mailer.send({
            partnershipId: partnership.id,
            to: found.contactEmail,
            subject: `Your request to take part in ${partnership.name}`,
            text: [
              `Hello ${found.contactName},`,
              '',
              `Thank you for asking for ${found.organisationName} to take part in the Section 11 audits of ${partnership.name}. The partnership has decided not to add it at this time.`,
              '',
              'The reason it gave:',
              reason,
              '',
              `If you have questions, contact the partnership at ${(await findPartnership(db, partnership.id))?.contactEmail ?? ''}.`,
            ].join('\n'),
          });
          return `${base(partnership.id)}?done=declined`;
        },
      });
    },
  );
}
