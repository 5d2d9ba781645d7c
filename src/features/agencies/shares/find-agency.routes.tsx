/** Finding an agency of another partnership to ask to share. */
import { validate } from '../../../web/form-route.ts';
import { searchSchema } from '../agency-share-form.ts';
import { SEARCH_LIMIT, searchOtherAgencies } from '../agency-shares.repository.ts';
import { FindAgencyPage } from '../find-agency.view.tsx';
import type { SharesParams, SharesRoutes } from './shares-context.ts';

export function findAgencyRoutes({ app, db, admin }: SharesRoutes): void {
  app.get<SharesParams>('/partnerships/:partnershipId/agencies/find', async (request, reply) => {
    const partnership = admin(request);
    const typed = typeof request.query.q === 'string' ? request.query.q : '';
    const chrome = await request.chrome(reply);
    if (typed.trim() === '')
      return reply.html(FindAgencyPage({ chrome, partnership, query: typed, results: null, more: false }));
    const search = validate(searchSchema, { q: typed });
    if (!search.ok)
      return reply.html(
        FindAgencyPage({
          chrome,
          partnership,
          query: typed,
          results: null,
          more: false,
          errors: search.errors,
        }),
        422,
      );
    const found = await searchOtherAgencies(db, partnership.id, search.values.q);
    return reply.html(
      FindAgencyPage({
        chrome,
        partnership,
        query: search.values.q,
        results: found.slice(0, SEARCH_LIMIT),
        more: found.length > SEARCH_LIMIT,
      }),
    );
  });
}
