/**
 * The partnership's templates, for its admins and reviewers: every template with its versions, a
 * read-only page per version, export as YAML or JSON; and, for admins only, importing a file as a
 * new draft, publishing a draft, deleting a draft and retiring a published version.
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { attachment, downloadName } from '../../lib/downloads.ts';
import { acceptFileUploads, isUpload } from '../../lib/file-uploads.ts';
import { HttpError, notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import type { FormErrors } from '../../views/form-errors.ts';
import { formBody } from '../../web/form-route.ts';
import { type PartnershipAccess, partnershipAccess } from '../partnerships/partnership-access.ts';
import { listLocalities } from '../partnerships/partnerships.repository.ts';
import { DraftEditorPage } from './draft/draft.view.tsx';
import { loadEditableVersion, lockVersion } from './draft-editing.repository.ts';
import { publishProblems } from './publish-checks.ts';
import { compareTemplates } from './template-comparison.ts';
import { ComparisonPage } from './template-comparison.view.tsx';
import {
  formatOf,
  problemText,
  TEMPLATE_FILE_MAX_BYTES,
  type TemplateFileProblem,
  type TemplateFormat,
  writeTemplateFile,
} from './template-file.ts';
import { importTemplate } from './template-import.service.ts';
import { findShare } from './template-library.repository.ts';
import {
  deleteDraft,
  findVersion,
  listTemplates,
  publishDraft,
  retireVersion,
} from './template-versions.repository.ts';
import { WORKBOOK_CONTENT_TYPE, WORKBOOK_MAX_BYTES, writeTemplateWorkbook } from './template-workbook.ts';
import { TemplatesPage, templatesBase, VersionPage, versionBase } from './templates.view.tsx';

type Params = { Params: { partnershipId: string; versionId?: string } };

/** At most this many problems are listed in the error summary. */
const SUMMARY_LIMIT = 50;

const CONTENT_TYPES: Record<TemplateFormat, string> = {
  yaml: 'application/yaml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** Every problem in the error summary, each linking to the file field. */
export function problemErrors(problems: TemplateFileProblem[], fieldId = 'file'): FormErrors {
  const list = problems.slice(0, SUMMARY_LIMIT).map((p) => ({ text: problemText(p), href: `#${fieldId}` }));
  if (problems.length > SUMMARY_LIMIT)
    list.push({ text: `And ${problems.length - SUMMARY_LIMIT} more problems`, href: `#${fieldId}` });
  const first = problems[0]!;
  return {
    list,
    byField: {
      [fieldId]:
        problems.length === 1
          ? problemText(first)
          : `The file has ${problems.length} problems, listed at the top of the page. Nothing was imported`,
    },
  };
}

export async function templateRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock } = app.deps;
  const db = database.db;

  // Only this plugin's routes accept multipart bodies, read whole before the CSRF check.
  // Only this plugin's routes accept a file.
  await acceptFileUploads(app, Math.max(TEMPLATE_FILE_MAX_BYTES, WORKBOOK_MAX_BYTES));

  const reader = (request: FastifyRequest<Params>) => partnershipAccess(request, false);
  const admin = (request: FastifyRequest<Params>) =>
    partnershipAccess(request, true, 'Only a partnership admin can change templates.');

  async function listPage(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    partnership: PartnershipAccess,
    errors?: FormErrors,
    status = 422,
  ) {
    return reply.html(
      TemplatesPage({
        chrome: await request.chrome(reply),
        csrfToken: await app.sessions.csrfToken(request, reply),
        partnership,
        templates: await listTemplates(db, partnership.id),
        errors,
      }),
      errors ? status : 200,
    );
  }

  async function version(request: FastifyRequest<Params>, partnership: PartnershipAccess) {
    const id = request.params.versionId;
    if (!isUuid(id)) throw notFound('Template version');
    const found = await findVersion(db, partnership.id, id);
    if (!found) throw notFound('Template version');
    return found;
  }

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

  app.get<Params>(
    '/partnerships/:partnershipId/templates/versions/:versionId/export.xlsx',
    async (request, reply) => {
      const partnership = reader(request);
      const v = await version(request, partnership);
      return reply
        .type(WORKBOOK_CONTENT_TYPE)
        .header('cache-control', 'no-store')
        .header(
          'content-disposition',
          attachment(downloadName('template', v.definition.name, 'xlsx', `v${v.version}`)),
        )
        .send(await writeTemplateWorkbook(v.definition, clock.now()));
    },
  );

  app.get<Params>('/partnerships/:partnershipId/templates/versions/:versionId', async (request, reply) => {
    const partnership = reader(request);
    const v = await version(request, partnership);
    const share = v.status === 'draft' ? null : await findShare(db, partnership.id, v.id);
    return reply.html(
      VersionPage({
        chrome: await request.chrome(reply),
        csrfToken: await app.sessions.csrfToken(request, reply),
        partnership,
        version: v,
        sharing:
          v.status === 'published' || share ? { share, canShare: v.status === 'published' } : undefined,
      }),
    );
  });

  app.get<Params & { Querystring: { with?: string } }>(
    '/partnerships/:partnershipId/templates/versions/:versionId/compare',
    async (request, reply) => {
      const partnership = reader(request);
      const v = await version(request, partnership);
      const siblings =
        (await listTemplates(db, partnership.id)).find((t) => t.versions.some((x) => x.id === v.id))
          ?.versions ?? [];
      const others = siblings.filter((x) => x.id !== v.id);
      const chosen = request.query.with;
      // Any other version of the same template; by default the one before this one.
      const against =
        chosen === undefined || chosen === ''
          ? (others.filter((x) => x.version < v.version).sort((a, b) => b.version - a.version)[0] ?? null)
          : (others.find((x) => x.id === chosen) ?? null);
      if (chosen && !against) throw notFound('Template version');
      const earlier = against ? await findVersion(db, partnership.id, against.id) : undefined;
      return reply.html(
        ComparisonPage({
          chrome: await request.chrome(reply),
          partnership,
          templateName: v.templateName,
          version: v,
          against,
          others,
          comparison: earlier ? compareTemplates(earlier.definition, v.definition) : null,
        }),
      );
    },
  );

  for (const format of ['yaml', 'json'] as const) {
    app.get<Params>(
      `/partnerships/:partnershipId/templates/versions/:versionId/export.${format}`,
      async (request, reply) => {
        const partnership = reader(request);
        const v = await version(request, partnership);
        return reply
          .type(CONTENT_TYPES[format])
          .header('cache-control', 'no-store')
          .header(
            'content-disposition',
            attachment(downloadName('template', v.definition.name, format, `v${v.version}`)),
          )
          .send(writeTemplateFile(format, v.definition));
      },
    );
  }

  const refused = (partnershipId: string, versionId: string, title: string, message: string) =>
    new HttpError(409, title, message, [
      { text: 'Go to the version', href: versionBase(partnershipId, versionId) },
    ]);

  app.post<Params>(
    '/partnerships/:partnershipId/templates/versions/:versionId/publish',
    async (request, reply) => {
      const partnership = admin(request);
      const v = await version(request, partnership);
      // Checked and published under the draft's lock, so no change slips in between.
      const outcome = await db.transaction(async (tx) => {
        if ((await lockVersion(tx, partnership.id, v.id)) !== 'draft') return { refused: true as const };
        const draft = (await loadEditableVersion(tx, partnership.id, v.id))!;
        const problems = publishProblems(draft);
        if (problems.length) return { draft, problems };
        await publishDraft(tx, partnership.id, v.id, clock.now());
        return {};
      });
      if ('refused' in outcome)
        throw refused(
          partnership.id,
          v.id,
          'This version is not a draft',
          'Only a draft can be published. Nothing was changed.',
        );
      if (outcome.problems)
        return reply.html(
          DraftEditorPage({
            chrome: await request.chrome(reply),
            csrfToken: await app.sessions.csrfToken(request, reply),
            partnership,
            draft: outcome.draft,
            localityNames: new Map((await listLocalities(db, partnership.id)).map((l) => [l.id, l.name])),
            errors: { list: outcome.problems, byField: {} },
          }),
          422,
        );
      return reply.redirect(versionBase(partnership.id, v.id), 303);
    },
  );

  app.post<Params>(
    '/partnerships/:partnershipId/templates/versions/:versionId/retire',
    async (request, reply) => {
      const partnership = admin(request);
      const v = await version(request, partnership);
      if (!(await retireVersion(db, partnership.id, v.id)))
        throw refused(
          partnership.id,
          v.id,
          'This version is not published',
          'Only a published version can be retired. Nothing was changed.',
        );
      return reply.redirect(versionBase(partnership.id, v.id), 303);
    },
  );

  app.post<Params>(
    '/partnerships/:partnershipId/templates/versions/:versionId/delete',
    async (request, reply) => {
      const partnership = admin(request);
      const v = await version(request, partnership);
      if (!(await deleteDraft(db, partnership.id, v.id)))
        throw refused(
          partnership.id,
          v.id,
          'This version is not a draft',
          'Only a draft can be deleted: a published or retired version is kept for the audits that use it. Nothing was changed.',
        );
      return reply.redirect(templatesBase(partnership.id), 303);
    },
  );
}
