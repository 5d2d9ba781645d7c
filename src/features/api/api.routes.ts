/**
 * The read-only JSON API for a partnership's analysts, under /api/v1. A bearer token (no session,
 * no CSRF) names the partnership; everything read is that partnership's: its own cycles and the joint
 * cycles it takes part in (with its own member agencies only). Errors are JSON with 401, 403 or 404.
 * Every route is described in docs/api/openapi.json, served at /api/v1/openapi.json. Each group of
 * routes' module (in `endpoints/`) holds its routes; this is the table of them.
 */
import type { FastifyInstance } from 'fastify';
import { type ApiRoutes, apiRoutesContext } from './api-context.ts';
import { ApiError, answerErrorsAsJson } from './api-errors.ts';
import { apiCycleListRoutes } from './endpoints/cycle-lists.routes.ts';
import { apiCycleRoutes } from './endpoints/cycles.routes.ts';
import { loadOpenApi } from './openapi.ts';

const API_ROUTES: ReadonlyArray<(routes: ApiRoutes) => void> = [
  apiCycleRoutes, // GET /api/v1/cycles, /api/v1/cycles/:cycleId
  apiCycleListRoutes, // GET …/cycles/:cycleId/returns, …/answers, …/theme-ratings, …/actions
];

export async function apiRoutes(app: FastifyInstance): Promise<void> {
  const openApi = loadOpenApi();
  // The app takes only form bodies; the API (read-only today) keeps JSON for what it may take.
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    app.getDefaultJsonParser('error', 'error'),
  );
  answerErrorsAsJson(app);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  // The document is public: it describes the API, not any partnership's data.
  app.get('/openapi.json', async (_request, reply) => reply.type('application/json').send(openApi));

  // Anything but reading is refused, whatever it carries.
  app.route({
    method: ['POST', 'PUT', 'PATCH', 'DELETE'],
    url: '/*',
    handler: async () => {
      throw new ApiError(403, 'read_only', 'The API is read-only: only GET requests are accepted.');
    },
  });

  const routes = apiRoutesContext(app);
  for (const register of API_ROUTES) register(routes);
}
