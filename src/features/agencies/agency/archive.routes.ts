/** Archiving an agency and restoring it, for partnership admins. */
import { setArchived } from '../agencies.repository.ts';
import { type AgencyParams, type AgencyRoutes, agenciesPath } from '../agencies-context.ts';

export function archiveRoutes({ app, db, clock, partnershipFor, agencyIn }: AgencyRoutes): void {
  for (const action of ['archive', 'restore'] as const) {
    app.post<AgencyParams>(
      `/partnerships/:partnershipId/agencies/:agencyId/${action}`,
      async (request, reply) => {
        const partnership = partnershipFor(request, true);
        const agency = await agencyIn(partnership.id, request.params.agencyId);
        await setArchived(db, partnership.id, agency.id, action === 'archive' ? clock.now() : null);
        return reply.redirect(
          `${agenciesPath(partnership.id)}?done=${action === 'archive' ? 'archived' : 'restored'}`,
          303,
        );
      },
    );
  }
}
