/** Asking another partnership to share one of its agencies, with this partnership's localities and lead. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError, notFound } from '../../../lib/http-errors.ts';
import { isUuid } from '../../../lib/tokens.ts';
import { type FormErrors, oneError } from '../../../views/form-errors.ts';
import { formBody, handleForm } from '../../../web/form-route.ts';
import { takePendingForm } from '../../../web/pending-form.ts';
import type { PartnershipAccess } from '../../partnerships/partnership-access.ts';
import { activeLocalities } from '../agencies.repository.ts';
import { checkShare, type ShareFormState, shareFormState } from '../agency-share-form.ts';
import {
  type AgencyIdentity,
  createShareRequest,
  findOtherAgency,
  isMember,
  listShareRequests,
} from '../agency-shares.repository.ts';
import { shareRequestPath, tellShareRequested } from '../agency-shares.service.ts';
import { ShareRequestFormPage } from '../share-request-form.view.tsx';
import type { SharesParams, SharesRoutes } from './shares-context.ts';

const alreadyShared = (partnershipId: string, agency: AgencyIdentity) =>
  new HttpError(
    409,
    `${agency.name} is already one of your agencies`,
    'Change its localities and lead contact from your agencies.',
    [{ text: 'Go to your agencies', href: `/partnerships/${partnershipId}/agencies` }],
  );

export function askToShareRoutes({ app, db, clock, notices, admin }: SharesRoutes): void {
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

  app.get<SharesParams>('/partnerships/:partnershipId/agency-shares/new', async (request, reply) => {
    const partnership = admin(request);
    const agency = await otherAgency(partnership, request.query.agency, request.query.asked);
    if (await isMember(db, partnership.id, agency.agencyId)) throw alreadyShared(partnership.id, agency);
    const pending = await takePendingForm(app, request, reply);
    const state = pending ? shareFormState(pending.body) : { localityIds: [], leadContactEmail: '' };
    return reply.html(await formView(request, reply, partnership, agency, state));
  });

  app.post<SharesParams>('/partnerships/:partnershipId/agency-shares', async (request, reply) => {
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
}
