/**
 * Requests to take part: a public form per partnership (`join/`), and the partnership admins' list
 * and decisions (`decisions/`); the rules and emails are in join-requests.service. This is the table
 * of their pages.
 */
import type { FastifyInstance } from 'fastify';
import { decisionRoutes } from './decisions/decisions.routes.tsx';
import { joinFormRoutes } from './join/join.routes.tsx';
import { type JoinRoutes, joinRoutesContext } from './join-requests-context.ts';

const JOIN_PAGES: ReadonlyArray<(routes: JoinRoutes) => void> = [
  joinFormRoutes, // GET /join; GET, POST /join/:partnershipId; GET …/sent
  decisionRoutes, // GET /partnerships/:partnershipId/join-requests, …/:requestId; POST …/approve, …/decline
];

export async function joinRequestRoutes(app: FastifyInstance): Promise<void> {
  const routes = joinRoutesContext(app);
  for (const register of JOIN_PAGES) register(routes);
}
