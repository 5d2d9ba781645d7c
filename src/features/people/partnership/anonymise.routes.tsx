/**
 * Removing someone from the partnership and anonymising them everywhere it holds them, after a
 * confirmation (refused for oneself, and for someone who holds roles elsewhere).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../../lib/http-errors.ts';
import { type FormErrors, oneError } from '../../../views/form-errors.ts';
import { handleForm } from '../../../web/form-route.ts';
import { anonymisePerson, notAnonymised } from '../../privacy/person-erasure.ts';
import { AnonymiseConfirmPage, anonymiseRefusal } from '../../privacy/person-erasure.view.tsx';
import { holdsOtherRoles } from '../memberships.repository.ts';
import { type PartnershipPerson, removePerson } from '../people.repository.ts';
import type { PeopleRoutes } from '../people-context.ts';
import { anonymiseForm, anonymiseFormState } from '../person-forms.ts';
import {
  LAST_ADMIN_REMOVING,
  type PeopleParams,
  partnershipPerson,
  peopleAdmin,
  peoplePath,
} from './partnership-people.ts';

export function anonymiseRoutes({ app, db, clock }: PeopleRoutes): void {
  /** A member of the partnership (not a waiting invitation), and why they cannot be anonymised, if so. */
  async function anonymisable(request: FastifyRequest<PeopleParams>) {
    const partnership = peopleAdmin(request);
    const found = await partnershipPerson(db, partnership.id, request.params.userId);
    if (found.pending) throw notFound('Person');
    const refusal = anonymiseRefusal(
      found.userId === request.user!.id,
      await holdsOtherRoles(db, found.userId, { partnershipId: partnership.id }),
    );
    return { partnership, found, refusal };
  }

  async function confirmView(
    request: FastifyRequest,
    reply: FastifyReply,
    partnership: { id: string; name: string },
    found: PartnershipPerson,
    refusal: string | undefined,
    errors?: FormErrors,
  ) {
    const base = peoplePath(partnership.id);
    return AnonymiseConfirmPage({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      partnership,
      person: found,
      from: 'the partnership',
      action: `${base}/${found.userId}/anonymise`,
      back: { href: `${base}/${found.userId}`, text: 'Back' },
      refusal,
      errors,
    });
  }

  app.get<PeopleParams>('/partnerships/:partnershipId/people/:userId/anonymise', async (request, reply) => {
    const { partnership, found, refusal } = await anonymisable(request);
    return reply.html(await confirmView(request, reply, partnership, found, refusal));
  });

  app.post<PeopleParams>('/partnerships/:partnershipId/people/:userId/anonymise', async (request, reply) => {
    const { partnership, found, refusal } = await anonymisable(request);
    if (refusal) return reply.html(await confirmView(request, reply, partnership, found, refusal), 422);
    return handleForm(request, reply, {
      state: anonymiseFormState,
      schema: anonymiseForm,
      invalid: (_state, errors) => confirmView(request, reply, partnership, found, undefined, errors),
      save: async () => {
        const base = peoplePath(partnership.id);
        if (!(await removePerson(db, partnership.id, found.userId)))
          return { errors: oneError('confirm', LAST_ADMIN_REMOVING) };
        if (!(await anonymisePerson(db, partnership.id, found.userId, request.user!.id, clock.now())))
          throw await notAnonymised(db, found.userId, base);
        await app.sessions.destroyForUser(found.userId);
        return `${base}?done=anonymised`;
      },
    });
  });
}
