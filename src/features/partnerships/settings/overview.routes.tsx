/** The settings page: the partnership's details and localities, with links to change them. */
import { listLocalities } from '../partnerships.repository.ts';
import { SettingsPage } from '../settings.view.tsx';
import { NOTICES, type SettingsParams, type SettingsRoutes } from './settings-context.ts';

export function overviewRoutes({ app, db, admin, details }: SettingsRoutes): void {
  app.get<SettingsParams>('/partnerships/:partnershipId/settings', async (request, reply) => {
    const partnership = admin(request);
    return reply.html(
      SettingsPage({
        chrome: await request.chrome(reply),
        partnership: await details(partnership),
        localities: await listLocalities(db, partnership.id),
        notice: NOTICES[request.query.done ?? ''],
      }),
    );
  });
}
