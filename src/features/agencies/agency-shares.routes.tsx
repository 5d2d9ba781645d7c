/**
 * Sharing an agency between partnerships, for partnership admins (reviewers get 403; anyone without
 * a role in the partnership, or a partnership neither asking nor asked, 404): finding an agency of
 * another partnership, asking to share it, and accepting, declining or withdrawing the request.
 * Each page's module (in `shares/`) holds its routes; this is the table of them.
 */
import type { FastifyInstance } from 'fastify';
import { askToShareRoutes } from './shares/ask-to-share.routes.tsx';
import { findAgencyRoutes } from './shares/find-agency.routes.tsx';
import { shareRequestRoutes } from './shares/share-requests.routes.tsx';
import { type SharesRoutes, sharesRoutesContext } from './shares/shares-context.ts';

const SHARE_PAGES: ReadonlyArray<(routes: SharesRoutes) => void> = [
  findAgencyRoutes, // GET /partnerships/:partnershipId/agencies/find
  askToShareRoutes, // GET …/agency-shares/new; POST …/agency-shares
  shareRequestRoutes, // GET …/agency-shares, …/:requestId; POST …/accept, …/decline, …/withdraw
];

export async function agencyShareRoutes(app: FastifyInstance): Promise<void> {
  const routes = sharesRoutesContext(app);
  for (const register of SHARE_PAGES) register(routes);
}
