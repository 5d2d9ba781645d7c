/**
 * A document on a question of the return, downloaded by the agency's people (a contributor: their
 * themes' only) and the partnership's admins and reviewers (not last year's documents offered to
 * the agency, until it keeps them); 404 for anyone else. Sent as an attachment, never shown inline.
 */
import { findQuestionDocument } from '../../../domain/question-documents.repository.ts';
import { attachment } from '../../../lib/downloads.ts';
import { notFound } from '../../../lib/http-errors.ts';
import { isUuid } from '../../../lib/tokens.ts';
import { mayWorkOnTheme } from '../return-access.ts';
import { isPartnershipStaff } from '../return-presenters.ts';
import type { ReturnRoutes } from '../return-routes.ts';

export function documentDownloadRoutes(r: ReturnRoutes): void {
  const { app, db, loadContext, structureFor } = r;

  app.get<{ Params: { returnId: string; documentId: string } }>(
    '/returns/:returnId/documents/:documentId',
    async (request, reply) => {
      const ctx = await loadContext(request);
      const id = request.params.documentId;
      const document = isUuid(id) ? await findQuestionDocument(db, ctx.partnershipId, ctx.id, id) : null;
      if (!document) throw notFound('Document');
      const { themes } = await structureFor(ctx);
      const theme = themes.find((t) => t.questions.some((q) => q.id === document.questionId));
      // A contributor reads their themes' documents; the partnership, those that are part of the
      // return (not last year's, until the agency keeps them).
      if (!theme || !mayWorkOnTheme(ctx, theme.id) || (isPartnershipStaff(ctx) && document.offered))
        throw notFound('Document');
      return reply
        .type(document.contentType)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('content-disposition', attachment(document.fileName))
        .send(document.data);
    },
  );
}
