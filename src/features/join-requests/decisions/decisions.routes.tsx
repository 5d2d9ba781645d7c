/** The partnership admins' list of requests to take part, and their decisions. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError, notFound } from '../../../lib/http-errors.ts';
import { isUuid } from '../../../lib/tokens.ts';
import type { FormErrors } from '../../../views/form-errors.ts';
import { type FormBody, handleForm, textField } from '../../../web/form-route.ts';
import { takePendingForm } from '../../../web/pending-form.ts';
import { activeLocalities, listAgencies } from '../../agencies/agencies.repository.ts';
import { sameNameKey } from '../../agencies/agency-import-rows.ts';
import { partnershipAccess } from '../../partnerships/partnership-access.ts';
import { declineForm } from '../join-request-form.ts';
import { findJoinRequest, type JoinRequest, listJoinRequests } from '../join-requests.repository.ts';
import { JoinRequestPage, JoinRequestsPage } from '../join-requests.view.tsx';
import type { JoinRoutes } from '../join-requests-context.ts';

type AdminParams = {
  Params: { partnershipId: string; requestId?: string };
  Querystring: { done?: string };
};

const NOTICES: Record<string, string> = {
  approved: 'Request approved: the agency has been added and its contact invited',
  declined: 'Request declined: the contact has been told',
};

const joinUrl = (baseUrl: string, partnershipId: string) => `${baseUrl}/join/${partnershipId}`;

const base = (id: string) => `/partnerships/${id}/join-requests`;

const alreadyDecided = (partnershipId: string) =>
  new HttpError(
    409,
    'This request has already been decided',
    'Someone has approved or declined it already.',
    [{ text: 'Go to the requests', href: base(partnershipId) }],
  );

const declineState = (body: FormBody) => ({ declineReason: textField(body, 'declineReason') });

export function decisionRoutes({ app, db, config, requests }: JoinRoutes): void {
  const admin = (request: FastifyRequest<AdminParams>) =>
    partnershipAccess(request, true, 'Only a partnership admin can decide requests to take part.');

  async function requestIn(partnershipId: string, requestId: string | undefined): Promise<JoinRequest> {
    if (!isUuid(requestId)) throw notFound('Request');
    const found = await findJoinRequest(db, partnershipId, requestId);
    if (!found) throw notFound('Request');
    return found;
  }

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
      if (!(await requests.approve(partnership, found, request.user!.id)))
        throw alreadyDecided(partnership.id);
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
          if (!(await requests.decline(partnership, found, reason, request.user!.id)))
            throw alreadyDecided(partnership.id);
          return `${base(partnership.id)}?done=declined`;
        },
      });
    },
  );
}
