/** Moving a question of a draft's theme up or down, and deleting one (after asking). */
import type { FastifyInstance } from 'fastify';
import { HttpError } from '../../../lib/http-errors.ts';
import { ConfirmDeletePage } from '../authoring/authoring.view.tsx';
import { changeDraft, questionIn, themeIn } from '../authoring/draft-editing.service.ts';
import { type DraftParams, draftPages } from '../authoring/draft-pages.ts';
import { questionBase, themeBase } from '../authoring/paths.ts';
import {
  type DraftQuestion,
  type DraftTheme,
  deleteDraftQuestion,
  swapPositions,
} from '../draft-editing.repository.ts';
import { direction } from '../theme/theme-page.routes.tsx';

const dependantsOf = (theme: DraftTheme, question: DraftQuestion) =>
  theme.questions.filter((q) => q.showWhen?.questionId === question.id);

export function questionOrderRoutes(app: FastifyInstance): void {
  const pages = draftPages(app);
  const { db } = pages;
  const path =
    '/partnerships/:partnershipId/templates/versions/:versionId/themes/:themeId/questions/:questionId';

  app.post<DraftParams>(`${path}/move`, async (request, reply) => {
    const partnership = pages.admin(request);
    const step = direction(request);
    const at = await changeDraft(db, partnership.id, request.params.versionId, async (tx, draft) => {
      const { theme } = themeIn(draft, request.params.themeId);
      const { question, index } = questionIn(theme, request.params.questionId);
      const other = theme.questions[index + step];
      if (step === 0 || !other) return index;
      // A question shown depending on another must stay after it.
      const [first, second] = step < 0 ? [other, question] : [question, other];
      if (second.showWhen?.questionId === first.id)
        throw new HttpError(
          409,
          'The question cannot move there',
          `Question ${index + Math.min(step, 0) + 2} is shown depending on the answer to question ${index + Math.min(step, 0) + 1}, so it must stay after it. Change its condition first. Nothing was moved.`,
          [{ text: 'Back to the theme', href: themeBase(partnership.id, draft.id, theme.id) }],
        );
      await swapPositions(tx, partnership.id, 'question', question, other);
      return index + step;
    });
    return reply.redirect(
      `${themeBase(partnership.id, request.params.versionId!, request.params.themeId!)}?done=moved#question-${at + 1}`,
      303,
    );
  });

  app.get<DraftParams>(`${path}/delete`, async (request, reply) => {
    const partnership = pages.admin(request);
    const draft = await pages.draftToShow(request, partnership);
    const { theme } = themeIn(draft, request.params.themeId);
    const { question, index } = questionIn(theme, request.params.questionId);
    const numbers = dependantsOf(theme, question).map((q) => theme.questions.indexOf(q) + 1);
    return reply.html(
      ConfirmDeletePage({
        ...(await pages.page(request, reply)),
        caption: theme.title,
        title: `Delete question ${index + 1}?`,
        what: question.text,
        consequences: numbers.length
          ? [
              `${numbers.length === 1 ? `Question ${numbers[0]} is` : `Questions ${numbers.join(', ')} are`} shown depending on the answer to this one: after deleting it, they are always shown.`,
            ]
          : [],
        action: `${questionBase(partnership.id, draft.id, theme.id, question.id)}/delete`,
        back: themeBase(partnership.id, draft.id, theme.id),
      }),
    );
  });

  app.post<DraftParams>(`${path}/delete`, async (request, reply) => {
    const partnership = pages.admin(request);
    await changeDraft(db, partnership.id, request.params.versionId, async (tx, draft) => {
      const { theme } = themeIn(draft, request.params.themeId);
      const { question } = questionIn(theme, request.params.questionId);
      await deleteDraftQuestion(tx, partnership.id, question, dependantsOf(theme, question));
    });
    return reply.redirect(
      `${themeBase(partnership.id, request.params.versionId!, request.params.themeId!)}?done=question-deleted`,
      303,
    );
  });
}
