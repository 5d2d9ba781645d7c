/**
 * A partnership's agencies: listed for its admins and reviewers, added, changed, archived and
 * restored by its admins. Each page's module holds its routes; this is the table of them.
 */
import type { FastifyInstance } from 'fastify';
import { type AgencyRoutes, agencyRoutesContext } from './agencies-context.ts';
import { agencyFormRoutes } from './agency/agency-form.routes.tsx';
import { archiveRoutes } from './agency/archive.routes.ts';
import { agencyListRoutes } from './list/agency-list.routes.tsx';

const AGENCY_PAGES: ReadonlyArray<(routes: AgencyRoutes) => void> = [
  agencyListRoutes, // GET /partnerships/:partnershipId/agencies
  agencyFormRoutes, // GET …/agencies/new, …/agencies/:agencyId; POST …/agencies, …/agencies/:agencyId
  archiveRoutes, // POST …/agencies/:agencyId/archive, …/agencies/:agencyId/restore
];

export async function agencyRoutes(app: FastifyInstance): Promise<void> {
  const routes = agencyRoutesContext(app);
  for (const register of AGENCY_PAGES) register(routes);
}
