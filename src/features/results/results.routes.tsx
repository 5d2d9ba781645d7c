/** A cycle's results page and the download of its figures, for the partnership's admins and reviewers. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { formatDateTime } from '../../lib/dates.ts';
import { attachment, downloadName } from '../../lib/downloads.ts';
import { requestedPage } from '../../lib/paging.ts';
import { requireUser } from '../auth/auth.plugin.ts';
import { cycleResults, findResultsCycle, gradesProgress } from './results.service.ts';
import { ResultsPage } from './results.view.tsx';
import { resultsWorkbook } from './results.xlsx.ts';
import { describeFilters, parseResultsQuery } from './results-query.ts';

type CycleRequest = FastifyRequest<{ Params: { cycleId: string }; Querystring: Record<string, unknown> }>;

export async function resultsRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock, config } = app.deps;
  const db = database.db;

  async function load(request: CycleRequest) {
    const user = requireUser(request);
    const query = parseResultsQuery(request.query ?? {});
    const now = clock.now();
    const workOut = { queue: app.deps.queue ?? null, limit: config.gradesInlineReturns, href: request.url };
    return { query, now, ...(await cycleResults(db, user, request.params.cycleId, query, now, workOut)) };
  }

  app.get('/cycles/:cycleId/results', async (request: CycleRequest, reply) => {
    const { cycle, grades, earlier, figures, query } = await load(request);
    return reply.html(
      ResultsPage({
        chrome: await request.chrome(reply),
        cycle,
        figures,
        query,
        invited: grades.agencies.length,
        sectors: [...new Set(grades.agencies.map((a) => a.sector))].sort(),
        earlier,
        pages: {
          heatmap: requestedPage(request.query['heatmap-page']),
          participation: requestedPage(request.query['participation-page']),
          actions: requestedPage(request.query['actions-page']),
          comparison: requestedPage(request.query['comparison-page']),
        },
      }),
    );
  });

  // How far the keeping of the audit's grades has got, for a page waiting for it (its script).
  app.get('/cycles/:cycleId/results/progress.json', async (request: CycleRequest, reply) => {
    const cycle = await findResultsCycle(db, requireUser(request), request.params.cycleId);
    const progress = await gradesProgress(db, cycle, {
      queue: app.deps.queue ?? null,
      limit: config.gradesInlineReturns,
    });
    return reply.header('cache-control', 'no-store').send(progress);
  });

  app.get('/cycles/:cycleId/results.xlsx', async (request: CycleRequest, reply) => {
    const { cycle, figures, query, now } = await load(request);
    const filters = describeFilters(query, cycle.localities);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('cache-control', 'no-store')
      .header('content-disposition', attachment(downloadName('results', cycle.name, 'xlsx')))
      .send(
        await resultsWorkbook(
          figures,
          [
            ['Partnership', cycle.partnershipName],
            ['Audit', cycle.name],
            ['Filters', filters.join('; ') || 'None: every invited agency'],
            ['Agencies', String(figures.agencyCount)],
            ['Grades', 'The moderated grade where recorded, else the agency’s own'],
            ['Produced', formatDateTime(now)],
          ],
          now,
        ),
      );
  });
}
