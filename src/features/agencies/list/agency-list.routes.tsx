/** The list of a partnership's agencies, for its admins and reviewers, with the notice after a change. */
import { pendingJoinRequestCount } from '../../join-requests/join-requests.repository.ts';
import { listAgencies } from '../agencies.repository.ts';
import { AgenciesPage } from '../agencies.view.tsx';
import type { AgencyParams, AgencyRoutes } from '../agencies-context.ts';
import { waitingShareRequestCount } from '../agency-shares.repository.ts';

const NOTICES: Record<string, string> = {
  added: 'Agency added',
  saved: 'Changes saved',
  archived: 'Agency archived',
  restored: 'Agency restored',
};

/** The notice for `?done=` (and `&count=` after an import). */
function noticeOf(query: AgencyParams['Querystring']): string | undefined {
  if (query.done === 'imported' && /^\d{1,5}$/.test(query.count ?? ''))
    return `${Number(query.count)} agenc${query.count === '1' ? 'y' : 'ies'} imported`;
  return NOTICES[query.done ?? ''];
}

export function agencyListRoutes({ app, db, partnershipFor }: AgencyRoutes): void {
  app.get<AgencyParams>('/partnerships/:partnershipId/agencies', async (request, reply) => {
    const partnership = partnershipFor(request, false);
    return reply.html(
      AgenciesPage({
        chrome: await request.chrome(reply),
        csrfToken: await app.sessions.csrfToken(request, reply),
        partnership,
        agencies: await listAgencies(db, partnership.id),
        canManage: partnership.canManage,
        pendingJoinRequests: partnership.canManage ? await pendingJoinRequestCount(db, partnership.id) : 0,
        waitingShareRequests: partnership.canManage ? await waitingShareRequestCount(db, partnership.id) : 0,
        notice: noticeOf(request.query),
      }),
    );
  });
}
