/** The cycle (and its event) a request names, for the partnership's admins and reviewers: a 404 to anyone else. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findPartnershipCycle } from '../../../domain/cycle-access.repository.ts';
import { notFound } from '../../../lib/http-errors.ts';
import { isUuid } from '../../../lib/tokens.ts';
import { requireUser } from '../../auth/auth.plugin.ts';
import { loadMonitoringRows } from '../../cycles/monitoring.repository.ts';

export type CycleParams = { Params: { cycleId: string }; Querystring: { done?: string } };
export type EventParams = { Params: { cycleId: string; eventId: string }; Querystring: { done?: string } };

export function cycleLoader(app: FastifyInstance) {
  const { database, clock } = app.deps;
  const db = database.db;
  async function loadCycle(request: FastifyRequest<CycleParams>) {
    const user = requireUser(request);
    if (!isUuid(request.params.cycleId)) throw notFound('Audit cycle');
    const cycle = await findPartnershipCycle(db, user, request.params.cycleId);
    if (!cycle) throw notFound('Audit cycle');
    // The returns this person sees in the cycle: all for the lead, a partner's member agencies for a partner.
    const rows = await loadMonitoringRows(db, cycle, clock.now());
    return { cycle, rows };
  }

  return loadCycle;
}

export type LoadedCycle = Awaited<ReturnType<ReturnType<typeof cycleLoader>>>;
