/**
 * Importing a partnership's agencies from a CSV or XLSX file, for its admins: the template, the
 * upload (checked for size, type and content), a preview naming every row's problems, and an
 * all-or-nothing import once the admin confirms. The rows wait server-side between the two.
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { attachment, downloadName } from '../../lib/downloads.ts';
import { acceptFileUploads } from '../../lib/file-uploads.ts';
import { HttpError, notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import { type FormErrors, oneError } from '../../views/form-errors.ts';
import { handleForm } from '../../web/form-route.ts';
import { partnershipAccess } from '../partnerships/partnership-access.ts';
import { inviteLeadContact } from '../people/agency-people.service.ts';
import { activeLocalities, listAgencies } from './agencies.repository.ts';
import { ImportPreviewPage, ImportUploadPage } from './agency-import.view.tsx';
import { IMPORT_MAX_BYTES, readImportFile } from './agency-import-file.ts';
import { importUploadSchema, importUploadState } from './agency-import-form.ts';
import { type CheckedRow, checkImportRows } from './agency-import-rows.ts';
import { importTemplateCsv, importTemplateWorkbook } from './agency-import-template.ts';
import { findImport, importAgencies, saveImport } from './agency-imports.repository.ts';

type Params = { Params: { partnershipId: string; importId?: string } };

/** At most this many problems are listed in the error summary; the table shows them all. */
const SUMMARY_LIMIT = 50;

export async function agencyImportRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock, mailer, config } = app.deps;
  const db = database.db;

  // Only this plugin's routes accept a file.
  await acceptFileUploads(app, IMPORT_MAX_BYTES);

  const admin = (request: FastifyRequest<Params>) =>
    partnershipAccess(request, true, 'Only a partnership admin can import agencies.');
  const base = (id: string) => `/partnerships/${id}/agencies`;

  async function uploadView(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    partnership: { id: string; name: string },
    errors?: FormErrors,
  ) {
    return ImportUploadPage({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      partnership,
      localityNames: (await activeLocalities(db, partnership.id)).map((l) => l.name),
      errors,
    });
  }

  app.get<Params>('/partnerships/:partnershipId/agencies/import', async (request, reply) =>
    reply.html(await uploadView(request, reply, admin(request))),
  );

  app.get<Params>('/partnerships/:partnershipId/agencies/import/template.csv', async (request, reply) => {
    const partnership = admin(request);
    return reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', attachment(downloadName('agencies-template', partnership.name, 'csv')))
      .send(importTemplateCsv());
  });

  app.get<Params>('/partnerships/:partnershipId/agencies/import/template.xlsx', async (request, reply) => {
    const partnership = admin(request);
    const localities = await activeLocalities(db, partnership.id);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('cache-control', 'no-store')
      .header('content-disposition', attachment(downloadName('agencies-template', partnership.name, 'xlsx')))
      .send(
        await importTemplateWorkbook(
          localities.map((l) => l.name),
          partnership.name,
          clock.now(),
        ),
      );
  });

  app.post<Params>('/partnerships/:partnershipId/agencies/import', async (request, reply) => {
    const partnership = admin(request);
    return handleForm(request, reply, {
      state: importUploadState(request.isMultipart()),
      schema: importUploadSchema,
      invalid: (_state, errors) => uploadView(request, reply, partnership, errors),
      save: async ({ file }) => {
        const read = await readImportFile(file.fileName, file.data);
        if (read.error !== undefined) {
          const errors = oneError('file', read.error);
          // Not the person's file (the reader is busy): its own status, not 422.
          if (read.status)
            return { page: await uploadView(request, reply, partnership, errors), status: read.status };
          return { errors };
        }
        const importId = await saveImport(
          db,
          {
            partnershipId: partnership.id,
            userId: request.user!.id,
            fileName: file.fileName.slice(0, 200),
            rows: read.rows,
          },
          clock.now(),
        );
        return `${base(partnership.id)}/import/${importId}`;
      },
    });
  });

  const alreadyImported = (partnershipId: string, fileName: string) =>
    new HttpError(
      409,
      'These agencies have already been imported',
      `The agencies in ${fileName} were imported already. They were not imported again.`,
      [{ text: 'Go to the agencies', href: base(partnershipId) }],
    );

  /** The upload named in the URL, if this admin made it for this partnership and it can still be used. */
  async function pendingImport(request: FastifyRequest<Params>, partnershipId: string) {
    if (!isUuid(request.params.importId)) throw notFound('Import');
    const found = await findImport(db, partnershipId, request.user!.id, request.params.importId);
    if (!found) throw notFound('Import');
    if (found.importedAt) throw alreadyImported(partnershipId, found.fileName);
    if (found.expiresAt.getTime() < clock.now().getTime())
      throw new HttpError(
        410,
        'This upload has expired',
        'Uploaded files are kept for an hour before they are imported. Nothing was imported: upload the file again.',
        [{ text: 'Upload the file again', href: `${base(partnershipId)}/import` }],
      );
    return found;
  }

  /** The rows checked against the partnership as it is now. */
  async function checkRows(partnershipId: string, rows: Parameters<typeof checkImportRows>[0]) {
    const [localities, agencies] = await Promise.all([
      activeLocalities(db, partnershipId),
      listAgencies(db, partnershipId),
    ]);
    return checkImportRows(rows, { localities, existingNames: agencies.map((a) => a.name) });
  }

  function problemSummary(rows: CheckedRow[]): FormErrors | undefined {
    const problems = rows.flatMap((r) => r.problems.map((p) => ({ row: r.source.row, ...p })));
    if (problems.length === 0) return undefined;
    // Each problem links to its row; past the limit, one line sends the reader to the table.
    const listed = problems.slice(0, SUMMARY_LIMIT).map((p) => ({
      field: `row-${p.row}-${p.column}`,
      text: `Row ${p.row}: ${p.message}`,
      href: `#row-${p.row}`,
    }));
    const next = problems[SUMMARY_LIMIT];
    if (next)
      listed.push({
        field: 'more',
        text: `${problems.length - SUMMARY_LIMIT} more problems are shown in the table`,
        href: `#row-${next.row}`,
      });
    const errors: FormErrors = { list: [], byField: {} };
    for (const { field, text, href } of listed) {
      if (errors.byField[field] !== undefined) continue;
      errors.byField[field] = text;
      errors.list.push({ text, href });
    }
    return errors;
  }

  async function previewPage(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    partnership: { id: string; name: string },
    upload: { id: string; fileName: string },
    rows: CheckedRow[],
    status: number,
  ) {
    return reply.html(
      ImportPreviewPage({
        chrome: await request.chrome(reply),
        csrfToken: await app.sessions.csrfToken(request, reply),
        partnership,
        importId: upload.id,
        fileName: upload.fileName,
        rows,
        errors: problemSummary(rows),
      }),
      status,
    );
  }

  app.get<Params>('/partnerships/:partnershipId/agencies/import/:importId', async (request, reply) => {
    const partnership = admin(request);
    const upload = await pendingImport(request, partnership.id);
    return previewPage(
      request,
      reply,
      partnership,
      upload,
      await checkRows(partnership.id, upload.rows),
      200,
    );
  });

  app.post<Params>('/partnerships/:partnershipId/agencies/import/:importId', async (request, reply) => {
    const partnership = admin(request);
    const upload = await pendingImport(request, partnership.id);
    const rows = await checkRows(partnership.id, upload.rows);
    const values = rows.map((r) => r.values);
    if (values.some((v) => v === null)) return previewPage(request, reply, partnership, upload, rows, 422);
    const imported = await importAgencies(
      db,
      partnership.id,
      upload.id,
      values.filter((v) => v !== null),
      clock.now(),
    );
    if (!imported) throw alreadyImported(partnership.id, upload.fileName);
    // Each lead contact becomes the first agency lead of their agency, invited at once.
    for (const agency of imported)
      await inviteLeadContact(
        { db, clock, mailer, baseUrl: config.baseUrl },
        partnership,
        agency,
        request.user!.id,
      );
    return reply.redirect(`${base(partnership.id)}?done=imported&count=${values.length}`, 303);
  });
}
