/**
 * Setting up an audit cycle and changing its details: partnership admins only. Each page's module
 * (in `setup/`) holds its routes; this is the table of them.
 */
import type { FastifyInstance } from 'fastify';
import { changeCycleRoutes } from './setup/change-cycle.routes.tsx';
import { newCycleRoutes } from './setup/new-cycle.routes.tsx';
import { type SetupRoutes, setupRoutesContext } from './setup/setup-context.ts';

const SETUP_PAGES: ReadonlyArray<(routes: SetupRoutes) => void> = [
  newCycleRoutes, // GET /partnerships/:partnershipId/cycles/new; POST /partnerships/:partnershipId/cycles
  changeCycleRoutes, // GET, POST /cycles/:cycleId/change
];

export async function cycleRoutes(app: FastifyInstance): Promise<void> {
  const routes = setupRoutesContext(app);
  for (const register of SETUP_PAGES) register(routes);
}
