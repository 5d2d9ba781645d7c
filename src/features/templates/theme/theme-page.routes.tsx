/**
 * A theme of a draft: its page, moving it up or down, deleting it (after asking), and previewing a
 * theme of any version as agencies will see it (admins and reviewers).
 */
import type { FastifyInstance } from 'fastify';
import { notFound } from '../../../lib/http-errors.ts';
import { isUuid } from '../../../lib/tokens.ts';
import { formBody, textField } from '../../../web/form-route.ts';
import { loadReturnStructure } from '../../returns/return-structure.repository.ts';
import { ThemePreviewPage } from '../../returns/theme.view.tsx';
import { ConfirmDeletePage } from '../authoring/authoring.view.tsx';
import { changeDraft, themeIn } from '../authoring/draft-editing.service.ts';
import { type DraftParams, type DraftRequest, draftPages } from '../authoring/draft-pages.ts';
import { editBase, themeBase } from '../authoring/paths.ts';
import { deleteDraftTheme, swapPositions } from '../draft-editing.repository.ts';
import { versionBase } from '../templates.view.tsx';
import { ThemeEditorPage } from './theme-page.view.tsx';

/** The step of a move button: -1 up, 1 down, 0 for anything else. */
export const direction = (request: DraftRequest) => {
  const d = textField(formBody(request), 'direction');
  return d === 'up' ? -1 : d === 'down' ? 1 : 0;
};

export function themePageRoutes(app: FastifyInstance): void {
  const pages = draftPages(app);
  const { db, clock } = pages;
  const path = '/partnerships/:partnershipId/templates/versions/:versionId/themes/:themeId';

  app.get<DraftParams>(path, async (request, reply) => {
    const partnership = pages.admin(request);
    const draft = await pages.draftToShow(request, partnership);
    const { theme, index } = themeIn(draft, request.params.themeId);
    return reply.html(
      ThemeEditorPage({
        ...(await pages.page(request, reply)),
        partnership,
        draft,
        theme,
        number: index + 1,
        localityNames: await pages.localityNames(partnership.id),
        notice: pages.notice(request),
      }),
    );
  });

  app.post<DraftParams>(`${path}/move`, async (request, reply) => {
    const partnership = pages.admin(request);
    const step = direction(request);
    const at = await changeDraft(db, partnership.id, request.params.versionId, async (tx, draft) => {
      const { theme, index } = themeIn(draft, request.params.themeId);
      const other = draft.themes[index + step];
      if (step === 0 || !other) return index;
      await swapPositions(tx, partnership.id, 'theme', theme, other);
      return index + step;
    });
    return reply.redirect(
      `${editBase(partnership.id, request.params.versionId!)}?done=moved#theme-${at + 1}`,
      303,
    );
  });

  app.get<DraftParams>(`${path}/delete`, async (request, reply) => {
    const partnership = pages.admin(request);
    const draft = await pages.draftToShow(request, partnership);
    const { theme, index } = themeIn(draft, request.params.themeId);
    const n = theme.questions.length;
    return reply.html(
      ConfirmDeletePage({
        ...(await pages.page(request, reply)),
        caption: `${draft.templateName}, version ${draft.version}`,
        title: `Delete theme ${index + 1}?`,
        what: theme.title,
        consequences: n ? [`Its ${n === 1 ? 'question is' : `${n} questions are`} deleted with it.`] : [],
        action: `${themeBase(partnership.id, draft.id, theme.id)}/delete`,
        back: themeBase(partnership.id, draft.id, theme.id),
      }),
    );
  });

  app.post<DraftParams>(`${path}/delete`, async (request, reply) => {
    const partnership = pages.admin(request);
    await changeDraft(db, partnership.id, request.params.versionId, async (tx, draft) =>
      deleteDraftTheme(tx, partnership.id, themeIn(draft, request.params.themeId).theme.id),
    );
    return reply.redirect(`${editBase(partnership.id, request.params.versionId!)}?done=theme-deleted`, 303);
  });

  app.get<DraftParams>(`${path}/preview`, async (request, reply) => {
    const partnership = pages.reader(request);
    const version = await pages.anyVersion(request, partnership);
    const { themes } = await loadReturnStructure(db, partnership.id, version.id);
    const index = themes.findIndex((t) => t.id === request.params.themeId);
    if (!isUuid(request.params.themeId) || index < 0) throw notFound('Theme');
    const draft = version.status === 'draft' && partnership.canManage;
    const themeHref = (id: string) => `${versionBase(partnership.id, version.id)}/themes/${id}/preview`;
    return reply.html(
      ThemePreviewPage({
        chrome: await request.chrome(reply),
        returnId: '',
        agencyName: version.templateName,
        opensAt: clock.now(),
        theme: themes[index]!,
        themeCount: themes.length,
        previous: themes[index - 1] ?? null,
        next: themes[index + 1] ?? null,
        author: {
          back: draft
            ? { href: themeBase(partnership.id, version.id, themes[index]!.id), text: 'Back to the theme' }
            : { href: versionBase(partnership.id, version.id), text: 'Back to the version' },
          themeHref,
          notice: `This is a preview of ${version.templateName}, version ${version.version}, as agencies will see it. You can try the answers, but nothing is saved here.`,
        },
      }),
    );
  });
}
