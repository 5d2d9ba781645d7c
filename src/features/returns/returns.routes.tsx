/**
 * The agency's return, page by page. Each page's folder holds its routes, its form (one schema) and
 * its view; this is the table of them. Routes are thin: services hold the rules.
 */
import type { FastifyInstance } from 'fastify';
import { actionRoutes } from './actions/actions.routes.tsx';
import { checkRoutes } from './check/check.routes.tsx';
import { detailsRoutes } from './details/details.routes.tsx';
import { historyRoutes } from './history/history.routes.tsx';
import { listRoutes } from './list/list.routes.tsx';
import { recordsRoutes } from './records/records.routes.tsx';
import { type ReturnRoutes, returnRoutesContext } from './return-routes.ts';
import { signOffRoutes } from './sign-off/sign-off.routes.tsx';
import { taskListRoutes } from './task-list/task-list.routes.tsx';
import { themeAutosaveRoutes } from './theme/autosave.routes.ts';
import { documentDownloadRoutes } from './theme/document-download.routes.ts';
import { documentRoutes } from './theme/documents.routes.tsx';
import { savedRoutes } from './theme/saved.routes.tsx';
import { themeRoutes } from './theme/theme.routes.tsx';

/** The return's pages, in the order a person meets them. */
const RETURN_PAGES: ReadonlyArray<(routes: ReturnRoutes) => void> = [
  listRoutes, // GET /returns
  taskListRoutes, // GET /returns/:returnId
  detailsRoutes, // GET, POST /returns/:returnId/details
  themeRoutes, // GET, POST /returns/:returnId/themes/:themeId
  themeAutosaveRoutes, // POST /returns/:returnId/themes/:themeId/autosave
  documentRoutes, // POST …/themes/:themeId/documents[/:documentId/remove|restore|keep]
  documentDownloadRoutes, // GET /returns/:returnId/documents/:documentId
  savedRoutes, // GET /returns/:returnId/saved
  signOffRoutes, // GET, POST /returns/:returnId/sign-off
  checkRoutes, // GET …/check; POST …/submit; GET …/confirmation
  recordsRoutes, // GET …/copy, …/copy.pdf, …/scores
  actionRoutes, // GET …/actions, …/actions.xlsx; GET, POST …/actions/:actionId
  historyRoutes, // GET …/history
];

export async function returnRoutes(app: FastifyInstance): Promise<void> {
  const routes = returnRoutesContext(app);
  for (const register of RETURN_PAGES) register(routes);
}
