/**
 * The partnership's inbox: its admins answer, close and reopen enquiries; its reviewers may read
 * them.
 */
import type { FastifyRequest } from 'fastify';
import { notFound } from '../../../lib/http-errors.ts';
import { isUuid } from '../../../lib/tokens.ts';
import { partnershipAccess } from '../../partnerships/partnership-access.ts';
import {
  agencyCorrespondents,
  type EnquiryThread,
  findForPartnership,
  listForPartnership,
  markRead,
  setClosed,
} from '../enquiries.repository.ts';
import type { EnquiryRoutes } from '../enquiries-context.ts';
import { InboxPage } from '../enquiry-list.view.tsx';
import { notifyAgency, replyToPublic } from '../enquiry-notifications.ts';
import { enquiryThreadPages, type ThreadPlace } from '../enquiry-thread-page.ts';

type PartnershipParams = {
  Params: { partnershipId: string; enquiryId: string };
  Querystring: { done?: string };
};

export function inboxRoutes(routes: EnquiryRoutes): void {
  const { app, db, clock, mailDeps } = routes;

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

  const threads = enquiryThreadPages(routes);
  const place = (thread: EnquiryThread, canManage: boolean): ThreadPlace => ({
    side: 'partnership',
    path: `/partnerships/${thread.partnershipId}/enquiries/${thread.id}`,
    backHref: `/partnerships/${thread.partnershipId}/enquiries`,
    canReply: canManage,
    canClose: canManage,
  });

  app.get<PartnershipParams>('/partnerships/:partnershipId/enquiries/:enquiryId', async (request, reply) => {
    const { partnership, thread } = await partnershipThread(request, false);
    // Only the admins, who answer, mark messages read; a reviewer reading leaves them unread.
    if (partnership.canManage && thread.unread > 0) await markRead(db, partnership.id, thread.id);
    return threads.show(request, reply, thread, place(thread, partnership.canManage));
  });

  app.post<PartnershipParams>('/partnerships/:partnershipId/enquiries/:enquiryId', async (request, reply) => {
    const { partnership, thread } = await partnershipThread(request, true);
    return threads.reply(request, reply, thread, place(thread, true), async (message) => {
      if (thread.publicSender) await replyToPublic(mailDeps, thread, thread.publicSender.email, message);
      else await notifyAgency(mailDeps, thread, await agencyCorrespondents(db, partnership.id, thread.id));
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
