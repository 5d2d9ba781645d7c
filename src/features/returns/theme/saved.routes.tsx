/** After "Save and come back later": the page saying the work is kept and a link was emailed. */
import type { ReturnParams } from '../../../web/return-context.ts';
import type { ReturnRoutes } from '../return-routes.ts';
import { SavedPage } from './saved.view.tsx';

export function savedRoutes({ app, loadContext, structureFor }: ReturnRoutes): void {
  app.get<ReturnParams & { Querystring: { theme?: string } }>(
    '/returns/:returnId/saved',
    async (request, reply) => {
      const ctx = await loadContext(request);
      const { themes } = await structureFor(ctx);
      const theme = themes.find((t) => t.id === request.query.theme);
      return reply.html(
        SavedPage({
          chrome: await request.chrome(reply),
          ctx,
          email: request.user!.email,
          themeTitle: theme?.title ?? 'your return',
        }),
      );
    },
  );
}
