/** An agency's user writes to a partnership their agency belongs to. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actFor, inSystemContext } from '../../../db/acting-partnership.ts';
import { notFound } from '../../../lib/http-errors.ts';
import type { FormErrors } from '../../../views/form-errors.ts';
import { handleForm } from '../../../web/form-route.ts';
import { takePendingForm } from '../../../web/pending-form.ts';
import type { CurrentUser } from '../../auth/users.repository.ts';
import { agencyPartnershipsFor } from '../../partnerships/agency-partnerships.ts';
import { createEnquiry, returnOptions } from '../enquiries.repository.ts';
import { agencyIdsOf, agencyUser, type EnquiryRoutes } from '../enquiries-context.ts';
import { type EnquiryFormState, enquiryFormState, enquirySchema } from '../enquiry-form.ts';
import { EnquiryFormPage } from '../enquiry-form.view.tsx';
import { notifyPartnership } from '../enquiry-notifications.ts';

export function newEnquiryRoutes({ app, db, clock, mailDeps }: EnquiryRoutes): void {
  /** Who the person may write to, and about which returns (a 404 when they may write to nobody). */
  async function enquiryChoices(user: CurrentUser) {
    const recipients = await agencyPartnershipsFor(db, user);
    if (recipients.length === 0) throw notFound('Page');
    // The returns of the person's own agencies, across the partnerships they belong to.
    return { recipients, returns: await inSystemContext(() => returnOptions(db, agencyIdsOf(user))) };
  }

  async function formPage(
    request: FastifyRequest,
    reply: FastifyReply,
    choices: Awaited<ReturnType<typeof enquiryChoices>>,
    state: EnquiryFormState,
    errors?: FormErrors,
  ) {
    return EnquiryFormPage({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      ...choices,
      state,
      errors,
    });
  }

  app.get('/enquiries/new', async (request, reply) => {
    const user = agencyUser(request);
    const choices = await enquiryChoices(user);
    const pending = await takePendingForm(app, request, reply);
    return reply.html(await formPage(request, reply, choices, enquiryFormState(pending?.body ?? {})));
  });

  app.post('/enquiries/new', async (request, reply) => {
    const user = agencyUser(request);
    const choices = await enquiryChoices(user);
    return handleForm(request, reply, {
      state: enquiryFormState,
      schema: enquirySchema(choices.recipients, choices.returns),
      invalid: (state, errors) => formPage(request, reply, choices, state, errors),
      save: async ({ recipient, returnId, subject, message }) => {
        // Written to the partnership chosen (one of the agency's): the rest acts for it.
        actFor(recipient.partnershipId);
        const id = await createEnquiry(db, {
          partnershipId: recipient.partnershipId,
          agencyId: recipient.agencyId,
          returnId,
          subject,
          body: message,
          author: { id: user.id, name: user.name },
          now: clock.now(),
        });
        await notifyPartnership(
          mailDeps,
          { id, partnershipId: recipient.partnershipId, agencyName: recipient.agencyName, subject },
          user.name,
          'new',
        );
        return `/enquiries/${id}?done=sent`;
      },
    });
  });
}
