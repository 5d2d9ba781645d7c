/**
 * What the people pages share: the app's dependencies, and those an invitation email needs. Each
 * page registers its routes with it; `people.routes.tsx` is the table of those pages.
 */
import type { FastifyInstance } from 'fastify';
import type { InvitationDeps } from './invitation.ts';

export function peopleRoutesContext(app: FastifyInstance) {
  const { database, clock, mailer, config } = app.deps;
  const db = database.db;
  const invitationDeps: InvitationDeps = { db, clock, mailer, baseUrl: config.baseUrl };
  return { app, db, clock, invitationDeps };
}

export type PeopleRoutes = ReturnType<typeof peopleRoutesContext>;
