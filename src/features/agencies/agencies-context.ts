/**
 * What a partnership's agency pages share: the app's dependencies, the access check (admins manage,
 * reviewers read), the agency a page names and the localities its form offers. Each page registers
 * its routes with it; `agencies.routes.tsx` is the table of those pages.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import { partnershipAccess } from '../partnerships/partnership-access.ts';
import { type AgencyListItem, activeLocalities, findAgency } from './agencies.repository.ts';

export type AgencyParams = {
  Params: { partnershipId: string; agencyId?: string };
  Querystring: { done?: string; count?: string };
};

/** The list of a partnership's agencies. */
export const agenciesPath = (partnershipId: string) => `/partnerships/${partnershipId}/agencies`;

export function agencyRoutesContext(app: FastifyInstance) {
  const { database, clock, mailer, config } = app.deps;
  const db = database.db;
  const inviteDeps = { db, clock, mailer, baseUrl: config.baseUrl };

  /** The partnership named; with `manage`, for its admins only (reviewers get 403). */
  const partnershipFor = (request: FastifyRequest<AgencyParams>, manage: boolean) =>
    partnershipAccess(request, manage, 'Only a partnership admin can change agencies.');

  /** The agency named, if it is one of the partnership's (404 otherwise). */
  async function agencyIn(partnershipId: string, agencyId: string | undefined): Promise<AgencyListItem> {
    if (!isUuid(agencyId)) throw notFound('Agency');
    const agency = await findAgency(db, partnershipId, agencyId);
    if (!agency) throw notFound('Agency');
    return agency;
  }

  /** Localities in use, and any retired one the agency already serves (kept unless unticked). */
  async function offeredLocalities(partnershipId: string, agency: AgencyListItem | null) {
    const active = await activeLocalities(db, partnershipId);
    const activeIds = new Set(active.map((l) => l.id));
    const retired = (agency?.localityIds ?? [])
      .map((id, i) => ({ id, name: `${agency!.localityNames[i] ?? ''} (retired)` }))
      .filter((l) => !activeIds.has(l.id));
    return [...active, ...retired];
  }

  return { app, db, clock, inviteDeps, partnershipFor, agencyIn, offeredLocalities };
}

export type AgencyRoutes = ReturnType<typeof agencyRoutesContext>;
