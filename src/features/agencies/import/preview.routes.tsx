/**
 * The import's preview: every row of the upload checked against the partnership as it is now, with
 * its problems; and the all-or-nothing import once the admin confirms, inviting each lead contact.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError, notFound } from '../../../lib/http-errors.ts';
import { isUuid } from '../../../lib/tokens.ts';
import type { FormErrors } from '../../../views/form-errors.ts';
import { inviteLeadContact } from '../../people/agency-people.service.ts';
import { activeLocalities, listAgencies } from '../agencies.repository.ts';
import { agenciesPath } from '../agencies-context.ts';
import { ImportPreviewPage } from '../agency-import.view.tsx';
import { type CheckedRow, checkImportRows } from '../agency-import-rows.ts';
import { findImport, importAgencies } from '../agency-imports.repository.ts';
import { type ImportParams, type ImportRoutes, importPath } from './import-context.ts';

/** At most this many problems are listed in the error summary; the table shows them all. */
const SUMMARY_LIMIT = 50;

/** The rows' problems for the error summary, each linking to its row. */
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

const alreadyImported = (partnershipId: string, fileName: string) =>
  new HttpError(
    409,
    'These agencies have already been imported',
    `The agencies in ${fileName} were imported already. They were not imported again.`,
    [{ text: 'Go to the agencies', href: agenciesPath(partnershipId) }],
  );

export function importPreviewRoutes({ app, db, clock, inviteDeps, admin }: ImportRoutes): void {
  /** The upload named in the URL, if this admin made it for this partnership and it can still be used. */
  async function pendingImport(request: FastifyRequest<ImportParams>, partnershipId: string) {
    if (!isUuid(request.params.importId)) throw notFound('Import');
    const found = await findImport(db, partnershipId, request.user!.id, request.params.importId);
    if (!found) throw notFound('Import');
    if (found.importedAt) throw alreadyImported(partnershipId, found.fileName);
    if (found.expiresAt.getTime() < clock.now().getTime())
      throw new HttpError(
        410,
        'This upload has expired',
        'Uploaded files are kept for an hour before they are imported. Nothing was imported: upload the file again.',
        [{ text: 'Upload the file again', href: importPath(partnershipId) }],
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

  async function previewPage(
    request: FastifyRequest,
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

  app.get<ImportParams>('/partnerships/:partnershipId/agencies/import/:importId', async (request, reply) => {
    const partnership = admin(request);
    const upload = await pendingImport(request, partnership.id);
    const rows = await checkRows(partnership.id, upload.rows);
    return previewPage(request, reply, partnership, upload, rows, 200);
  });

  app.post<ImportParams>('/partnerships/:partnershipId/agencies/import/:importId', async (request, reply) => {
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
    for (const agency of imported) await inviteLeadContact(inviteDeps, partnership, agency, request.user!.id);
    return reply.redirect(`${agenciesPath(partnership.id)}?done=imported&count=${values.length}`, 303);
  });
}
