/** A version's page, its comparison with another version, and its exports (XLSX, YAML, JSON). */

import { attachment, downloadName } from '../../lib/downloads.ts';
import { notFound } from '../../lib/http-errors.ts';
import { compareTemplates } from './template-comparison.ts';
import { ComparisonPage } from './template-comparison.view.tsx';
import { type TemplateFormat, writeTemplateFile } from './template-file.ts';
import { findShare } from './template-library.repository.ts';
import { findVersion, listTemplates } from './template-versions.repository.ts';
import { WORKBOOK_CONTENT_TYPE, writeTemplateWorkbook } from './template-workbook.ts';
import { VersionPage } from './templates.view.tsx';
import type { Params, TemplateRoutes } from './templates-context.ts';

const CONTENT_TYPES: Record<TemplateFormat, string> = {
  yaml: 'application/yaml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

export function templateVersionRoutes({ app, db, clock, reader, version }: TemplateRoutes): void {
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
}
