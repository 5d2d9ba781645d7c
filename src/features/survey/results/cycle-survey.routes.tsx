/** The partnership's survey pages for a cycle: the overview, each agency's results and link, the downloads. */

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { assertManagesCycle, managesCycle } from '../../../domain/cycle-access.ts';
import { attachment, downloadName } from '../../../lib/downloads.ts';
import { notFound } from '../../../lib/http-errors.ts';
import { isUuid } from '../../../lib/tokens.ts';
import { AgencySurveyPage } from '../agency/agency-survey.view.tsx';
import { surveyCsv, surveyWorkbook } from '../survey.exports.ts';
import { ensureLinks, listSurveyAgencies, loadSurvey, replaceLink } from '../survey.repository.ts';
import { linkShareable, loadCycleSurvey, surveyStatus } from '../survey.service.ts';
import { surveyUrl } from '../survey.view.tsx';
import { cycleSurvey, partnershipCycle } from '../survey-cycle.ts';
import { CycleSurveyPage } from './cycle-survey.view.tsx';

type CycleParams = { Params: { cycleId: string }; Querystring: { done?: string } };
type AgencyParams = { Params: { cycleId: string; returnId: string }; Querystring: { done?: string } };

export async function cycleSurveyRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock, config } = app.deps;
  const db = database.db;
  app.get<CycleParams>('/cycles/:cycleId/survey', async (request, reply) => {
    const cycle = await partnershipCycle(db, request);
    const { survey, status } = await cycleSurvey(db, clock.now(), cycle);
    return reply.html(
      CycleSurveyPage({
        chrome: await request.chrome(reply),
        cycle,
        survey,
        status,
        canManage: managesCycle(cycle),
        baseUrl: config.baseUrl,
        done: request.query.done === 'saved' ? 'saved' : undefined,
      }),
    );
  });

  async function agencyInCycle(request: FastifyRequest<AgencyParams>) {
    const cycle = await partnershipCycle(db, request);
    if (!isUuid(request.params.returnId)) throw notFound('Agency');
    const agencies = await listSurveyAgencies(db, cycle.partnershipId, cycle.id, cycle.viewerPartnershipId);
    const agency = agencies.find((a) => a.returnId === request.params.returnId);
    if (!agency) throw notFound('Agency');
    const settings = await loadSurvey(db, cycle.partnershipId, cycle.id);
    if (settings?.enabled) await ensureLinks(db, cycle.partnershipId, cycle.id);
    const survey = await loadCycleSurvey(db, cycle, [agency]);
    return { cycle, survey, agency: survey.agencies[0]! };
  }

  app.get<AgencyParams>('/cycles/:cycleId/survey/returns/:returnId', async (request, reply) => {
    const { cycle, survey, agency } = await agencyInCycle(request);
    const status = surveyStatus(survey.settings, cycle, clock.now());
    const on = managesCycle(cycle) && linkShareable(status, agency.token);
    return reply.html(
      AgencySurveyPage({
        chrome: await request.chrome(reply),
        cycleName: cycle.name,
        agency,
        status,
        linkUrl: on ? surveyUrl(config.baseUrl, agency.token!) : null,
        back: { href: `/cycles/${cycle.id}/survey`, text: 'Staff survey' },
        forPartnership: true,
        newLink: on
          ? {
              action: `/cycles/${cycle.id}/survey/returns/${agency.returnId}/new-link`,
              csrfToken: await app.sessions.csrfToken(request, reply),
            }
          : undefined,
        done: request.query.done === 'new-link' ? 'new-link' : undefined,
      }),
    );
  });

  app.post<AgencyParams>('/cycles/:cycleId/survey/returns/:returnId/new-link', async (request, reply) => {
    const { cycle, agency } = await agencyInCycle(request);
    assertManagesCycle(cycle, 'Only a partnership admin can replace a survey link.');
    if (!(await replaceLink(db, cycle.partnershipId, agency.returnId))) throw notFound('Survey link');
    return reply.redirect(`/cycles/${cycle.id}/survey/returns/${agency.returnId}?done=new-link`, 303);
  });

  app.get<CycleParams>('/cycles/:cycleId/survey/results.csv', async (request, reply) => {
    const cycle = await partnershipCycle(db, request);
    const { survey } = await cycleSurvey(db, clock.now(), cycle);
    return reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', attachment(downloadName('staff-survey', cycle.name, 'csv')))
      .send(surveyCsv(survey));
  });

  app.get<CycleParams>('/cycles/:cycleId/survey/results.xlsx', async (request, reply) => {
    const cycle = await partnershipCycle(db, request);
    const { survey } = await cycleSurvey(db, clock.now(), cycle);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('cache-control', 'no-store')
      .header('content-disposition', attachment(downloadName('staff-survey', cycle.name, 'xlsx')))
      .send(await surveyWorkbook(cycle, survey, clock.now()));
  });
}
