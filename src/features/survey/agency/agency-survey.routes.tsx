/** The agency lead's survey page: its link to share, a new link, and its results. */

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { notFound } from '../../../lib/http-errors.ts';
import { loadReturnContext, type ReturnParams } from '../../../web/return-context.ts';
import { assertAgencyLead } from '../../returns/return-access.ts';
import { ensureLinks, loadSurvey, replaceLink } from '../survey.repository.ts';
import { agencySeesBatchesOnly, linkShareable, loadCycleSurvey, surveyStatus } from '../survey.service.ts';
import { surveyUrl } from '../survey.view.tsx';
import { AgencySurveyPage } from './agency-survey.view.tsx';

export async function agencySurveyRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock, config } = app.deps;
  const db = database.db;
  async function agencySurvey(request: FastifyRequest<ReturnParams>) {
    const ctx = await loadReturnContext(db, request);
    assertAgencyLead(ctx);
    const settings = await loadSurvey(db, ctx.partnershipId, ctx.cycleId);
    if (!settings) throw notFound('Staff survey');
    if (settings.enabled) await ensureLinks(db, ctx.partnershipId, ctx.cycleId);
    const cycle = {
      id: ctx.cycleId,
      partnershipId: ctx.partnershipId,
      templateVersionId: ctx.templateVersionId,
    };
    const status = surveyStatus(settings, { opensAt: ctx.opensAt, closesAt: ctx.cycleClosesAt }, clock.now());
    const survey = await loadCycleSurvey(
      db,
      cycle,
      [
        {
          returnId: ctx.id,
          agencyName: ctx.agencyName,
          localityIds: ctx.agencyLocalityIds,
          sector: ctx.agencySector,
        },
      ],
      agencySeesBatchesOnly(status),
    );
    return { ctx, survey, status, agency: survey.agencies[0]! };
  }

  app.get<ReturnParams & { Querystring: { done?: string } }>(
    '/returns/:returnId/survey',
    async (request, reply) => {
      const { ctx, status, agency } = await agencySurvey(request);
      const on = linkShareable(status, agency.token);
      return reply.html(
        AgencySurveyPage({
          chrome: await request.chrome(reply),
          cycleName: ctx.cycleName,
          agency,
          status,
          linkUrl: on ? surveyUrl(config.baseUrl, agency.token!) : null,
          back: { href: `/returns/${ctx.id}`, text: 'Your return' },
          forPartnership: false,
          newLink: on
            ? {
                action: `/returns/${ctx.id}/survey/new-link`,
                csrfToken: await app.sessions.csrfToken(request, reply),
              }
            : undefined,
          done: request.query.done === 'new-link' ? 'new-link' : undefined,
        }),
      );
    },
  );

  app.post<ReturnParams>('/returns/:returnId/survey/new-link', async (request, reply) => {
    const { ctx } = await agencySurvey(request);
    if (!(await replaceLink(db, ctx.partnershipId, ctx.id))) throw notFound('Survey link');
    return reply.redirect(`/returns/${ctx.id}/survey?done=new-link`, 303);
  });
}
