/** The draft's overview, and a new draft copied from a published (or retired) version. */
import type { FastifyInstance } from 'fastify';
import { HttpError } from '../../../lib/http-errors.ts';
import { type DraftParams, draftPages } from '../authoring/draft-pages.ts';
import { editBase } from '../authoring/paths.ts';
import { copyAsDraft, lockTemplateForNewVersion } from '../draft-editing.repository.ts';
import { DraftEditorPage } from './draft.view.tsx';

export function draftRoutes(app: FastifyInstance): void {
  const pages = draftPages(app);
  const { db, clock } = pages;
  const version = '/partnerships/:partnershipId/templates/versions/:versionId';

  app.post<DraftParams>(`${version}/new-draft`, async (request, reply) => {
    const partnership = pages.admin(request);
    const source = await pages.anyVersion(request, partnership);
    if (source.status === 'draft')
      throw new HttpError(
        409,
        'This version is a draft',
        'Change the draft itself: only a published or retired version is copied as a new draft. Nothing was changed.',
        [{ text: 'Change the draft', href: editBase(partnership.id, source.id) }],
      );
    const result = await db.transaction(async (tx) => {
      const { draftId } = await lockTemplateForNewVersion(tx, partnership.id, source.templateId);
      if (draftId) return { existing: draftId };
      return { created: await copyAsDraft(tx, partnership.id, source, clock.now()) };
    });
    if ('existing' in result)
      throw new HttpError(
        409,
        'This template already has a draft',
        'A template has one draft at a time. Change that draft, or delete it before starting another. Nothing was changed.',
        [{ text: 'Go to the draft', href: editBase(partnership.id, result.existing!) }],
      );
    return reply.redirect(`${editBase(partnership.id, result.created!)}?done=copied`, 303);
  });

  app.get<DraftParams>(`${version}/edit`, async (request, reply) => {
    const partnership = pages.admin(request);
    const draft = await pages.draftToShow(request, partnership);
    return reply.html(
      DraftEditorPage({
        ...(await pages.page(request, reply)),
        partnership,
        draft,
        localityNames: await pages.localityNames(partnership.id),
        notice: pages.notice(request),
      }),
    );
  });
}
