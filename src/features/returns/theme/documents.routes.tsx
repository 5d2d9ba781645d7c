/**
 * Documents on a theme's questions. The theme page's buttons post the whole theme form here:
 * "Attach" (multipart, only this route reads it) checks the question's chosen file by its bytes and
 * its size and the return's cap; "Remove" (undone by "Undo" on the page it returns to) and "Keep"
 * (a document offered from last year's return). What was typed is kept for the theme page, never
 * saved by these buttons; a refused file shows the theme page again with it and the error (422).
 * Downloads are document-download.routes.ts.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  addQuestionDocument,
  keepQuestionDocument,
  questionDocumentInfo,
  removeQuestionDocument,
  restoreQuestionDocument,
  returnDocumentTotals,
} from '../../../domain/question-documents.repository.ts';
import { checkDocumentFile } from '../../../lib/document-files.ts';
import { acceptFileUploads, isUpload, type UploadLimits } from '../../../lib/file-uploads.ts';
import { HttpError, notFound } from '../../../lib/http-errors.ts';
import { isUuid } from '../../../lib/tokens.ts';
import { type FormErrors, oneError } from '../../../views/form-errors.ts';
import { type FormBody, formBody, textField } from '../../../web/form-route.ts';
import { shownOf } from '../../../web/form-version.ts';
import { keepFormForPage } from '../../../web/pending-form.ts';
import { assertEditable, assertThemeAssigned } from '../return-access.ts';
import { awaitingIn, type ReturnRoutes } from '../return-routes.ts';
import { loadAnswers, type ReturnContext } from '../returns.repository.ts';
import { documentField } from './documents.view.tsx';
import {
  type DocumentAction,
  type DocumentDone,
  documentConflict,
  documentGone,
  loadThemeDocuments,
  QUESTION_DOCUMENT_MAX_BYTES,
  QUESTION_DOCUMENTS,
  returnCapRefusal,
  THEME_FORM_MAX_BYTES,
  THEME_SHOWN_MAX_BYTES,
} from './question-documents.ts';
import { LONG_TEXT_MAX, parseThemeForm } from './theme.form.ts';
import { ThemePage } from './theme.view.tsx';

type ThemeParams = { Params: { returnId: string; themeId: string } };
type DocumentParams = { Params: { returnId: string; themeId: string; documentId: string } };

/**
 * The theme form's parts: each question's fields and file input, its rating, the hidden fields; all
 * its text together at most THEME_FORM_MAX_BYTES (a form past it gets a 413 page linking back).
 */
const UPLOAD_LIMITS: UploadLimits = {
  // The hidden field of what the page showed may be long (see form-version.ts); text is 4 bytes a
  // character at most.
  fieldBytes: Math.max(THEME_SHOWN_MAX_BYTES + 1, LONG_TEXT_MAX * 4 + 1),
  fields: 4000,
  files: 400,
  filledFiles: 1,
  totalFieldBytes: THEME_FORM_MAX_BYTES,
  backTo: (request) => {
    const { returnId, themeId } = request.params as ThemeParams['Params'];
    return isUuid(returnId) && isUuid(themeId)
      ? { text: 'Go back to the theme', href: `/returns/${returnId}/themes/${themeId}` }
      : { text: 'Go to your home page', href: '/' };
  },
};

export function documentRoutes(r: ReturnRoutes): void {
  const { app, db, clock, loadContext, structureFor, flagsFor } = r;

  /** The theme the request names, which the person may change now (403 as for its answers). */
  async function editableTheme(request: FastifyRequest<ThemeParams>) {
    const ctx = await loadContext(request);
    if (!isUuid(request.params.themeId)) throw notFound('Theme');
    const { structure, themes } = await structureFor(ctx);
    const theme = themes.find((t) => t.id === request.params.themeId);
    if (!theme) throw notFound('Theme');
    assertThemeAssigned(ctx, theme.id);
    assertEditable(ctx, clock.now(), theme.id);
    return { ctx, structure, theme, url: `/returns/${ctx.id}/themes/${theme.id}` };
  }
  type Loaded = Awaited<ReturnType<typeof editableTheme>>;

  /** The theme page again with what was typed and the refusal (422). */
  async function refusedPage(
    request: FastifyRequest,
    reply: FastifyReply,
    loaded: Loaded,
    body: FormBody,
    errors: FormErrors,
  ) {
    const { ctx, structure, theme } = loaded;
    const [flags, answers, documents] = await Promise.all([
      flagsFor(ctx, structure),
      loadAnswers(db, ctx.partnershipId, ctx.id),
      loadThemeDocuments(db, ctx, theme, {}, errors),
    ]);
    return reply.html(
      ThemePage({
        chrome: await request.chrome(reply),
        csrfToken: await app.sessions.csrfToken(request, reply),
        returnId: ctx.id,
        agencyName: ctx.agencyName,
        cycleName: ctx.cycleName,
        theme,
        themeCount: structure.themes.length,
        state: parseThemeForm(theme, body).state,
        shown: shownOf(body),
        errors,
        flags,
        awaiting: awaitingIn(answers),
        documents,
      }),
      422,
    );
  }

  /** Back to the theme page, with what was typed kept for it and what was done said there. */
  async function backToTheme(
    request: FastifyRequest,
    reply: FastifyReply,
    loaded: Loaded,
    done: DocumentDone | null,
    documentId: string,
    questionNumber: number | undefined,
  ) {
    await keepFormForPage(app, request, reply, loaded.url, formBody(request), clock.now());
    const query = done ? `?done=${done}&document=${documentId}` : '';
    return reply.redirect(
      `${loaded.url}${query}${questionNumber ? `#documents-${questionNumber}` : ''}`,
      303,
    );
  }

  // "Attach": the only route here that reads multipart forms.
  app.register(async (upload) => {
    await acceptFileUploads(upload, QUESTION_DOCUMENT_MAX_BYTES, UPLOAD_LIMITS);
    upload.post<ThemeParams>('/returns/:returnId/themes/:themeId/documents', async (request, reply) => {
      const loaded = await editableTheme(request);
      const { ctx, theme } = loaded;
      const body = formBody(request);
      const question = theme.questions.find((q) => String(q.number) === textField(body, 'attach'));
      if (!question)
        throw new HttpError(
          400,
          'There is a problem with what was sent',
          'Choose “Attach” beside a question.',
          [{ text: 'Go back to the theme', href: loaded.url }],
        );
      const field = documentField(question.number);
      const file = body[field];
      const refuse = (text: string) => refusedPage(request, reply, loaded, body, oneError(field, text));
      if (!isUpload(file) || file.fileName === '') return refuse('Select a document to attach');
      if (file.skipped)
        return refuse('Attach one document at a time: select this one again, then select “Attach”');
      const check = checkDocumentFile(file.fileName, file.data, file.truncated, QUESTION_DOCUMENTS);
      if (!check.ok) return refuse(check.error);
      const cap = returnCapRefusal(
        await returnDocumentTotals(db, ctx.partnershipId, ctx.id),
        file.data.length,
      );
      if (cap) return refuse(cap);
      const id = await addQuestionDocument(db, {
        partnershipId: ctx.partnershipId,
        returnId: ctx.id,
        questionId: question.id,
        fileName: check.fileName,
        contentType: check.contentType,
        data: file.data,
        uploadedBy: request.user!.id,
        now: clock.now(),
      });
      return backToTheme(request, reply, loaded, 'attached', id, question.number);
    });
  });

  /**
   * "Remove", "Undo" and "Keep": each changes one document of the theme's questions. One that
   * someone changed first (or that is gone, or would take the return past its cap) is refused with
   * a page saying so (404 or 409), what was typed kept for the theme page; nothing else changes.
   */
  const change = (
    action: DocumentAction,
    done: DocumentDone,
    apply: (ctx: ReturnContext, id: string, userId: string) => Promise<string | null>,
  ) =>
    app.post<DocumentParams>(
      `/returns/:returnId/themes/:themeId/documents/:documentId/${action}`,
      async (request, reply) => {
        const loaded = await editableTheme(request);
        const { ctx, theme } = loaded;
        const id = request.params.documentId;
        const refuse = async (error: HttpError) => {
          await keepFormForPage(app, request, reply, loaded.url, formBody(request), clock.now());
          throw error;
        };
        const info = isUuid(id) ? await questionDocumentInfo(db, ctx.partnershipId, ctx.id, id) : null;
        if (!info) return refuse(documentGone(action, loaded.url));
        const question = theme.questions.find((q) => q.id === info.questionId);
        if (!question) throw notFound('Document');
        if (action === 'restore' && info.removed) {
          const cap = returnCapRefusal(await returnDocumentTotals(db, ctx.partnershipId, ctx.id), info.size);
          if (cap) return refuse(documentConflict(action, info, loaded.url, cap));
        }
        if (!(await apply(ctx, id, request.user!.id))) {
          const now = await questionDocumentInfo(db, ctx.partnershipId, ctx.id, id);
          return refuse(now ? documentConflict(action, now, loaded.url) : documentGone(action, loaded.url));
        }
        return backToTheme(request, reply, loaded, done, id, question.number);
      },
    );
  change('remove', 'removed', (c, id, by) =>
    removeQuestionDocument(db, c.partnershipId, c.id, id, { now: clock.now(), by }),
  );
  change('restore', 'restored', (c, id) => restoreQuestionDocument(db, c.partnershipId, c.id, id));
  change('keep', 'kept', (c, id) => keepQuestionDocument(db, c.partnershipId, c.id, id));
}
