/** The list of a partnership's admins and reviewers, with any invitation still waiting. */
import { listPeople } from '../people.repository.ts';
import { PeoplePage } from '../people.view.tsx';
import type { PeopleRoutes } from '../people-context.ts';
import { NOTICES, type PeopleParams, peopleAdmin } from './partnership-people.ts';

export function peopleListRoutes({ app, db }: PeopleRoutes): void {
  app.get<PeopleParams>('/partnerships/:partnershipId/people', async (request, reply) => {
    const partnership = peopleAdmin(request);
    return reply.html(
      PeoplePage({
        chrome: await request.chrome(reply),
        partnership,
        people: await listPeople(db, partnership.id),
        notice: NOTICES[request.query.done ?? ''],
      }),
    );
  });
}
