/** An agency's enquiries: the list of its threads, and a thread, where its users reply. */
import type { FastifyRequest } from 'fastify';
import { actFor, inSystemContext } from '../../../db/acting-partnership.ts';
import { notFound } from '../../../lib/http-errors.ts';
import { isUuid } from '../../../lib/tokens.ts';
import { agencyPartnershipsFor } from '../../partnerships/agency-partnerships.ts';
import { type EnquiryThread, findForAgencies, listForAgencies } from '../enquiries.repository.ts';
import { agencyIdsOf, agencyUser, type EnquiryRoutes, NOTICES } from '../enquiries-context.ts';
import { AgencyEnquiriesPage } from '../enquiry-list.view.tsx';
import { notifyPartnership } from '../enquiry-notifications.ts';
import { enquiryThreadPages, type ThreadPlace } from '../enquiry-thread-page.ts';

type AgencyParams = { Params: { enquiryId: string }; Querystring: { done?: string } };

export function agencyEnquiryRoutes(routes: EnquiryRoutes): void {
  const { app, db, mailDeps } = routes;

  /** A thread of one of the person's agencies; a 404 for any other, so ids reveal nothing. */
  async function agencyThread(request: FastifyRequest<AgencyParams>): Promise<EnquiryThread> {
    const user = agencyUser(request);
    if (!isUuid(request.params.enquiryId)) throw notFound('Enquiry');
    const thread = await inSystemContext(() =>
      findForAgencies(db, agencyIdsOf(user), request.params.enquiryId),
    );
    if (!thread) throw notFound('Enquiry');
    // The rest of the request acts for the partnership it was written to (the database's wall).
    actFor(thread.partnershipId);
    return thread;
  }

  const ownPage = {
    config: { systemContext: "the person's agencies' enquiries, to each partnership they belong to" },
  };

  app.get<AgencyParams>('/enquiries', ownPage, async (request, reply) => {
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

  const threads = enquiryThreadPages(routes);
  const place = (thread: EnquiryThread): ThreadPlace => ({
    side: 'agency',
    path: `/enquiries/${thread.id}`,
    backHref: '/enquiries',
    canReply: true,
    canClose: false,
  });

  app.get<AgencyParams>('/enquiries/:enquiryId', async (request, reply) => {
    const thread = await agencyThread(request);
    return threads.show(request, reply, thread, place(thread));
  });

  app.post<AgencyParams>('/enquiries/:enquiryId', async (request, reply) => {
    const thread = await agencyThread(request);
    return threads.reply(request, reply, thread, place(thread), () =>
      notifyPartnership(mailDeps, thread, request.user!.name, 'reply'),
    );
  });
}
