/**
 * The findings report of a cycle: read by the partnership's admins and reviewers (a joint partner
 * writes its own, about its own member agencies), edited by its admins while a draft, then made
 * final. Each page's module holds its routes; this is the table of them.
 */
import type { FastifyInstance } from 'fastify';
import { reportDownloadRoutes } from './findings-report/downloads.routes.ts';
import { editRoutes } from './findings-report/edit.routes.tsx';
import { finaliseRoutes } from './findings-report/finalise.routes.tsx';
import { goodPracticeRoutes } from './findings-report/good-practice.routes.tsx';
import { reportRoutes } from './findings-report/report.routes.tsx';
import { findingsReportContext, type ReportRoutes } from './findings-report/report-context.ts';

const REPORT_PAGES: ReadonlyArray<(routes: ReportRoutes) => void> = [
  reportRoutes, // GET /cycles/:cycleId/report
  editRoutes, // GET, POST …/report/edit
  goodPracticeRoutes, // GET, POST …/report/good-practice
  finaliseRoutes, // GET, POST …/report/finalise
  reportDownloadRoutes, // GET /cycles/:cycleId/report.pdf, …/report.xlsx
];

export async function findingsReportRoutes(app: FastifyInstance): Promise<void> {
  const routes = findingsReportContext(app);
  for (const register of REPORT_PAGES) register(routes);
}
