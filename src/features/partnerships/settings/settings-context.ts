/**
 * What a partnership's settings pages share: the app's dependencies, the admin check, the
 * partnership and locality a request names, and the notices shown after a change. Each page
 * registers its routes with it; `settings.routes.tsx` is the table of those pages.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { notFound } from '../../../lib/http-errors.ts';
import { isUuid } from '../../../lib/tokens.ts';
import { type PartnershipAccess, partnershipAccess } from '../partnership-access.ts';
import { findPartnership, listLocalities } from '../partnerships.repository.ts';

export type SettingsParams = {
  Params: { partnershipId: string; localityId?: string };
  Querystring: { done?: string };
};

export const NOTICES: Record<string, string> = {
  details: 'Details saved',
  added: 'Locality added',
  renamed: 'Locality renamed',
  retired: 'Locality retired',
  restored: 'Locality brought back',
  logo: 'Logo uploaded',
  'logo-removed': 'Logo removed',
  colour: 'Header colour saved',
};

export function settingsRoutesContext(app: FastifyInstance) {
  const { database, clock } = app.deps;
  const db = database.db;

  const admin = (request: FastifyRequest<SettingsParams>) =>
    partnershipAccess(request, true, 'Only a partnership admin can change its settings.');

  async function details(partnership: PartnershipAccess) {
    const found = await findPartnership(db, partnership.id);
    if (!found) throw notFound('Partnership');
    return found;
  }

  async function localityIn(partnershipId: string, localityId: string | undefined) {
    if (!isUuid(localityId)) throw notFound('Locality');
    const found = (await listLocalities(db, partnershipId)).find((l) => l.id === localityId);
    if (!found) throw notFound('Locality');
    return found;
  }

  return { app, db, clock, admin, details, localityIn };
}

export type SettingsRoutes = ReturnType<typeof settingsRoutesContext>;
export type Locality = Awaited<ReturnType<SettingsRoutes['localityIn']>>;
