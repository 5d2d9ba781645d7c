/** The import's templates to fill in: a CSV, and a workbook offering the partnership's localities. */
import { attachment, downloadName } from '../../../lib/downloads.ts';
import { activeLocalities } from '../agencies.repository.ts';
import { importTemplateCsv, importTemplateWorkbook } from '../agency-import-template.ts';
import type { ImportParams, ImportRoutes } from './import-context.ts';

export function importTemplateRoutes({ app, db, clock, admin }: ImportRoutes): void {
  app.get<ImportParams>(
    '/partnerships/:partnershipId/agencies/import/template.csv',
    async (request, reply) => {
      const partnership = admin(request);
      return reply
        .type('text/csv; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('content-disposition', attachment(downloadName('agencies-template', partnership.name, 'csv')))
        .send(importTemplateCsv());
    },
  );

  app.get<ImportParams>(
    '/partnerships/:partnershipId/agencies/import/template.xlsx',
    async (request, reply) => {
      const partnership = admin(request);
      const localities = await activeLocalities(db, partnership.id);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('cache-control', 'no-store')
        .header(
          'content-disposition',
          attachment(downloadName('agencies-template', partnership.name, 'xlsx')),
        )
        .send(
          await importTemplateWorkbook(
            localities.map((l) => l.name),
            partnership.name,
            clock.now(),
          ),
        );
    },
  );
}
