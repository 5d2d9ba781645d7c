/** The templates list, importing a template file or workbook as a new draft, and the blank workbook. */

import { attachment } from '../../lib/downloads.ts';
import { isUpload } from '../../lib/file-uploads.ts';
import { formBody } from '../../web/form-route.ts';
import { formatOf, type TemplateFileProblem } from './template-file.ts';
import { importTemplate } from './template-import.service.ts';
import { WORKBOOK_CONTENT_TYPE, writeTemplateWorkbook } from './template-workbook.ts';
import { versionBase } from './templates.view.tsx';
import { type Params, problemErrors, type TemplateRoutes } from './templates-context.ts';

export function templateImportRoutes({ app, db, clock, reader, admin, listPage }: TemplateRoutes): void {
  app.get<Params>('/partnerships/:partnershipId/templates', async (request, reply) =>
    listPage(request, reply, reader(request)),
  );

  app.post<Params>('/partnerships/:partnershipId/templates/import', async (request, reply) => {
    const partnership = admin(request);
    const file = formBody(request).file;
    const refuse = (problems: TemplateFileProblem[]) =>
      listPage(request, reply, partnership, problemErrors(problems));
    const refuseFile = (message: string) => refuse([{ field: '', message }]);
    if (!request.isMultipart() || !isUpload(file) || file.fileName === '')
      return refuseFile('Select a YAML or JSON file');
    if (file.truncated) return refuseFile('The selected file must be smaller than 256 KB');
    const format = formatOf(file.fileName);
    if (!format) return refuseFile('The selected file must be a YAML (.yaml or .yml) or JSON (.json) file');
    const saved = await importTemplate(db, partnership.id, { format }, file.data, clock.now());
    if (saved.problems) return refuse(saved.problems);
    return reply.redirect(versionBase(partnership.id, saved.versionId), 303);
  });

  app.post<Params>('/partnerships/:partnershipId/templates/import-workbook', async (request, reply) => {
    const partnership = admin(request);
    const file = formBody(request).workbook;
    const refuse = (problems: TemplateFileProblem[], status?: number) =>
      listPage(request, reply, partnership, problemErrors(problems, 'workbook'), status);
    const refuseFile = (message: string) => refuse([{ field: '', message }]);
    if (!request.isMultipart() || !isUpload(file) || file.fileName === '')
      return refuseFile('Select an XLSX workbook');
    if (file.truncated) return refuseFile('The selected workbook must be smaller than 1 MB');
    const saved = await importTemplate(
      db,
      partnership.id,
      { workbook: file.fileName },
      file.data,
      clock.now(),
    );
    if (saved.problems) return refuse(saved.problems, saved.status);
    return reply.redirect(versionBase(partnership.id, saved.versionId), 303);
  });

  app.get<Params>('/partnerships/:partnershipId/templates/workbook.xlsx', async (request, reply) => {
    reader(request);
    return reply
      .type(WORKBOOK_CONTENT_TYPE)
      .header('cache-control', 'no-store')
      .header('content-disposition', attachment('template-blank-workbook.xlsx'))
      .send(await writeTemplateWorkbook(null, clock.now()));
  });
}
