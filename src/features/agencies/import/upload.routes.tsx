/**
 * The import's upload page: one CSV or XLSX file, checked for size, type and content. Its rows wait
 * server-side, for this admin, until the preview imports them.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type FormErrors, oneError } from '../../../views/form-errors.ts';
import { handleForm } from '../../../web/form-route.ts';
import { activeLocalities } from '../agencies.repository.ts';
import { ImportUploadPage } from '../agency-import.view.tsx';
import { readImportFile } from '../agency-import-file.ts';
import { importUploadSchema, importUploadState } from '../agency-import-form.ts';
import { saveImport } from '../agency-imports.repository.ts';
import { type ImportParams, type ImportRoutes, importPath } from './import-context.ts';

export function importUploadRoutes({ app, db, clock, admin }: ImportRoutes): void {
  async function uploadView(
    request: FastifyRequest,
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

  app.get<ImportParams>('/partnerships/:partnershipId/agencies/import', async (request, reply) =>
    reply.html(await uploadView(request, reply, admin(request))),
  );

  app.post<ImportParams>('/partnerships/:partnershipId/agencies/import', async (request, reply) => {
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
        return `${importPath(partnership.id)}/${importId}`;
      },
    });
  });
}
