/** The return's copy (page and PDF) and its score summary: the whole return, for the lead and the partnership. */
import { attachment } from '../../../lib/downloads.ts';
import type { ReturnParams } from '../../../web/return-context.ts';
import { assertNotContributor } from '../return-access.ts';
import { loadReturnRecord } from '../return-records.ts';
import { type ReturnRoutes, returnFileName } from '../return-routes.ts';
import type { ReturnContext } from '../returns.repository.ts';
import { CopyPage, ScoresPage } from './records.view.tsx';

/** The whole return is for the agency lead and the partnership: a contributor sees only their themes. */
const assertWholeReturn = (ctx: ReturnContext) =>
  assertNotContributor(
    ctx,
    'Only your agency lead can see the whole return',
    'The copy and the score summary show every theme’s answers. You can see and change the answers of the themes assigned to you, and their actions.',
  );

export function recordsRoutes({ app, db, clock, loadContext }: ReturnRoutes): void {
  app.get<ReturnParams>('/returns/:returnId/copy', async (request, reply) => {
    const ctx = await loadContext(request);
    assertWholeReturn(ctx);
    const record = await loadReturnRecord(db, ctx, clock.now());
    return reply.html(CopyPage({ chrome: await request.chrome(reply), record }));
  });

  app.get<ReturnParams>('/returns/:returnId/copy.pdf', async (request, reply) => {
    const ctx = await loadContext(request);
    assertWholeReturn(ctx);
    const now = clock.now();
    const record = await loadReturnRecord(db, ctx, now);
    // pdfkit and the fonts load at the first PDF, not at start (bench/start.ts).
    const { returnCopyPdf } = await import('../return-copy.pdf.ts');
    const pdf = await returnCopyPdf(record, { generatedAt: now });
    return reply
      .type('application/pdf')
      .header('cache-control', 'no-store')
      .header('content-disposition', attachment(returnFileName(ctx, 'section-11-return', 'pdf')))
      .send(pdf);
  });

  app.get<ReturnParams>('/returns/:returnId/scores', async (request, reply) => {
    const ctx = await loadContext(request);
    assertWholeReturn(ctx);
    const record = await loadReturnRecord(db, ctx, clock.now());
    return reply.html(ScoresPage({ chrome: await request.chrome(reply), record }));
  });
}
