/**
 * A cycle's exports, for the admins and reviewers of the partnerships that see it (a joint partner:
 * its own member agencies). Every export belongs to the partnership that asked: others get 404.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { findPartnershipCycle } from '../../domain/cycle-access.repository.ts';
import { attachment } from '../../lib/downloads.ts';
import { notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import type { FormErrors } from '../../views/form-errors.ts';
import { handleForm, textField } from '../../web/form-route.ts';
import { requireUser } from '../auth/auth.plugin.ts';
import { EXPORT_CONTENT_TYPES, requestExport } from './cycle-export.service.ts';
import { findExport, listExports, loadExportFile } from './cycle-exports.repository.ts';
import { ExportPage, ExportsPage, exportPath, progressWords } from './cycle-exports.view.tsx';

type ExportRequest = FastifyRequest<{ Params: { cycleId: string; exportId?: string } }>;

/** The export form: one choice. */
export const exportForm = z.object({
  format: z.enum(['xlsx', 'csv'], { message: 'Select the format of the download' }),
});

export async function cycleExportRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock, config } = app.deps;
  const db = database.db;

  async function cycleFor(request: ExportRequest) {
    const user = requireUser(request);
    if (!isUuid(request.params.cycleId)) throw notFound('Audit cycle');
    const cycle = await findPartnershipCycle(db, user, request.params.cycleId);
    if (!cycle) throw notFound('Audit cycle');
    return { user, cycle };
  }

  async function exportFor(request: ExportRequest) {
    const { cycle } = await cycleFor(request);
    const exportId = request.params.exportId;
    if (!isUuid(exportId)) throw notFound('Download');
    const found = await findExport(db, cycle.viewerPartnershipId, cycle.id, exportId, clock.now());
    if (!found) throw notFound('Download');
    return { cycle, found };
  }

  async function listView(
    request: ExportRequest,
    reply: FastifyReply,
    cycle: Awaited<ReturnType<typeof cycleFor>>['cycle'],
    extra: { format?: string; errors?: FormErrors } = {},
  ) {
    return ExportsPage({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      cycle,
      exports: await listExports(db, cycle.viewerPartnershipId, cycle.id, clock.now()),
      format: extra.format ?? '',
      errors: extra.errors,
    });
  }

  app.get('/cycles/:cycleId/exports', async (request: ExportRequest, reply) =>
    reply.html(await listView(request, reply, (await cycleFor(request)).cycle)),
  );

  app.post('/cycles/:cycleId/exports', async (request: ExportRequest, reply) => {
    const { user, cycle } = await cycleFor(request);
    return handleForm(request, reply, {
      state: (body) => ({ format: textField(body, 'format') }),
      schema: exportForm,
      invalid: (state, errors) => listView(request, reply, cycle, { format: state.format, errors }),
      save: async ({ format }) => {
        const exportId = await requestExport(
          { db, clock, queue: app.deps.queue ?? null, inlineReturns: config.exportInlineReturns },
          cycle,
          user.id,
          format,
        );
        return exportPath(cycle.id, exportId);
      },
    });
  });

  app.get('/cycles/:cycleId/exports/:exportId', async (request: ExportRequest, reply) => {
    const { cycle, found } = await exportFor(request);
    return reply.html(ExportPage({ chrome: await request.chrome(reply), cycle, export: found }));
  });

  // For the page's script: the status, so it can say how far it has got and reload when finished.
  app.get('/cycles/:cycleId/exports/:exportId/status.json', async (request: ExportRequest, reply) => {
    const { found } = await exportFor(request);
    return reply
      .header('cache-control', 'no-store')
      .send({ status: found.status, progress: progressWords(found) });
  });

  app.get('/cycles/:cycleId/exports/:exportId/download', async (request: ExportRequest, reply) => {
    const { cycle, found } = await exportFor(request);
    if (found.status !== 'done') return reply.redirect(exportPath(cycle.id, found.id), 303);
    const file = await loadExportFile(db, cycle.viewerPartnershipId, cycle.id, found.id, clock.now());
    if (!file) throw notFound('Download');
    return (
      reply
        .type(EXPORT_CONTENT_TYPES[file.format])
        .header('cache-control', 'no-store')
        .header('content-disposition', attachment(file.fileName))
        .header('content-length', file.size)
        // A piece at a time: a large file is never held whole.
        .send(Readable.from(file.chunks()))
    );
  });
}
