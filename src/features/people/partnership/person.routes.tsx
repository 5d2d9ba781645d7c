/**
 * A person of the partnership: changing their role, removing them, or withdrawing the invitation
 * that still waits for them. The partnership keeps at least one admin.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../../lib/http-errors.ts';
import { type FormErrors, oneError } from '../../../views/form-errors.ts';
import { handleForm } from '../../../web/form-route.ts';
import { cancelInvitation, holdsAnyRole } from '../memberships.repository.ts';
import { type PartnershipPerson, removePerson, setRole } from '../people.repository.ts';
import { PersonPage } from '../people.view.tsx';
import type { PeopleRoutes } from '../people-context.ts';
import { roleForm, roleFormState } from '../person-forms.ts';
import {
  LAST_ADMIN_REMOVING,
  type PeopleParams,
  partnershipPerson,
  peopleAdmin,
  peoplePath,
} from './partnership-people.ts';

export function personRoutes({ app, db }: PeopleRoutes): void {
  async function personView(
    request: FastifyRequest,
    reply: FastifyReply,
    partnership: { id: string; name: string },
    found: PartnershipPerson,
    role: string,
    errors?: FormErrors,
  ) {
    return PersonPage({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      partnership,
      person: found,
      role,
      errors,
    });
  }

  app.get<PeopleParams>('/partnerships/:partnershipId/people/:userId', async (request, reply) => {
    const partnership = peopleAdmin(request);
    const found = await partnershipPerson(db, partnership.id, request.params.userId);
    return reply.html(await personView(request, reply, partnership, found, found.role));
  });

  app.post<PeopleParams>('/partnerships/:partnershipId/people/:userId', async (request, reply) => {
    const partnership = peopleAdmin(request);
    const found = await partnershipPerson(db, partnership.id, request.params.userId);
    // A waiting invitation is withdrawn, not changed (nobody has the role yet).
    if (found.pending) throw notFound('Person');
    return handleForm(request, reply, {
      state: roleFormState,
      schema: roleForm,
      invalid: (state, errors) => personView(request, reply, partnership, found, state.role, errors),
      save: async ({ role }) => {
        if (role !== found.role && !(await setRole(db, partnership.id, found.userId, role)))
          return {
            errors: oneError(
              'role',
              'The partnership needs at least one admin. Make someone else an admin first.',
            ),
          };
        return `${peoplePath(partnership.id)}?done=changed`;
      },
    });
  });

  app.post<PeopleParams>('/partnerships/:partnershipId/people/:userId/remove', async (request, reply) => {
    const partnership = peopleAdmin(request);
    const found = await partnershipPerson(db, partnership.id, request.params.userId);
    const base = peoplePath(partnership.id);
    if (found.pending) {
      await cancelInvitation(db, { kind: 'partnership', partnershipId: partnership.id }, found.userId);
      return reply.redirect(`${base}?done=withdrawn`, 303);
    }
    if (!(await removePerson(db, partnership.id, found.userId))) {
      const errors = oneError('role', LAST_ADMIN_REMOVING);
      return reply.html(await personView(request, reply, partnership, found, found.role, errors), 422);
    }
    // Their rights here end at once (the signed-in user is read again on every request). Only
    // someone left with nothing to sign in for is signed out: their other partnerships and
    // agencies are not this partnership's to end.
    if (!(await holdsAnyRole(db, found.userId))) {
      await app.sessions.destroyForUser(found.userId);
      if (found.userId === request.user!.id) return reply.redirect('/sign-in', 303);
    }
    if (found.userId === request.user!.id) return reply.redirect('/', 303);
    return reply.redirect(`${base}?done=removed`, 303);
  });
}
