/** The share requests a partnership made or was asked, and their answers: accept, decline, withdraw. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError, notFound } from '../../../lib/http-errors.ts';
import type { FormErrors } from '../../../views/form-errors.ts';
import { handleForm, textField } from '../../../web/form-route.ts';
import { takePendingForm } from '../../../web/pending-form.ts';
import type { PartnershipAccess } from '../../partnerships/partnership-access.ts';
import { declineForm } from '../agency-share-form.ts';
import {
  acceptShareRequest,
  declineShareRequest,
  listShareRequests,
  type ShareRequest,
  withdrawShareRequest,
} from '../agency-shares.repository.ts';
import { shareRequestPath, tellShareAnswered } from '../agency-shares.service.ts';
import { sharesBase } from '../agency-shares.view.tsx';
import { ShareRequestPage, ShareRequestsPage } from '../share-requests.view.tsx';
import { alreadyAnswered, NOTICES, type SharesParams, type SharesRoutes } from './shares-context.ts';

export function shareRequestRoutes({ app, db, clock, notices, admin, shareRequest }: SharesRoutes): void {
  app.get<SharesParams>('/partnerships/:partnershipId/agency-shares', async (request, reply) => {
    const partnership = admin(request);
    return reply.html(
      ShareRequestsPage({
        chrome: await request.chrome(reply),
        partnership,
        requests: await listShareRequests(db, partnership.id),
        notice: NOTICES[request.query.done ?? ''],
      }),
    );
  });

  async function requestPage(
    request: FastifyRequest<SharesParams>,
    reply: FastifyReply,
    partnership: PartnershipAccess,
    found: ShareRequest,
    declineReason = '',
    errors?: FormErrors,
  ) {
    return reply.html(
      await requestView(request, reply, partnership, found, declineReason, errors),
      errors ? 422 : 200,
    );
  }

  async function requestView(
    request: FastifyRequest<SharesParams>,
    reply: FastifyReply,
    partnership: PartnershipAccess,
    found: ShareRequest,
    declineReason: string,
    errors?: FormErrors,
  ) {
    return ShareRequestPage({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      partnership,
      request: found,
      declineReason,
      notice: NOTICES[request.query.done ?? ''],
      errors,
    });
  }

  app.get<SharesParams>('/partnerships/:partnershipId/agency-shares/:requestId', async (request, reply) => {
    const partnership = admin(request);
    const found = await shareRequest(partnership, request.params.requestId);
    const pending = await takePendingForm(app, request, reply);
    const typed = pending?.body.declineReason;
    return requestPage(request, reply, partnership, found, typeof typed === 'string' ? typed : '');
  });

  /** The request, if this partnership was asked it (the asker cannot answer its own request: 404). */
  async function askedRequest(request: FastifyRequest<SharesParams>) {
    const partnership = admin(request);
    const found = await shareRequest(partnership, request.params.requestId);
    if (found.askedPartnershipId !== partnership.id) throw notFound('Request');
    if (found.status !== 'pending') throw alreadyAnswered(partnership.id);
    return { partnership, found };
  }

  app.post<SharesParams>(
    '/partnerships/:partnershipId/agency-shares/:requestId/accept',
    async (request, reply) => {
      const { partnership, found } = await askedRequest(request);
      const result = await acceptShareRequest(db, partnership.id, found.id, request.user!.id, clock.now());
      if (result === 'decided') throw alreadyAnswered(partnership.id);
      if (result === 'gone')
        throw new HttpError(
          409,
          'This agency is no longer one of your agencies',
          'It has been archived in your partnership, so it cannot be shared. Restore it first, or decline the request.',
          [{ text: 'Go to the request', href: shareRequestPath(partnership.id, found.id) }],
        );
      await tellShareAnswered(notices, found, 'accepted');
      return reply.redirect(`${shareRequestPath(partnership.id, found.id)}?done=accepted`, 303);
    },
  );

  app.post<SharesParams>(
    '/partnerships/:partnershipId/agency-shares/:requestId/decline',
    async (request, reply) => {
      const { partnership, found } = await askedRequest(request);
      return handleForm(request, reply, {
        state: (body) => ({ declineReason: textField(body, 'declineReason') }),
        schema: declineForm,
        invalid: (state, errors) =>
          requestView(request, reply, partnership, found, state.declineReason, errors),
        save: async ({ declineReason: reason }) => {
          if (
            !(await declineShareRequest(db, partnership.id, found.id, reason, request.user!.id, clock.now()))
          )
            throw alreadyAnswered(partnership.id);
          await tellShareAnswered(notices, found, 'declined', reason);
          return `${shareRequestPath(partnership.id, found.id)}?done=declined`;
        },
      });
    },
  );

  app.post<SharesParams>(
    '/partnerships/:partnershipId/agency-shares/:requestId/withdraw',
    async (request, reply) => {
      const partnership = admin(request);
      const found = await shareRequest(partnership, request.params.requestId);
      if (found.partnershipId !== partnership.id) throw notFound('Request');
      if (!(await withdrawShareRequest(db, partnership.id, found.id, request.user!.id, clock.now())))
        throw alreadyAnswered(partnership.id);
      return reply.redirect(`${sharesBase(partnership.id)}?done=withdrawn`, 303);
    },
  );
}
