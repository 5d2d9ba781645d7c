/** The cycle (and its event) a request names, for the partnership's admins and reviewers: a 404 to anyone else. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findPartnershipCycle } from '../../../domain/cycle-access.repository.ts';
import { notFound } from '../../../lib/http-errors.ts';
import { isUuid } from '../../../lib/tokens.ts';
import { requireUser } from '../../auth/auth.plugin.ts';
import { loadMonitoringRows } from '../../cycles/monitoring.repository.ts';

export type CycleParams = { Params: { cycleId: string }; Querystring: { done?: string } };
export type EventParams = { Params: { cycleId: string; eventId: string }; Querystring: { done?: string } };

/** The cycle the request names, as this person sees it (404 to anyone who may not). */
export function cycleFinder(app: FastifyInstance) {
  const db = app.deps.database.db;
  return async function findCycle(request: FastifyRequest<CycleParams>) {
    const user = requireUser(request);
    if (!isUuid(request.params.cycleId)) throw notFound('Audit cycle');
    const cycle = await findPartnershipCycle(db, user, request.params.cycleId);
    if (!cycle) throw notFound('Audit cycle');
    return { cycle };
  };
}

/** The cycle, with the returns this person sees in it: all for the lead, a partner's member agencies for a partner. */
export function cycleLoader(app: FastifyInstance) {
  const { database, clock } = app.deps;
  const findCycle = cycleFinder(app);
  return async function loadCycle(request: FastifyRequest<CycleParams>) {
    const { cycle } = await findCycle(request);
    return { cycle, rows: await loadMonitoringRows(database.db, cycle, clock.now()) };
  };
}

export type LoadedCycle = Awaited<ReturnType<ReturnType<typeof cycleLoader>>>;
