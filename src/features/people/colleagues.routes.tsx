/** An agency lead's colleagues: contributors invited and removed by the agency's leads. */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { forbidden, notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import { possessive } from '../../lib/words.ts';
import { FormErrorBuilder, type FormErrors } from '../../views/form-errors.ts';
import { formBody } from '../../web/form-route.ts';
import { requireUser } from '../auth/auth.plugin.ts';
import { ColleaguesPage } from './colleagues.view.tsx';
import { checkInvitee, type InviteeState, inviteeState, invitePerson } from './invitation.ts';
import { holdsAnyRole, listAgencyPeople, removeFromAgency } from './memberships.repository.ts';

type Params = { Params: { agencyId: string; userId?: string }; Querystring: { done?: string } };

const NOTICES: Record<string, string> = {
  invited: 'We are sending the invitation: it should arrive within a minute or two',
  removed: 'Contributor removed',
};

export async function colleagueRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock, mailer, config } = app.deps;
  const db = database.db;

  /** The agency in the URL, if the person is one of its leads. */
  function leadAgency(request: FastifyRequest<Params>) {
    const user = requireUser(request);
    if (!isUuid(request.params.agencyId)) throw notFound('Agency');
    const membership = user.agencies.find((a) => a.agencyId === request.params.agencyId);
    if (!membership) throw notFound('Agency');
    if (membership.role !== 'agency_lead') throw forbidden('Only your agency lead can invite colleagues.');
    return { id: membership.agencyId, name: membership.agencyName };
  }

  async function page(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    agency: { id: string; name: string },
    state: InviteeState,
    errors?: FormErrors,
  ) {
    return reply.html(
      ColleaguesPage({
        chrome: await request.chrome(reply),
        csrfToken: await app.sessions.csrfToken(request, reply),
        agency,
        colleagues: await listAgencyPeople(db, agency.id),
        state,
        errors,
        notice: NOTICES[request.query.done ?? ''],
      }),
      errors ? 422 : 200,
    );
  }

  app.get<Params>('/agencies/:agencyId/colleagues', async (request, reply) =>
    page(request, reply, leadAgency(request), { name: '', email: '' }),
  );

  app.post<Params>('/agencies/:agencyId/colleagues', async (request, reply) => {
    const agency = leadAgency(request);
    const state = inviteeState(formBody(request));
    const errors = new FormErrorBuilder();
    const invitee = checkInvitee(state, errors);
    if (invitee) {
      const outcome = await invitePerson(
        { db, clock, mailer, baseUrl: config.baseUrl },
        { kind: 'agency', agencyId: agency.id, role: 'contributor', partnershipId: null },
        invitee,
        request.user!.id,
        {
          subject: `You have been invited to help with ${possessive(agency.name)} Section 11 return`,
          why: `${request.user!.name} has invited you to ${agency.name} on Section 11 Audit, to help complete its safeguarding self-assessment.`,
        },
      );
      if (outcome !== 'already-member')
        return reply.redirect(`/agencies/${agency.id}/colleagues?done=invited`, 303);
      errors.add('email', 'This person is already in your agency');
    }
    return page(request, reply, agency, state, errors.build());
  });

  app.post<Params>('/agencies/:agencyId/colleagues/:userId/remove', async (request, reply) => {
    const agency = leadAgency(request);
    if (!isUuid(request.params.userId)) throw notFound('Colleague');
    const userId = request.params.userId;
    if (!(await removeFromAgency(db, agency.id, userId, request.user!.id, clock.now(), 'contributor')))
      throw notFound('Colleague');
    // Their rights in this agency end at once; only someone left with nothing is signed out.
    if (!(await holdsAnyRole(db, userId))) await app.sessions.destroyForUser(userId);
    return reply.redirect(`/agencies/${agency.id}/colleagues?done=removed`, 303);
  });
}
