/** Inviting someone to the partnership as an admin or a reviewer. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type FormErrors, oneError } from '../../../views/form-errors.ts';
import { handleForm } from '../../../web/form-route.ts';
import { takePendingForm } from '../../../web/pending-form.ts';
import { inviteeRoleSchema, inviteeRoleState, invitePerson } from '../invitation.ts';
import { InvitePage, ROLE_LABELS } from '../people.view.tsx';
import type { PeopleRoutes } from '../people-context.ts';
import { PARTNERSHIP_ROLES } from '../person-forms.ts';
import { type PeopleParams, peopleAdmin, peoplePath } from './partnership-people.ts';

export function inviteRoutes({ app, invitationDeps }: PeopleRoutes): void {
  async function inviteView(
    request: FastifyRequest,
    reply: FastifyReply,
    partnership: { id: string; name: string },
    state: { name: string; email: string; role: string },
    errors?: FormErrors,
  ) {
    return InvitePage({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      partnership,
      state,
      errors,
    });
  }

  app.get<PeopleParams>('/partnerships/:partnershipId/people/new', async (request, reply) => {
    const partnership = peopleAdmin(request);
    const pending = await takePendingForm(app, request, reply);
    const state = pending ? inviteeRoleState(pending.body) : { name: '', email: '', role: '' };
    return reply.html(await inviteView(request, reply, partnership, state));
  });

  app.post<PeopleParams>('/partnerships/:partnershipId/people', async (request, reply) => {
    const partnership = peopleAdmin(request);
    return handleForm(request, reply, {
      state: inviteeRoleState,
      schema: inviteeRoleSchema(PARTNERSHIP_ROLES),
      invalid: (state, errors) => inviteView(request, reply, partnership, state, errors),
      save: async ({ role, ...invitee }) => {
        const outcome = await invitePerson(
          invitationDeps,
          { kind: 'partnership', partnershipId: partnership.id, role },
          invitee,
          request.user!.id,
          {
            partnershipId: partnership.id,
            subject: `You have been invited to ${partnership.name} on Section 11 Audit`,
            why: `${request.user!.name} has invited you to ${partnership.name} as a ${ROLE_LABELS[role].toLowerCase()}.`,
          },
        );
        if (outcome === 'already-member')
          return {
            errors: oneError(
              'email',
              'This person is already in the partnership. Change their role from the list instead.',
            ),
          };
        return `${peoplePath(partnership.id)}?done=invited`;
      },
    });
  });
}
