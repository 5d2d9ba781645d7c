/** An agency lead's colleagues: contributors invited and removed by the agency's leads. */

import type { FastifyReply, FastifyRequest } from 'fastify';
import { forbidden, notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import { possessive } from '../../lib/words.ts';
import { type FormErrors, oneError } from '../../views/form-errors.ts';
import { handleForm } from '../../web/form-route.ts';
import { takePendingForm } from '../../web/pending-form.ts';
import { requireUser } from '../auth/auth.plugin.ts';
import { ColleaguesPage } from './colleagues.view.tsx';
import { type InviteeState, inviteeSchema, inviteeState, invitePerson } from './invitation.ts';
import { holdsAnyRole, listAgencyPeople, removeFromAgency } from './memberships.repository.ts';
import type { PeopleRoutes } from './people-context.ts';

type Params = { Params: { agencyId: string; userId?: string }; Querystring: { done?: string } };

const NOTICES: Record<string, string> = {
  invited: 'We are sending the invitation: it should arrive within a minute or two',
  removed: 'Contributor removed',
};

export function colleagueRoutes({ app, db, clock, invitationDeps }: PeopleRoutes): void {
  /** The agency in the URL, if the person is one of its leads. */
  function leadAgency(request: FastifyRequest<Params>) {
    const user = requireUser(request);
    if (!isUuid(request.params.agencyId)) throw notFound('Agency');
    const membership = user.agencies.find((a) => a.agencyId === request.params.agencyId);
    if (!membership) throw notFound('Agency');
    if (membership.role !== 'agency_lead') throw forbidden('Only your agency lead can invite colleagues.');
    return { id: membership.agencyId, name: membership.agencyName };
  }

  async function view(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    agency: { id: string; name: string },
    state: InviteeState,
    errors?: FormErrors,
  ) {
    return ColleaguesPage({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      agency,
      colleagues: await listAgencyPeople(db, agency.id),
      state,
      errors,
      notice: NOTICES[request.query.done ?? ''],
    });
  }

  // An agency's people are the agency's, not one partnership's: its lead manages them (and removing
  // one ends their theme assignments) across every partnership the agency belongs to.
  const acrossPartnerships = {
    config: { systemContext: "an agency lead's own agency, which works with several partnerships" },
  };

  app.get<Params>('/agencies/:agencyId/colleagues', acrossPartnerships, async (request, reply) => {
    const agency = leadAgency(request);
    const pending = await takePendingForm(app, request, reply);
    const state = pending ? inviteeState(pending.body) : { name: '', email: '' };
    return reply.html(await view(request, reply, agency, state));
  });

  app.post<Params>('/agencies/:agencyId/colleagues', acrossPartnerships, async (request, reply) => {
    const agency = leadAgency(request);
    return handleForm(request, reply, {
      state: inviteeState,
      schema: inviteeSchema,
      invalid: (state, errors) => view(request, reply, agency, state, errors),
      save: async (invitee) => {
        const outcome = await invitePerson(
          invitationDeps,
          { kind: 'agency', agencyId: agency.id, role: 'contributor', partnershipId: null },
          invitee,
          request.user!.id,
          {
            subject: `You have been invited to help with ${possessive(agency.name)} Section 11 return`,
            why: `${request.user!.name} has invited you to ${agency.name} on Section 11 Audit, to help complete its safeguarding self-assessment.`,
          },
        );
        if (outcome === 'already-member')
          return { errors: oneError('email', 'This person is already in your agency') };
        return `/agencies/${agency.id}/colleagues?done=invited`;
      },
    });
  });

  app.post<Params>(
    '/agencies/:agencyId/colleagues/:userId/remove',
    acrossPartnerships,
    async (request, reply) => {
      const agency = leadAgency(request);
      if (!isUuid(request.params.userId)) throw notFound('Colleague');
      const userId = request.params.userId;
      if (!(await removeFromAgency(db, agency.id, userId, request.user!.id, clock.now(), 'contributor')))
        throw notFound('Colleague');
      // Their rights in this agency end at once; only someone left with nothing is signed out.
      if (!(await holdsAnyRole(db, userId))) await app.sessions.destroyForUser(userId);
      return reply.redirect(`/agencies/${agency.id}/colleagues?done=removed`, 303);
    },
  );
}
