/** The return's change history, a page at a time: for the agency lead and the partnership. */
import { HttpError, notFound } from '../../../lib/http-errors.ts';
import type { ReturnParams } from '../../../web/return-context.ts';
import type { ReturnRoutes } from '../return-routes.ts';
import { countHistory, loadHistory } from '../returns.repository.ts';
import { HistoryPage } from './history.view.tsx';

const HISTORY_PAGE_SIZE = 100;

export function historyRoutes({ app, db, loadContext }: ReturnRoutes): void {
  app.get<ReturnParams & { Querystring: { page?: string } }>(
    '/returns/:returnId/history',
    async (request, reply) => {
      const ctx = await loadContext(request);
      if (ctx.access === 'contributor')
        throw new HttpError(
          403,
          'Only your agency lead can see the change history',
          'Ask your agency’s safeguarding lead if you need to know who changed what.',
          [{ text: 'Go to the return', href: `/returns/${ctx.id}` }],
        );
      const total = await countHistory(db, ctx.partnershipId, ctx.id);
      const pageCount = Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE));
      const requested = Number.parseInt(request.query.page ?? '1', 10);
      if (!Number.isInteger(requested) || requested < 1 || requested > pageCount) throw notFound('Page');
      const entries = await loadHistory(db, ctx.partnershipId, ctx.id, {
        limit: HISTORY_PAGE_SIZE,
        offset: (requested - 1) * HISTORY_PAGE_SIZE,
      });
      return reply.html(
        HistoryPage({
          chrome: await request.chrome(reply),
          ctx,
          entries,
          page: requested,
          pageCount,
          total,
        }),
      );
    },
  );
}
