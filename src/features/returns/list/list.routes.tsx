/** The agency's returns, with each one's progress. */
import { requireUser } from '../../auth/auth.plugin.ts';
import { agencyPartnershipsFor } from '../../partnerships/agency-partnerships.ts';
import type { ReturnRoutes } from '../return-routes.ts';
import { applicableThemes } from '../return-rules.ts';
import { loadReturnStructure } from '../return-structure.repository.ts';
import { listAgencyReturns } from '../returns.repository.ts';
import { ReturnsListPage } from './list.view.tsx';

export function listRoutes({ app, db, clock }: ReturnRoutes): void {
  const ownPage = {
    config: { systemContext: "the person's agencies' returns, to each partnership they belong to" },
  };

  app.get('/returns', ownPage, async (request, reply) => {
    const user = requireUser(request);
    const items = await listAgencyReturns(db, user);
    const withProgress = await Promise.all(
      items.map(async (item) => {
        const structure = await loadReturnStructure(db, item.partnershipId, item.templateVersionId);
        const role = user.agencies.find((a) => a.agencyId === item.agencyId)?.role;
        const contributor = role === 'contributor';
        // A contributor's progress is that of the themes assigned to them.
        const themes = applicableThemes(structure.themes, item.agencyLocalityIds, item.agencySector).filter(
          (t) => !contributor || item.assignedThemeIds.includes(t.id),
        );
        return {
          ...item,
          contributor,
          total: themes.length,
          completed: themes.filter((t) => item.completedThemeIds.includes(t.id)).length,
        };
      }),
    );
    return reply.html(
      ReturnsListPage({
        chrome: await request.chrome(reply),
        items: withProgress,
        now: clock.now(),
        leadAgencies: user.agencies.filter((a) => a.role === 'agency_lead'),
        partnerships: [
          ...new Map(
            (await agencyPartnershipsFor(db, user)).map((m) => [
              m.partnershipId,
              { id: m.partnershipId, name: m.partnershipName },
            ]),
          ).values(),
        ],
      }),
    );
  });
}
