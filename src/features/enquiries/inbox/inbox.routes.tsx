/**
 * The partnership's inbox: its admins answer, close and reopen enquiries; its reviewers may read
 * them.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../../lib/http-errors.ts';
import { isUuid } from '../../../lib/tokens.ts';
import type { FormErrors } from '../../../views/form-errors.ts';
import { handleForm } from '../../../web/form-route.ts';
import { takePendingForm } from '../../../web/pending-form.ts';
import { partnershipAccess } from '../../partnerships/partnership-access.ts';
import {
  addReply,
  agencyCorrespondents,
  type EnquiryThread,
  findForPartnership,
  listForPartnership,
  markRead,
  setClosed,
} from '../enquiries.repository.ts';
import { closedError, type EnquiryRoutes, NOTICES } from '../enquiries-context.ts';
import { replySchema, replyState } from '../enquiry-form.ts';
import { InboxPage } from '../enquiry-list.view.tsx';
import { notifyAgency, replyToPublic } from '../enquiry-notifications.ts';
import { ThreadPage } from '../enquiry-thread.view.tsx';

type PartnershipParams = {
  Params: { partnershipId: string; enquiryId: string };
  Querystring: { done?: string };
};

export function inboxRoutes({ app, db, clock, mailDeps }: EnquiryRoutes): void {
  app.get<PartnershipParams>('/partnerships/:partnershipId/enquiries', async (request, reply) => {
    const partnership = partnershipAccess(request, false);
    return reply.html(
      InboxPage({
        chrome: await request.chrome(reply),
        partnership,
        items: await listForPartnership(db, partnership.id),
      }),
    );
  });

  /** A thread in the partnership's inbox; a 404 for any other partnership's. */
  async function partnershipThread(request: FastifyRequest<PartnershipParams>, manage: boolean) {
    const partnership = partnershipAccess(request, manage, 'Only a partnership admin can answer enquiries.');
    if (!isUuid(request.params.enquiryId)) throw notFound('Enquiry');
    const thread = await findForPartnership(db, partnership.id, request.params.enquiryId);
    if (!thread) throw notFound('Enquiry');
    return { partnership, thread };
  }

  async function partnershipThreadPage(
    request: FastifyRequest<PartnershipParams>,
    reply: FastifyReply,
    canManage: boolean,
    thread: EnquiryThread,
    message: string,
    errors?: FormErrors,
  ) {
    return ThreadPage({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      thread,
      side: 'partnership',
      action: `/partnerships/${thread.partnershipId}/enquiries/${thread.id}`,
      backHref: `/partnerships/${thread.partnershipId}/enquiries`,
      canReply: canManage,
      canClose: canManage,
      message,
      errors,
      notice: NOTICES[request.query.done ?? ''],
    });
  }

  app.get<PartnershipParams>('/partnerships/:partnershipId/enquiries/:enquiryId', async (request, reply) => {
    const { partnership, thread } = await partnershipThread(request, false);
    // Only the admins, who answer, mark messages read; a reviewer reading leaves them unread.
    if (partnership.canManage && thread.unread > 0) await markRead(db, partnership.id, thread.id);
    const pending = await takePendingForm(app, request, reply);
    return reply.html(
      await partnershipThreadPage(
        request,
        reply,
        partnership.canManage,
        thread,
        replyState(pending?.body ?? {}).message,
      ),
    );
  });

  app.post<PartnershipParams>('/partnerships/:partnershipId/enquiries/:enquiryId', async (request, reply) => {
    const { partnership, thread } = await partnershipThread(request, true);
    if (thread.status === 'closed')
      throw closedError(`/partnerships/${partnership.id}/enquiries/${thread.id}`);
    return handleForm(request, reply, {
      state: replyState,
      schema: replySchema,
      invalid: (state, errors) => partnershipThreadPage(request, reply, true, thread, state.message, errors),
      save: async ({ message }) => {
        const user = request.user!;
        await addReply(db, partnership.id, thread.id, {
          author: { id: user.id, name: user.name },
          fromPartnership: true,
          body: message,
          now: clock.now(),
        });
        if (thread.publicSender) await replyToPublic(mailDeps, thread, thread.publicSender.email, message);
        else await notifyAgency(mailDeps, thread, await agencyCorrespondents(db, partnership.id, thread.id));
        return `/partnerships/${partnership.id}/enquiries/${thread.id}?done=replied`;
      },
    });
  });

  for (const action of ['close', 'reopen'] as const) {
    app.post<PartnershipParams>(
      `/partnerships/:partnershipId/enquiries/:enquiryId/${action}`,
      async (request, reply) => {
        const { partnership, thread } = await partnershipThread(request, true);
        await setClosed(db, partnership.id, thread.id, action === 'close', clock.now());
        return reply.redirect(
          `/partnerships/${partnership.id}/enquiries/${thread.id}?done=${action === 'close' ? 'closed' : 'reopened'}`,
          303,
        );
      },
    );
  }
}
