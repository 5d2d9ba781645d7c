/**
 * What the pages sharing an agency share: the app's dependencies, the admin check (reviewers get
 * 403), the request a page names, and the notices and refusals they show. Each page registers its
 * routes with it; `agency-shares.routes.tsx` is the table of those pages.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError, notFound } from '../../../lib/http-errors.ts';
import { isUuid } from '../../../lib/tokens.ts';
import { type PartnershipAccess, partnershipAccess } from '../../partnerships/partnership-access.ts';
import { listShareRequests } from '../agency-shares.repository.ts';
import { sharesBase } from '../agency-shares.view.tsx';

export type SharesParams = {
  Params: { partnershipId: string; requestId?: string };
  Querystring: { q?: string; agency?: string; asked?: string; done?: string };
};

export const NOTICES: Record<string, string> = {
  requested: 'Request sent: the other partnership’s admins have been emailed',
  accepted: 'Request accepted: the agency is now shared',
  declined: 'Request declined: the partnership that asked has been told',
  withdrawn: 'Request withdrawn',
};

export const alreadyAnswered = (partnershipId: string) =>
  new HttpError(
    409,
    'This request has already been answered',
    'Someone has answered or withdrawn it already.',
    [{ text: 'Go to the requests', href: sharesBase(partnershipId) }],
  );

export function sharesRoutesContext(app: FastifyInstance) {
  const { database, clock, mailer, config } = app.deps;
  const db = database.db;
  const notices = { db, mailer, baseUrl: config.baseUrl };

  const admin = (request: FastifyRequest<SharesParams>) =>
    partnershipAccess(request, true, 'Only a partnership admin can share agencies with other partnerships.');

  /** The request, if this partnership made it or was asked it. */
  async function shareRequest(partnership: PartnershipAccess, requestId: string | undefined) {
    if (!isUuid(requestId)) throw notFound('Request');
    const [found] = await listShareRequests(db, partnership.id, requestId);
    if (!found) throw notFound('Request');
    return found;
  }

  return { app, db, clock, notices, admin, shareRequest };
}

export type SharesRoutes = ReturnType<typeof sharesRoutesContext>;
