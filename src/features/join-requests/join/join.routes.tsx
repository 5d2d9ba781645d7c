/**
 * The public form to ask to take part, one per partnership: no sign-in (CSRF through the anonymous
 * session) and a honeypot against bots.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actFor } from '../../../db/acting-partnership.ts';
import { notFound } from '../../../lib/http-errors.ts';
import { isUuid } from '../../../lib/tokens.ts';
import type { FormErrors } from '../../../views/form-errors.ts';
import { formBody, handleForm, textField } from '../../../web/form-route.ts';
import { takePendingForm } from '../../../web/pending-form.ts';
import { activeLocalities } from '../../agencies/agencies.repository.ts';
import { checkJoin, emptyJoinForm, type JoinFormState, joinFormState } from '../join-request-form.ts';
import { findPartnership, listPartnershipsForJoining } from '../join-requests.repository.ts';
import { ChoosePartnershipPage, JoinFormPage, JoinSentPage } from '../join-requests.view.tsx';
import type { JoinRoutes } from '../join-requests-context.ts';

type PublicParams = { Params: { partnershipId: string } };

export function joinFormRoutes({ app, db, clock, requests }: JoinRoutes): void {
  async function publicPartnership(request: FastifyRequest<PublicParams>) {
    if (!isUuid(request.params.partnershipId)) throw notFound('Partnership');
    const partnership = await findPartnership(db, request.params.partnershipId);
    if (!partnership) throw notFound('Partnership');
    // A public form of this partnership: the rest of the request acts for it (the database's wall).
    actFor(partnership.id);
    return partnership;
  }

  app.get('/join', async (request, reply) =>
    reply.html(
      ChoosePartnershipPage({
        chrome: await request.chrome(reply),
        partnerships: await listPartnershipsForJoining(db),
      }),
    ),
  );

  async function formView(
    request: FastifyRequest,
    reply: FastifyReply,
    partnership: { id: string; name: string },
    state: JoinFormState,
    errors?: FormErrors,
  ) {
    return JoinFormPage({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      partnership,
      localities: await activeLocalities(db, partnership.id),
      state,
      errors,
    });
  }

  app.get<PublicParams>('/join/:partnershipId', async (request, reply) => {
    const partnership = await publicPartnership(request);
    const pending = await takePendingForm(app, request, reply);
    const state = pending ? joinFormState(pending.body) : emptyJoinForm();
    return reply.html(await formView(request, reply, partnership, state));
  });

  app.post<PublicParams>('/join/:partnershipId', async (request, reply) => {
    const partnership = await publicPartnership(request);
    const sent = `/join/${partnership.id}/sent`;
    // A bot filled in the field people cannot see: it is told the request was sent, and nothing is.
    if (textField(formBody(request), 'website').trim() !== '') return reply.redirect(sent, 303);
    const localityIds = new Set((await activeLocalities(db, partnership.id)).map((l) => l.id));
    return handleForm(request, reply, {
      state: joinFormState,
      schema: checkJoin(localityIds),
      invalid: (state, errors) => formView(request, reply, partnership, state, errors),
      save: async (values) => {
        // The form is public: a few requests a day from one address, so it cannot be used to flood
        // someone's inbox with receipts or the partnership's with requests.
        await requests.receive(partnership, values, request.ip, clock.now());
        return sent;
      },
    });
  });

  app.get<PublicParams>('/join/:partnershipId/sent', async (request, reply) => {
    const partnership = await publicPartnership(request);
    return reply.html(JoinSentPage({ chrome: await request.chrome(reply), partnership }));
  });
}
