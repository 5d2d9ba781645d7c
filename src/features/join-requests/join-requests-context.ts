/** What the join-request pages share: the app's dependencies and the requests' service. */
import type { FastifyInstance } from 'fastify';
import { JOIN_REQUESTS_PER_CLIENT, joinRequests } from './join-requests.service.ts';

export function joinRoutesContext(app: FastifyInstance) {
  const { database, clock, mailer, config } = app.deps;
  const db = database.db;
  const requests = joinRequests(
    { db, clock, mailer, baseUrl: config.baseUrl },
    app.deps.limits?.joinRequestsPerClient ?? JOIN_REQUESTS_PER_CLIENT,
  );
  return { app, db, clock, config, requests };
}

export type JoinRoutes = ReturnType<typeof joinRoutesContext>;
