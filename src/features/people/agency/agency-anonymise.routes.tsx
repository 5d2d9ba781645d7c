/**
 * Removing someone from an agency and anonymising them, after a confirmation: in this partnership
 * and in the agency's other partnerships, which hold their work for it too.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../../lib/http-errors.ts';
import type { FormErrors } from '../../../views/form-errors.ts';
import { handleForm } from '../../../web/form-route.ts';
import { anonymisePerson, notAnonymised, otherPartnershipsOfAgency } from '../../privacy/person-erasure.ts';
import { AnonymiseConfirmPage, anonymiseRefusal } from '../../privacy/person-erasure.view.tsx';
import { type AgencyPerson, holdsOtherRoles, removeFromAgency } from '../memberships.repository.ts';
import type { PeopleRoutes } from '../people-context.ts';
import { anonymiseForm, anonymiseFormState } from '../person-forms.ts';
import {
  type AgencyPeopleParams,
  agencyPersonIn,
  type LoadedAgency,
  loadAgencyPeople,
} from './agency-people.ts';

export function agencyAnonymiseRoutes({ app, db, clock }: PeopleRoutes): void {
  /** A member of the agency (not a waiting invitation), and why they cannot be anonymised, if so. */
  async function anonymisable(request: FastifyRequest<AgencyPeopleParams>) {
    const loaded = await loadAgencyPeople(db, request);
    const person = await agencyPersonIn(db, loaded.agency.id, request.params.userId);
    if (person.pending) throw notFound('Person');
    const refusal = anonymiseRefusal(
      person.userId === request.user!.id,
      await holdsOtherRoles(db, person.userId, { agencyId: loaded.agency.id }),
    );
    return { loaded, person, refusal };
  }

  /** The confirmation before removing someone from the agency and anonymising them. */
  async function confirmView(
    request: FastifyRequest,
    reply: FastifyReply,
    loaded: LoadedAgency,
    person: AgencyPerson,
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

  app.get<AgencyPeopleParams>(
    '/partnerships/:partnershipId/agencies/:agencyId/people/:userId/anonymise',
    async (request, reply) => {
      const { loaded, person, refusal } = await anonymisable(request);
      return reply.html(await confirmView(request, reply, loaded, person, refusal));
    },
  );

  app.post<AgencyPeopleParams>(
    '/partnerships/:partnershipId/agencies/:agencyId/people/:userId/anonymise',
    async (request, reply) => {
      const { loaded, person, refusal } = await anonymisable(request);
      if (refusal) return reply.html(await confirmView(request, reply, loaded, person, refusal), 422);
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
