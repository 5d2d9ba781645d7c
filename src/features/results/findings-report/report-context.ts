/**
 * What the findings report's pages share: the app's dependencies, the report a request names with
 * its figures, and who may change it. Each page registers its routes with it;
 * `findings-report.routes.tsx` is the table of those pages.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { forbidden, HttpError } from '../../../lib/http-errors.ts';
import { requireUser } from '../../auth/auth.plugin.ts';
import { findReport, listQuotes } from '../findings-report.repository.ts';
import { draftReport, type FindingsReport } from '../findings-report.ts';
import { findResultsCycle, resultsOf } from '../results.service.ts';

export type CycleRequest = FastifyRequest<{
  Params: { cycleId: string };
  Querystring: Record<string, unknown>;
}>;

export const finalRefusal = () =>
  new HttpError(409, 'The report is final', 'A final findings report can no longer be changed.', []);

export function findingsReportContext(app: FastifyInstance) {
  const { database, clock, config } = app.deps;
  const db = database.db;

  /** The cycle, the viewer's report (stored, or the first draft) and the figures it shows. */
  async function load(request: CycleRequest) {
    const user = requireUser(request);
    const now = clock.now();
    // The report's comparison is chosen in the report; look it up before the figures, which are
    // worked out once (at 10,000 returns, each time takes seconds).
    const cycle = await findResultsCycle(db, user, request.params.cycleId);
    const partnershipId = cycle.viewerPartnershipId;
    const stored = await findReport(db, partnershipId, cycle.id);
    const compare = stored?.status === 'draft' ? stored.comparedCycleId || undefined : undefined;
    // A page or download whose grades are not kept is answered while a job keeps them; a form sent
    // works them out at once, so what was typed is not lost to a page saying to try again.
    const workOut =
      request.method !== 'POST'
        ? { queue: app.deps.queue ?? null, limit: config.gradesInlineReturns, href: request.url }
        : undefined;
    const results = await resultsOf(db, user, cycle, { compare }, now, workOut);
    const figures = stored?.status === 'final' && stored.figures ? stored.figures : results.figures;
    const report: FindingsReport = stored ?? {
      id: null,
      status: 'draft',
      ...draftReport(results.cycle, results.figures, now),
      updatedAt: null,
      updatedByName: null,
      finalisedAt: null,
      finalisedByName: null,
      figures: null,
    };
    const partnershipName =
      user.partnerships.find((p) => p.partnershipId === partnershipId)?.partnershipName ??
      results.cycle.partnershipName;
    return {
      ...results,
      user,
      now,
      partnershipId,
      partnershipName,
      report,
      figures,
      canEdit: results.cycle.role === 'partnership_admin',
      quotes: await listQuotes(db, partnershipId, report.id),
    };
  }

  /** Only the partnership's admins change its report. */
  function assertAdmin(loaded: LoadedReport): void {
    if (!loaded.canEdit) throw forbidden('Only a partnership admin can change the findings report.');
  }

  /** Only the partnership's admins change its report, and only while it is a draft. */
  function assertEditable(loaded: LoadedReport): void {
    assertAdmin(loaded);
    if (loaded.report.status === 'final') throw finalRefusal();
  }

  return { app, db, clock, load, assertAdmin, assertEditable };
}

export type ReportRoutes = ReturnType<typeof findingsReportContext>;
export type LoadedReport = Awaited<ReturnType<ReportRoutes['load']>>;

export const themeKeys = (loaded: LoadedReport) => loaded.grades.themes.map((t) => t.key);
