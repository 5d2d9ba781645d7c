/** The report as a PDF and as a workbook, for anyone who may read it. */
import { attachment, downloadName } from '../../../lib/downloads.ts';
import { findingsReportWorkbook } from '../findings-report.xlsx.ts';
import type { CycleRequest, ReportRoutes } from './report-context.ts';

export function reportDownloadRoutes({ app, load }: ReportRoutes): void {
  app.get('/cycles/:cycleId/report.pdf', async (request: CycleRequest, reply) => {
    const loaded = await load(request);
    // pdfkit and the fonts load at the first PDF, not at start (bench/start.ts).
    const { findingsReportPdf } = await import('../findings-report.pdf.ts');
    const pdf = await findingsReportPdf(
      {
        partnershipName: loaded.partnershipName,
        cycleName: loaded.cycle.name,
        report: loaded.report,
        figures: loaded.figures,
        quotes: loaded.quotes,
      },
      { generatedAt: loaded.now, compress: request.query.compress !== 'no' },
    );
    return reply
      .type('application/pdf')
      .header('cache-control', 'no-store')
      .header('content-disposition', attachment(downloadName('findings-report', loaded.cycle.name, 'pdf')))
      .send(pdf);
  });

  app.get('/cycles/:cycleId/report.xlsx', async (request: CycleRequest, reply) => {
    const loaded = await load(request);
    const book = await findingsReportWorkbook(loaded);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('cache-control', 'no-store')
      .header('content-disposition', attachment(downloadName('findings-report', loaded.cycle.name, 'xlsx')))
      .send(book);
  });
}
