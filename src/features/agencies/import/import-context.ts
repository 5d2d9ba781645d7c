/**
 * What the agency import's pages share: the app's dependencies, the admin check and the address of
 * the upload page. Each page registers its routes with it; `agency-import.routes.tsx` is the table of
 * those pages.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { partnershipAccess } from '../../partnerships/partnership-access.ts';
import { agenciesPath } from '../agencies-context.ts';

export type ImportParams = { Params: { partnershipId: string; importId?: string } };

/** The upload page, and the base of each upload's preview. */
export const importPath = (partnershipId: string) => `${agenciesPath(partnershipId)}/import`;

export function importRoutesContext(app: FastifyInstance) {
  const { database, clock, mailer, config } = app.deps;
  const db = database.db;
  const inviteDeps = { db, clock, mailer, baseUrl: config.baseUrl };

  const admin = (request: FastifyRequest<ImportParams>) =>
    partnershipAccess(request, true, 'Only a partnership admin can import agencies.');

  return { app, db, clock, inviteDeps, admin };
}

export type ImportRoutes = ReturnType<typeof importRoutesContext>;
