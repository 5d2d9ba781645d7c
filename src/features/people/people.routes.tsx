/**
 * People: a partnership's admins and reviewers, and an agency's leads and contributors, invited,
 * changed, removed and anonymised by the partnership's admins; an agency lead's colleagues; and the
 * invitations a person answers. Each page's module holds its routes; this is the table of them.
 */
import type { FastifyInstance } from 'fastify';
import { agencyAnonymiseRoutes } from './agency/agency-anonymise.routes.tsx';
import { agencyPeopleRoutes } from './agency/agency-people.routes.tsx';
import { colleagueRoutes } from './colleagues.routes.tsx';
import { invitationRoutes } from './invitations.routes.tsx';
import { anonymiseRoutes } from './partnership/anonymise.routes.tsx';
import { inviteRoutes } from './partnership/invite.routes.tsx';
import { peopleListRoutes } from './partnership/people-list.routes.tsx';
import { personRoutes } from './partnership/person.routes.tsx';
import { type PeopleRoutes, peopleRoutesContext } from './people-context.ts';

const PEOPLE_PAGES: ReadonlyArray<(routes: PeopleRoutes) => void> = [
  peopleListRoutes, // GET /partnerships/:partnershipId/people
  inviteRoutes, // GET …/people/new; POST …/people
  personRoutes, // GET, POST …/people/:userId; POST …/people/:userId/remove
  anonymiseRoutes, // GET, POST …/people/:userId/anonymise
  agencyPeopleRoutes, // GET, POST /partnerships/:partnershipId/agencies/:agencyId/people; POST …/:userId/remove, …/:userId/reinvite
  agencyAnonymiseRoutes, // GET, POST …/agencies/:agencyId/people/:userId/anonymise
  colleagueRoutes, // GET, POST /agencies/:agencyId/colleagues; POST …/colleagues/:userId/remove
  invitationRoutes, // POST /invitations/:invitationId/accept, …/decline
];

export async function peopleRoutes(app: FastifyInstance): Promise<void> {
  const routes = peopleRoutesContext(app);
  for (const register of PEOPLE_PAGES) register(routes);
}
