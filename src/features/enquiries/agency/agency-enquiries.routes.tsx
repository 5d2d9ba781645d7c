/** An agency's enquiries: the list of its threads, and a thread, where its users reply. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../../lib/http-errors.ts';
import { isUuid } from '../../../lib/tokens.ts';
import type { FormErrors } from '../../../views/form-errors.ts';
import { handleForm } from '../../../web/form-route.ts';
import { takePendingForm } from '../../../web/pending-form.ts';
import { agencyPartnershipsFor } from '../../partnerships/agency-partnerships.ts';
import { addReply, type EnquiryThread, findForAgencies, listForAgencies } from '../enquiries.repository.ts';
import { agencyIdsOf, agencyUser, closedError, type EnquiryRoutes, NOTICES } from '../enquiries-context.ts';
import { replySchema, replyState } from '../enquiry-form.ts';
import { AgencyEnquiriesPage } from '../enquiry-list.view.tsx';
import { notifyPartnership } from '../enquiry-notifications.ts';
import { ThreadPage } from '../enquiry-thread.view.tsx';

type AgencyParams = { Params: { enquiryId: string }; Querystring: { done?: string } };

export function agencyEnquiryRoutes({ app, db, clock, mailDeps }: EnquiryRoutes): void {
  /** A thread of one of the person's agencies; a 404 for any other, so ids reveal nothing. */
  async function agencyThread(request: FastifyRequest<AgencyParams>): Promise<EnquiryThread> {
    const user = agencyUser(request);
    if (!isUuid(request.params.enquiryId)) throw notFound('Enquiry');
    const thread = await findForAgencies(db, agencyIdsOf(user), request.params.enquiryId);
    if (!thread) throw notFound('Enquiry');
    return thread;
  }

  app.get<AgencyParams>('/enquiries', async (request, reply) => {
    const user = agencyUser(request);
    return reply.html(
      AgencyEnquiriesPage({
        chrome: await request.chrome(reply),
        items: await listForAgencies(db, agencyIdsOf(user)),
        canWrite: (await agencyPartnershipsFor(db, user)).length > 0,
        notice: NOTICES[request.query.done ?? ''],
      }),
    );
  });

  async function agencyThreadPage(
    request: FastifyRequest<AgencyParams>,
    reply: FastifyReply,
    thread: EnquiryThread,
    message: string,
    errors?: FormErrors,
  ) {
    return ThreadPage({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      thread,
      side: 'agency',
      action: `/enquiries/${thread.id}`,
      backHref: '/enquiries',
      canReply: true,
      canClose: false,
      message,
      errors,
      notice: NOTICES[request.query.done ?? ''],
    });
  }

  app.get<AgencyParams>('/enquiries/:enquiryId', async (request, reply) => {
    const thread = await agencyThread(request);
    const pending = await takePendingForm(app, request, reply);
    return reply.html(
      await agencyThreadPage(request, reply, thread, replyState(pending?.body ?? {}).message),
    );
  });

  app.post<AgencyParams>('/enquiries/:enquiryId', async (request, reply) => {
    const thread = await agencyThread(request);
    if (thread.status === 'closed') throw closedError(`/enquiries/${thread.id}`);
    return handleForm(request, reply, {
      state: replyState,
      schema: replySchema,
      invalid: (state, errors) => agencyThreadPage(request, reply, thread, state.message, errors),
      save: async ({ message }) => {
        const user = request.user!;
        await addReply(db, thread.partnershipId, thread.id, {
          author: { id: user.id, name: user.name },
          fromPartnership: false,
          body: message,
          now: clock.now(),
        });
        await notifyPartnership(mailDeps, thread, user.name, 'reply');
        return `/enquiries/${thread.id}?done=replied`;
      },
    });
  });
}
