/** The findings report as its readers see it. */
import { ReportPage } from '../findings-report.view.tsx';
import type { CycleRequest, ReportRoutes } from './report-context.ts';

export function reportRoutes({ app, load }: ReportRoutes): void {
  app.get('/cycles/:cycleId/report', async (request: CycleRequest, reply) => {
    const loaded = await load(request);
    return reply.html(
      ReportPage({
        chrome: await request.chrome(reply),
        cycle: loaded.cycle,
        partnershipName: loaded.partnershipName,
        report: loaded.report,
        figures: loaded.figures,
        quotes: loaded.quotes,
        canEdit: loaded.canEdit,
        done: (['saved', 'final', 'quotes'] as const).find((d) => d === request.query.done),
      }),
    );
  });
}
