/**
 * Sharing an agency between partnerships, for partnership admins (reviewers get 403; anyone without
 * a role in the partnership, or a partnership neither asking nor asked, 404): finding an agency of
 * another partnership, asking to share it, and accepting, declining or withdrawing the request.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError, notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import { type FormErrors, oneError } from '../../views/form-errors.ts';
import { formBody, handleForm, textField, validate } from '../../web/form-route.ts';
import { takePendingForm } from '../../web/pending-form.ts';
import { type PartnershipAccess, partnershipAccess } from '../partnerships/partnership-access.ts';
import { activeLocalities } from './agencies.repository.ts';
import {
  checkShare,
  declineForm,
  type ShareFormState,
  searchSchema,
  shareFormState,
} from './agency-share-form.ts';
import {
  type AgencyIdentity,
  acceptShareRequest,
  createShareRequest,
  declineShareRequest,
  findOtherAgency,
  isMember,
  listShareRequests,
  SEARCH_LIMIT,
  type ShareRequest,
  searchOtherAgencies,
  withdrawShareRequest,
} from './agency-shares.repository.ts';
import { shareRequestPath, tellShareAnswered, tellShareRequested } from './agency-shares.service.ts';
import { sharesBase } from './agency-shares.view.tsx';
import { FindAgencyPage } from './find-agency.view.tsx';
import { ShareRequestFormPage } from './share-request-form.view.tsx';
import { ShareRequestPage, ShareRequestsPage } from './share-requests.view.tsx';

type Params = {
  Params: { partnershipId: string; requestId?: string };
  Querystring: { q?: string; agency?: string; asked?: string; done?: string };
};

const NOTICES: Record<string, string> = {
  requested: 'Request sent: the other partnership’s admins have been emailed',
  accepted: 'Request accepted: the agency is now shared',
  declined: 'Request declined: the partnership that asked has been told',
  withdrawn: 'Request withdrawn',
};

export async function agencyShareRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock, mailer, config } = app.deps;
  const db = database.db;
  const notices = { db, mailer, baseUrl: config.baseUrl };

  const admin = (request: FastifyRequest<Params>) =>
    partnershipAccess(request, true, 'Only a partnership admin can share agencies with other partnerships.');

  app.get<Params>('/partnerships/:partnershipId/agencies/find', async (request, reply) => {
    const partnership = admin(request);
    const typed = typeof request.query.q === 'string' ? request.query.q : '';
    const chrome = await request.chrome(reply);
    if (typed.trim() === '')
      return reply.html(FindAgencyPage({ chrome, partnership, query: typed, results: null, more: false }));
    const search = validate(searchSchema, { q: typed });
    if (!search.ok)
      return reply.html(
        FindAgencyPage({
          chrome,
          partnership,
          query: typed,
          results: null,
          more: false,
          errors: search.errors,
        }),
        422,
      );
    const found = await searchOtherAgencies(db, partnership.id, search.values.q);
    return reply.html(
      FindAgencyPage({
        chrome,
        partnership,
        query: search.values.q,
        results: found.slice(0, SEARCH_LIMIT),
        more: found.length > SEARCH_LIMIT,
      }),
    );
  });

  /** The agency named, as an active member of the partnership asked (never the asker itself). */
  async function otherAgency(
    partnership: PartnershipAccess,
    agencyId: unknown,
    askedId: unknown,
  ): Promise<AgencyIdentity> {
    if (typeof agencyId !== 'string' || typeof askedId !== 'string' || !isUuid(agencyId) || !isUuid(askedId))
      throw notFound('Agency');
    const agency = await findOtherAgency(db, partnership.id, askedId, agencyId);
    if (!agency) throw notFound('Agency');
    return agency;
  }

  const alreadyShared = (partnershipId: string, agency: AgencyIdentity) =>
    new HttpError(
      409,
      `${agency.name} is already one of your agencies`,
      'Change its localities and lead contact from your agencies.',
      [{ text: 'Go to your agencies', href: `/partnerships/${partnershipId}/agencies` }],
    );

  async function formView(
    request: FastifyRequest,
    reply: FastifyReply,
    partnership: PartnershipAccess,
    agency: AgencyIdentity,
    state: ShareFormState,
    errors?: FormErrors,
  ) {
    return ShareRequestFormPage({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      partnership,
      agency,
      localities: await activeLocalities(db, partnership.id),
      state,
      errors,
    });
  }

  app.get<Params>('/partnerships/:partnershipId/agency-shares/new', async (request, reply) => {
    const partnership = admin(request);
    const agency = await otherAgency(partnership, request.query.agency, request.query.asked);
    if (await isMember(db, partnership.id, agency.agencyId)) throw alreadyShared(partnership.id, agency);
    const pending = await takePendingForm(app, request, reply);
    const state = pending ? shareFormState(pending.body) : { localityIds: [], leadContactEmail: '' };
    return reply.html(await formView(request, reply, partnership, agency, state));
  });

  app.post<Params>('/partnerships/:partnershipId/agency-shares', async (request, reply) => {
    const partnership = admin(request);
    const body = formBody(request);
    const agency = await otherAgency(partnership, body.agencyId, body.askedPartnershipId);
    if (await isMember(db, partnership.id, agency.agencyId)) throw alreadyShared(partnership.id, agency);
    const localityIds = new Set((await activeLocalities(db, partnership.id)).map((l) => l.id));
    return handleForm(request, reply, {
      state: shareFormState,
      schema: checkShare(localityIds),
      invalid: (state, errors) => formView(request, reply, partnership, agency, state, errors),
      save: async (values) => {
        const requestId = await createShareRequest(
          db,
          partnership.id,
          { agencyId: agency.agencyId, askedPartnershipId: agency.partnershipId, ...values },
          request.user!.id,
          clock.now(),
        );
        if (!requestId)
          return {
            errors: oneError(
              'localities',
              'Your partnership has already asked to share this agency. Wait for the answer, or withdraw that request first',
            ),
          };
        const [created] = await listShareRequests(db, partnership.id, requestId);
        await tellShareRequested(notices, created!);
        return `${shareRequestPath(partnership.id, requestId)}?done=requested`;
      },
    });
  });

  app.get<Params>('/partnerships/:partnershipId/agency-shares', async (request, reply) => {
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

  /** The request, if this partnership made it or was asked it. */
  async function shareRequest(partnership: PartnershipAccess, requestId: string | undefined) {
    if (!isUuid(requestId)) throw notFound('Request');
    const [found] = await listShareRequests(db, partnership.id, requestId);
    if (!found) throw notFound('Request');
    return found;
  }

  const alreadyAnswered = (partnershipId: string) =>
    new HttpError(
      409,
      'This request has already been answered',
      'Someone has answered or withdrawn it already.',
      [{ text: 'Go to the requests', href: sharesBase(partnershipId) }],
    );

  async function requestPage(
    request: FastifyRequest<Params>,
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
    request: FastifyRequest<Params>,
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

  app.get<Params>('/partnerships/:partnershipId/agency-shares/:requestId', async (request, reply) => {
    const partnership = admin(request);
    const found = await shareRequest(partnership, request.params.requestId);
    const pending = await takePendingForm(app, request, reply);
    const typed = pending?.body.declineReason;
    return requestPage(request, reply, partnership, found, typeof typed === 'string' ? typed : '');
  });

  /** The request, if this partnership was asked it (the asker cannot answer its own request: 404). */
  async function askedRequest(request: FastifyRequest<Params>) {
    const partnership = admin(request);
    const found = await shareRequest(partnership, request.params.requestId);
    if (found.askedPartnershipId !== partnership.id) throw notFound('Request');
    if (found.status !== 'pending') throw alreadyAnswered(partnership.id);
    return { partnership, found };
  }

  app.post<Params>('/partnerships/:partnershipId/agency-shares/:requestId/accept', async (request, reply) => {
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
  });

  app.post<Params>(
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

  app.post<Params>(
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
