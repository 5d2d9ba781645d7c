/**
 * An agency's people, managed by a partnership admin: who can sign in for the agency and when they
 * last did, appointing leads and contributors, removing them and inviting them again.
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import { type FormErrors, oneError } from '../../views/form-errors.ts';
import { handleForm } from '../../web/form-route.ts';
import { takePendingForm } from '../../web/pending-form.ts';
import { findAgency } from '../agencies/agencies.repository.ts';
import { partnershipAccess } from '../partnerships/partnership-access.ts';
import {
  anonymisePerson,
  holdsOtherRoles,
  notAnonymised,
  otherPartnershipsOfAgency,
} from '../privacy/person-erasure.ts';
import { AnonymiseConfirmPage, anonymiseRefusal } from '../privacy/person-erasure.view.tsx';
import { appointAgencyPerson, reinviteAgencyPerson } from './agency-people.service.ts';
import { AgencyPeoplePage, type AppointState } from './agency-people.view.tsx';
import { inviteeRoleSchema, inviteeRoleState } from './invitation.ts';
import { holdsAnyRole, listAgencyPeople, removeFromAgency } from './memberships.repository.ts';
import { AGENCY_ROLES, anonymiseForm, anonymiseFormState } from './person-forms.ts';

type Params = {
  Params: { partnershipId: string; agencyId: string; userId?: string };
  Querystring: { done?: string };
};

const NOTICES: Record<string, string> = {
  invited: 'We are sending the invitation: it should arrive within a minute or two',
  reinvited: 'We are sending the invitation again, with a new sign-in link',
  removed: 'Removed from the agency',
  anonymised: 'Removed from the agency and anonymised',
};

export async function agencyPeopleRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock, mailer, config } = app.deps;
  const db = database.db;
  const deps = { db, clock, mailer, baseUrl: config.baseUrl };

  /** The partnership (its admins only) and its agency named in the address. */
  async function load(request: FastifyRequest<Params>) {
    const partnership = partnershipAccess(
      request,
      true,
      'Only a partnership admin can manage an agency’s people.',
    );
    if (!isUuid(request.params.agencyId)) throw notFound('Agency');
    const agency = await findAgency(db, partnership.id, request.params.agencyId);
    if (!agency) throw notFound('Agency');
    return { partnership, agency, base: `/partnerships/${partnership.id}/agencies/${agency.id}/people` };
  }

  async function view(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    loaded: Awaited<ReturnType<typeof load>>,
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

  app.get<Params>('/partnerships/:partnershipId/agencies/:agencyId/people', async (request, reply) => {
    const loaded = await load(request);
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
  });

  app.post<Params>('/partnerships/:partnershipId/agencies/:agencyId/people', async (request, reply) => {
    const loaded = await load(request);
    return handleForm(request, reply, {
      state: inviteeRoleState,
      schema: inviteeRoleSchema(AGENCY_ROLES),
      invalid: (state, errors) => view(request, reply, loaded, state, { errors }),
      save: async ({ role, ...invitee }) => {
        const outcome = await appointAgencyPerson(
          deps,
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
  });

  /** The person in the agency's list (a member or a waiting invitation), or a 404. */
  async function personIn(agencyId: string, userId: string | undefined) {
    if (!isUuid(userId)) throw notFound('Person');
    const found = (await listAgencyPeople(db, agencyId)).find((p) => p.userId === userId);
    if (!found) throw notFound('Person');
    return found;
  }

  app.post<Params>(
    '/partnerships/:partnershipId/agencies/:agencyId/people/:userId/remove',
    async (request, reply) => {
      const loaded = await load(request);
      const person = await personIn(loaded.agency.id, request.params.userId);
      await removeFromAgency(db, loaded.agency.id, person.userId, request.user!.id, clock.now());
      // Their rights in this agency end at once; only someone left with nothing is signed out.
      if (!(await holdsAnyRole(db, person.userId))) await app.sessions.destroyForUser(person.userId);
      return reply.redirect(`${loaded.base}?done=removed`, 303);
    },
  );

  app.post<Params>(
    '/partnerships/:partnershipId/agencies/:agencyId/people/:userId/reinvite',
    async (request, reply) => {
      const loaded = await load(request);
      const person = await personIn(loaded.agency.id, request.params.userId);
      await reinviteAgencyPerson(deps, loaded.partnership, loaded.agency, person);
      return reply.redirect(`${loaded.base}?done=reinvited`, 303);
    },
  );

  /** The confirmation before removing someone from the agency and anonymising them. */
  async function confirmPage(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    loaded: Awaited<ReturnType<typeof load>>,
    person: Awaited<ReturnType<typeof personIn>>,
    status: number,
    refusal: string | undefined,
    errors?: FormErrors,
  ) {
    return reply.html(await confirmView(request, reply, loaded, person, refusal, errors), status);
  }

  async function confirmView(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    loaded: Awaited<ReturnType<typeof load>>,
    person: Awaited<ReturnType<typeof personIn>>,
    refusal: string | undefined,
    errors?: FormErrors,
  ) {
    return AnonymiseConfirmPage({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      partnership: loaded.partnership,
      person,
      from: loaded.agency.name,
      otherPartnerships: (await otherPartnershipsOfAgency(db, loaded.agency.id, loaded.partnership.id))
        .length,
      action: `${loaded.base}/${person.userId}/anonymise`,
      back: { href: loaded.base, text: 'People' },
      refusal,
      errors,
    });
  }

  /** A member of the agency (not a waiting invitation), and why they cannot be anonymised, if so. */
  async function anonymisable(request: FastifyRequest<Params>) {
    const loaded = await load(request);
    const person = await personIn(loaded.agency.id, request.params.userId);
    if (person.pending) throw notFound('Person');
    const refusal = anonymiseRefusal(
      person.userId === request.user!.id,
      await holdsOtherRoles(db, person.userId, { agencyId: loaded.agency.id }),
    );
    return { loaded, person, refusal };
  }

  app.get<Params>(
    '/partnerships/:partnershipId/agencies/:agencyId/people/:userId/anonymise',
    async (request, reply) => {
      const { loaded, person, refusal } = await anonymisable(request);
      return confirmPage(request, reply, loaded, person, 200, refusal);
    },
  );

  app.post<Params>(
    '/partnerships/:partnershipId/agencies/:agencyId/people/:userId/anonymise',
    async (request, reply) => {
      const { loaded, person, refusal } = await anonymisable(request);
      if (refusal) return confirmPage(request, reply, loaded, person, 422, refusal);
      return handleForm(request, reply, {
        state: anonymiseFormState,
        schema: anonymiseForm,
        invalid: (_state, errors) => confirmView(request, reply, loaded, person, undefined, errors),
        save: async () => {
          // The agency's other partnerships hold their work for it too (see otherPartnershipsOfAgency).
          const others = await otherPartnershipsOfAgency(db, loaded.agency.id, loaded.partnership.id);
          await removeFromAgency(db, loaded.agency.id, person.userId, request.user!.id, clock.now());
          const everywhere = [loaded.partnership.id, ...others];
          if (!(await anonymisePerson(db, everywhere, person.userId, request.user!.id, clock.now())))
            throw await notAnonymised(db, person.userId, loaded.base);
          await app.sessions.destroyForUser(person.userId);
          return `${loaded.base}?done=anonymised`;
        },
      });
    },
  );
}
