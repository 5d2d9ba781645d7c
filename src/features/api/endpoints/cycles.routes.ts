/** The token's partnership's audit cycles (its own and the joint ones it takes part in), and one of them. */
import { findCycleForPartnerships } from '../../../domain/cycle-access.repository.ts';
import { API_BASE, type ApiRoutes, type CycleRoute } from '../api-context.ts';
import { partnershipCycleIds } from '../api-cycles.repository.ts';
import { cycleJson } from '../api-json.ts';
import { paginate } from '../api-paging.ts';

export function apiCycleRoutes({ app, authenticated, forPartnership, cycleFor }: ApiRoutes): void {
  app.get<{ Querystring: Record<string, unknown> }>('/cycles', authenticated, (request) =>
    forPartnership(request, async (db) => {
      const partnershipId = request.apiPartnershipId!;
      const ids = await partnershipCycleIds(db, partnershipId);
      const page = paginate(ids, request.query ?? {}, `${API_BASE}/cycles`);
      const cycles = [];
      for (const { id } of page.data) {
        const cycle = await findCycleForPartnerships(db, [{ partnershipId, role: 'reviewer' }], id);
        if (cycle) cycles.push(cycleJson(cycle));
      }
      return { ...page, data: cycles };
    }),
  );

  app.get<CycleRoute>('/cycles/:cycleId', authenticated, (request) =>
    forPartnership(request, async (db) => ({ data: cycleJson(await cycleFor(db, request)) })),
  );
}
