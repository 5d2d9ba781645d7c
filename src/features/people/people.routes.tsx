/** A partnership's admins and reviewers: invited, changed and removed by its admins. */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import { type FormErrors, oneError } from '../../views/form-errors.ts';
import { handleForm } from '../../web/form-route.ts';
import { takePendingForm } from '../../web/pending-form.ts';
import { partnershipAccess } from '../partnerships/partnership-access.ts';
import { anonymisePerson, holdsOtherRoles, notAnonymised } from '../privacy/person-erasure.ts';
import { AnonymiseConfirmPage, anonymiseRefusal } from '../privacy/person-erasure.view.tsx';
import { inviteeRoleSchema, inviteeRoleState, invitePerson } from './invitation.ts';
import { cancelInvitation, holdsAnyRole } from './memberships.repository.ts';
import { listPeople, removePerson, setRole } from './people.repository.ts';
import { InvitePage, PeoplePage, PersonPage, ROLE_LABELS } from './people.view.tsx';
import {
  anonymiseForm,
  anonymiseFormState,
  PARTNERSHIP_ROLES,
  roleForm,
  roleFormState,
} from './person-forms.ts';

type Params = { Params: { partnershipId: string; userId?: string }; Querystring: { done?: string } };

const NOTICES: Record<string, string> = {
  invited: 'We are sending the invitation: it should arrive within a minute or two',
  changed: 'Role changed',
  removed: 'Person removed from the partnership',
  withdrawn: 'Invitation withdrawn',
  anonymised: 'Person removed from the partnership and anonymised',
};

export async function peopleRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock, mailer, config } = app.deps;
  const db = database.db;
  const admin = (request: FastifyRequest<Params>) =>
    partnershipAccess(request, true, 'Only a partnership admin can manage people.');
  const base = (id: string) => `/partnerships/${id}/people`;

  async function person(partnershipId: string, userId: string | undefined) {
    if (!isUuid(userId)) throw notFound('Person');
    const found = (await listPeople(db, partnershipId)).find((p) => p.userId === userId);
    if (!found) throw notFound('Person');
    return found;
  }

  app.get<Params>('/partnerships/:partnershipId/people', async (request, reply) => {
    const partnership = admin(request);
    return reply.html(
      PeoplePage({
        chrome: await request.chrome(reply),
        partnership,
        people: await listPeople(db, partnership.id),
        notice: NOTICES[request.query.done ?? ''],
      }),
    );
  });

  async function inviteView(
    request: FastifyRequest<Params>,
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

  app.get<Params>('/partnerships/:partnershipId/people/new', async (request, reply) => {
    const partnership = admin(request);
    const pending = await takePendingForm(app, request, reply);
    const state = pending ? inviteeRoleState(pending.body) : { name: '', email: '', role: '' };
    return reply.html(await inviteView(request, reply, partnership, state));
  });

  app.post<Params>('/partnerships/:partnershipId/people', async (request, reply) => {
    const partnership = admin(request);
    return handleForm(request, reply, {
      state: inviteeRoleState,
      schema: inviteeRoleSchema(PARTNERSHIP_ROLES),
      invalid: (state, errors) => inviteView(request, reply, partnership, state, errors),
      save: async ({ role, ...invitee }) => {
        const outcome = await invitePerson(
          { db, clock, mailer, baseUrl: config.baseUrl },
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
        return `${base(partnership.id)}?done=invited`;
      },
    });
  });

  /** The person page, with an error when a change was refused. */
  async function personPage(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    partnership: { id: string; name: string },
    found: Awaited<ReturnType<typeof person>>,
    role: string,
    error?: { field: string; message: string },
  ) {
    const errors = error ? oneError(error.field, error.message) : undefined;
    return reply.html(await personView(request, reply, partnership, found, role, errors), error ? 422 : 200);
  }

  async function personView(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    partnership: { id: string; name: string },
    found: Awaited<ReturnType<typeof person>>,
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

  app.get<Params>('/partnerships/:partnershipId/people/:userId', async (request, reply) => {
    const partnership = admin(request);
    const found = await person(partnership.id, request.params.userId);
    return personPage(request, reply, partnership, found, found.role);
  });

  app.post<Params>('/partnerships/:partnershipId/people/:userId', async (request, reply) => {
    const partnership = admin(request);
    const found = await person(partnership.id, request.params.userId);
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
        return `${base(partnership.id)}?done=changed`;
      },
    });
  });

  app.post<Params>('/partnerships/:partnershipId/people/:userId/remove', async (request, reply) => {
    const partnership = admin(request);
    const found = await person(partnership.id, request.params.userId);
    if (found.pending) {
      await cancelInvitation(db, { kind: 'partnership', partnershipId: partnership.id }, found.userId);
      return reply.redirect(`${base(partnership.id)}?done=withdrawn`, 303);
    }
    if (!(await removePerson(db, partnership.id, found.userId)))
      return personPage(request, reply, partnership, found, found.role, {
        field: 'role',
        message:
          'The partnership needs at least one admin. Make someone else an admin before removing this person.',
      });
    // Their rights here end at once (the signed-in user is read again on every request). Only
    // someone left with nothing to sign in for is signed out: their other partnerships and
    // agencies are not this partnership's to end.
    if (!(await holdsAnyRole(db, found.userId))) {
      await app.sessions.destroyForUser(found.userId);
      if (found.userId === request.user!.id) return reply.redirect('/sign-in', 303);
    }
    if (found.userId === request.user!.id) return reply.redirect('/', 303);
    return reply.redirect(`${base(partnership.id)}?done=removed`, 303);
  });

  app.get<Params>('/partnerships/:partnershipId/people/:userId/anonymise', async (request, reply) => {
    const partnership = admin(request);
    const found = await person(partnership.id, request.params.userId);
    if (found.pending) throw notFound('Person');
    return confirmPage(request, reply, partnership, found, 200);
  });

  app.post<Params>('/partnerships/:partnershipId/people/:userId/anonymise', async (request, reply) => {
    const partnership = admin(request);
    const found = await person(partnership.id, request.params.userId);
    if (found.pending) throw notFound('Person');
    const refusal = anonymiseRefusal(
      found.userId === request.user!.id,
      await holdsOtherRoles(db, found.userId, { partnershipId: partnership.id }),
    );
    if (refusal) return confirmPage(request, reply, partnership, found, 422);
    return handleForm(request, reply, {
      state: anonymiseFormState,
      schema: anonymiseForm,
      invalid: (_state, errors) => confirmView(request, reply, partnership, found, errors),
      save: async () => {
        if (!(await removePerson(db, partnership.id, found.userId)))
          return {
            errors: oneError(
              'confirm',
              'The partnership needs at least one admin. Make someone else an admin before removing this person.',
            ),
          };
        if (!(await anonymisePerson(db, partnership.id, found.userId, request.user!.id, clock.now())))
          throw await notAnonymised(db, found.userId, base(partnership.id));
        await app.sessions.destroyForUser(found.userId);
        return `${base(partnership.id)}?done=anonymised`;
      },
    });
  });

  async function confirmPage(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    partnership: { id: string; name: string },
    found: Awaited<ReturnType<typeof person>>,
    status: number,
  ) {
    return reply.html(await confirmView(request, reply, partnership, found), status);
  }

  async function confirmView(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    partnership: { id: string; name: string },
    found: Awaited<ReturnType<typeof person>>,
    errors?: FormErrors,
  ) {
    return AnonymiseConfirmPage({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      partnership,
      person: found,
      from: 'the partnership',
      action: `${base(partnership.id)}/${found.userId}/anonymise`,
      back: { href: `${base(partnership.id)}/${found.userId}`, text: 'Back' },
      refusal: anonymiseRefusal(
        found.userId === request.user!.id,
        await holdsOtherRoles(db, found.userId, { partnershipId: partnership.id }),
      ),
      errors,
    });
  }
}
