/** Publishing a draft (checked under its lock), retiring a published version, deleting a draft. */

import { HttpError } from '../../lib/http-errors.ts';
import { listLocalities } from '../partnerships/partnerships.repository.ts';
import { DraftEditorPage } from './draft/draft.view.tsx';
import { loadEditableVersion, lockVersion } from './draft-editing.repository.ts';
import { publishProblems } from './publish-checks.ts';
import { deleteDraft, publishDraft, retireVersion } from './template-versions.repository.ts';
import { templatesBase, versionBase } from './templates.view.tsx';
import type { Params, TemplateRoutes } from './templates-context.ts';

export function templateLifecycleRoutes({ app, db, clock, admin, version }: TemplateRoutes): void {
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
