/** What the partnership's survey pages share: the cycle a request names, and its survey with its status. */
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { findPartnershipCycle } from '../../domain/cycle-access.repository.ts';
import type { CycleInfo } from '../../domain/cycle-access.ts';
import { notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import { requireUser } from '../auth/auth.plugin.ts';
import { ensureLinks, listSurveyAgencies, loadSurvey } from './survey.repository.ts';
import { loadCycleSurvey, surveyStatus } from './survey.service.ts';

/** The cycle of the request, if the person's partnership sees it (else 404). */
export async function partnershipCycle(
  db: Db,
  request: FastifyRequest<{ Params: { cycleId: string } }>,
): Promise<CycleInfo> {
  const user = requireUser(request);
  if (!isUuid(request.params.cycleId)) throw notFound('Audit cycle');
  const cycle = await findPartnershipCycle(db, user, request.params.cycleId);
  if (!cycle) throw notFound('Audit cycle');
  return cycle;
}

/** The cycle's survey for every agency the viewer's partnership sees, with its status now. */
export async function cycleSurvey(db: Db, now: Date, cycle: CycleInfo) {
  const settings = await loadSurvey(db, cycle.partnershipId, cycle.id);
  if (settings?.enabled) await ensureLinks(db, cycle.partnershipId, cycle.id);
  const agencies = await listSurveyAgencies(db, cycle.partnershipId, cycle.id, cycle.viewerPartnershipId);
  const survey = await loadCycleSurvey(db, cycle, agencies);
  return { survey, status: surveyStatus(survey.settings, cycle, now) };
}
