/**
 * A partnership's settings (details, localities, branding), for its admins only; and its branding
 * files. Each page's module holds its routes; this is the table of them.
 */
import type { FastifyInstance } from 'fastify';
import { brandingRoutes } from './settings/branding.routes.tsx';
import { brandingFileRoutes } from './settings/branding-files.routes.ts';
import { detailsRoutes } from './settings/details.routes.tsx';
import { localityRoutes } from './settings/localities.routes.tsx';
import { overviewRoutes } from './settings/overview.routes.tsx';
import { type SettingsRoutes, settingsRoutesContext } from './settings/settings-context.ts';

/** The settings pages, in the order the settings page lists them. */
const SETTINGS_PAGES: ReadonlyArray<(routes: SettingsRoutes) => void | Promise<void>> = [
  overviewRoutes, // GET /partnerships/:partnershipId/settings
  detailsRoutes, // GET, POST …/settings/details
  localityRoutes, // GET …/localities/new, …/localities/:localityId; POST …/localities, …/:localityId, …/retire, …/restore
  brandingRoutes, // GET …/settings/branding; POST …/branding/colour, …/branding/logo, …/branding/logo/remove
  brandingFileRoutes, // GET /branding/:file, /branding/:partnershipId/:file
];

export async function partnershipSettingsRoutes(app: FastifyInstance): Promise<void> {
  const routes = settingsRoutesContext(app);
  for (const register of SETTINGS_PAGES) await register(routes);
}
