/** The partnership's monitoring of a cycle: the status page and its downloads. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { attachment, downloadName } from '../../lib/downloads.ts';
import { notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import { requireUser } from '../auth/auth.plugin.ts';
import { monitoringCsv, monitoringWorkbook } from './monitoring.exports.ts';
import { findPartnershipCycle, loadMonitoringRows } from './monitoring.repository.ts';
import { countStatuses, filterAndSort, parseMonitoringQuery } from './monitoring.ts';
import { MonitoringPage } from './monitoring.view.tsx';

type CycleRequest = FastifyRequest<{ Params: { cycleId: string }; Querystring: Record<string, unknown> }>;

export async function monitoringRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock } = app.deps;
  const db = database.db;

  /** The cycle and its filtered, sorted rows, if the person is an admin or reviewer of its partnership. */
  async function load(request: CycleRequest) {
    const user = requireUser(request);
    if (!isUuid(request.params.cycleId)) throw notFound('Audit cycle');
    const cycle = await findPartnershipCycle(db, user, request.params.cycleId);
    if (!cycle) throw notFound('Audit cycle');
    const now = clock.now();
    const all = await loadMonitoringRows(db, cycle, now);
    const query = parseMonitoringQuery(request.query ?? {});
    return { cycle, all, query, rows: filterAndSort(all, query), now };
  }

  app.get('/cycles/:cycleId', async (request: CycleRequest, reply) => {
    const { cycle, all, query, rows, now } = await load(request);
    return reply.html(
      MonitoringPage({
        chrome: await request.chrome(reply),
        cycle,
        rows,
        counts: countStatuses(all),
        query,
        sectors: [...new Set(all.map((r) => r.sector))].sort(),
        now,
        canManage: cycle.role === 'partnership_admin',
        done: (['deadline', 'extension', 'created'] as const).find((d) => d === request.query.done),
      }),
    );
  });

  app.get('/cycles/:cycleId/returns.csv', async (request: CycleRequest, reply) => {
    const { cycle, rows } = await load(request);
    return reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', attachment(downloadName('returns', cycle.name, 'csv')))
      .send(monitoringCsv(rows));
  });

  app.get('/cycles/:cycleId/returns.xlsx', async (request: CycleRequest, reply) => {
    const { cycle, rows, now } = await load(request);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('cache-control', 'no-store')
      .header('content-disposition', attachment(downloadName('returns', cycle.name, 'xlsx')))
      .send(await monitoringWorkbook(cycle, rows, now));
  });
}
