/**
 * An agency's people, managed by a partnership admin: who can sign in for the agency and when they
 * last did, appointing leads and contributors, removing them and inviting them again.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type FormErrors, oneError } from '../../../views/form-errors.ts';
import { handleForm } from '../../../web/form-route.ts';
import { takePendingForm } from '../../../web/pending-form.ts';
import { appointAgencyPerson, reinviteAgencyPerson } from '../agency-people.service.ts';
import { AgencyPeoplePage, type AppointState } from '../agency-people.view.tsx';
import { inviteeRoleSchema, inviteeRoleState } from '../invitation.ts';
import { holdsAnyRole, listAgencyPeople, removeFromAgency } from '../memberships.repository.ts';
import type { PeopleRoutes } from '../people-context.ts';
import { AGENCY_ROLES } from '../person-forms.ts';
import {
  type AgencyPeopleParams,
  agencyPersonIn,
  type LoadedAgency,
  loadAgencyPeople,
  NOTICES,
} from './agency-people.ts';

export function agencyPeopleRoutes({ app, db, clock, invitationDeps }: PeopleRoutes): void {
  async function view(
    request: FastifyRequest<AgencyPeopleParams>,
    reply: FastifyReply,
    loaded: LoadedAgency,
    state: AppointState,
    extra: { errors?: FormErrors; offerLeadContact?: boolean } = {},
  ) {
    return AgencyPeoplePage({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      partnership: loaded.partnership,
      agency: loaded.agency,
      people: await listAgencyPeople(db, loaded.agency.id),
      state,
      errors: extra.errors,
      offerLeadContact: extra.offerLeadContact ?? false,
      notice: NOTICES[request.query.done ?? ''],
    });
  }

  app.get<AgencyPeopleParams>(
    '/partnerships/:partnershipId/agencies/:agencyId/people',
    async (request, reply) => {
      const loaded = await loadAgencyPeople(db, request);
      const people = await listAgencyPeople(db, loaded.agency.id);
      const contact = loaded.agency.leadContactEmail;
      // After the lead contact changed: offer to invite the new contact, unless they are in already.
      const offer =
        request.query.done === 'contact-changed' &&
        contact !== null &&
        !people.some((p) => p.email === contact);
      const pending = await takePendingForm(app, request, reply);
      const state = pending
        ? inviteeRoleState(pending.body)
        : offer
          ? { name: '', email: contact ?? '', role: 'agency_lead' }
          : { name: '', email: '', role: '' };
      return reply.html(await view(request, reply, loaded, state, { offerLeadContact: offer && !pending }));
    },
  );

  app.post<AgencyPeopleParams>(
    '/partnerships/:partnershipId/agencies/:agencyId/people',
    async (request, reply) => {
      const loaded = await loadAgencyPeople(db, request);
      return handleForm(request, reply, {
        state: inviteeRoleState,
        schema: inviteeRoleSchema(AGENCY_ROLES),
        invalid: (state, errors) => view(request, reply, loaded, state, { errors }),
        save: async ({ role, ...invitee }) => {
          const outcome = await appointAgencyPerson(
            invitationDeps,
            loaded.partnership,
            loaded.agency,
            invitee,
            role,
            request.user!.id,
          );
          if (outcome === 'already-member')
            return { errors: oneError('email', 'This person can already sign in for the agency') };
          return `${loaded.base}?done=invited`;
        },
      });
    },
  );

  app.post<AgencyPeopleParams>(
    '/partnerships/:partnershipId/agencies/:agencyId/people/:userId/remove',
    async (request, reply) => {
      const loaded = await loadAgencyPeople(db, request);
      const person = await agencyPersonIn(db, loaded.agency.id, request.params.userId);
      await removeFromAgency(db, loaded.agency.id, person.userId, request.user!.id, clock.now());
      // Their rights in this agency end at once; only someone left with nothing is signed out.
      if (!(await holdsAnyRole(db, person.userId))) await app.sessions.destroyForUser(person.userId);
      return reply.redirect(`${loaded.base}?done=removed`, 303);
    },
  );

  app.post<AgencyPeopleParams>(
    '/partnerships/:partnershipId/agencies/:agencyId/people/:userId/reinvite',
    async (request, reply) => {
      const loaded = await loadAgencyPeople(db, request);
      const person = await agencyPersonIn(db, loaded.agency.id, request.params.userId);
      await reinviteAgencyPerson(invitationDeps, loaded.partnership, loaded.agency, person);
      return reply.redirect(`${loaded.base}?done=reinvited`, 303);
    },
  );
}
