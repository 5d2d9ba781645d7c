/**
 * Section 11 enquiries. An agency's users write to a partnership their agency belongs to and see
 * their agency's threads; the partnership's admins answer, close and reopen them from its inbox,
 * and its reviewers may read them.
 *
 * A partnership whose pages are public also takes enquiries from people not signed in, at
 * /p/<short name>/enquiries/new: they land in its inbox marked as from the public, and replies go to
 * the sender by email. The form is limited per sender (in memory, never storing the address) and
 * per email address (in the database), and its receipt carries nothing the sender typed.
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError, notFound } from '../../lib/http-errors.ts';
import { RateLimiter } from '../../lib/rate-limiter.ts';
import { isUuid } from '../../lib/tokens.ts';
import type { FormErrors } from '../../views/form-errors.ts';
import { handleForm } from '../../web/form-route.ts';
import { takePendingForm } from '../../web/pending-form.ts';
import { requireUser } from '../auth/auth.plugin.ts';
import type { CurrentUser } from '../auth/users.repository.ts';
import { findPublicPartnership } from '../guidance/partnership-pages.repository.ts';
import { agencyPartnershipsFor } from '../partnerships/agency-partnerships.ts';
import { partnershipAccess } from '../partnerships/partnership-access.ts';
import {
  addReply,
  agencyCorrespondents,
  createEnquiry,
  createPublicEnquiry,
  type EnquiryThread,
  findForAgencies,
  findForPartnership,
  listForAgencies,
  listForPartnership,
  markRead,
  publicEnquiriesFromSince,
  returnOptions,
  setClosed,
} from './enquiries.repository.ts';
import {
  type EnquiryFormState,
  enquiryFormState,
  enquirySchema,
  type PublicEnquiryFormState,
  publicEnquiryFormState,
  publicEnquirySchema,
  replySchema,
  replyState,
} from './enquiry-form.ts';
import { EnquiryFormPage } from './enquiry-form.view.tsx';
import { AgencyEnquiriesPage, InboxPage } from './enquiry-list.view.tsx';
import { notifyAgency, notifyPartnership, receiptToPublic, replyToPublic } from './enquiry-notifications.ts';
import { ThreadPage } from './enquiry-thread.view.tsx';
import { PublicEnquiryFormPage, PublicEnquirySentPage } from './public-enquiry.view.tsx';

type AgencyParams = { Params: { enquiryId: string }; Querystring: { done?: string } };
type PartnershipParams = {
  Params: { partnershipId: string; enquiryId: string };
  Querystring: { done?: string };
};

const NOTICES: Record<string, string> = {
  sent: 'Enquiry sent',
  replied: 'Reply sent',
  closed: 'Enquiry closed',
  reopened: 'Enquiry reopened',
};

/** Public enquiries: per sender (network address, hashed in memory) an hour, per email address a day. */
export const PUBLIC_ENQUIRY_LIMITS = { perSender: 10, windowMs: 60 * 60_000, perAddressPerDay: 5 };
const DAY_MS = 24 * 60 * 60_000;

type PublicParams = { Params: { shortName: string } };

const closedError = (backHref: string) =>
  new HttpError(
    409,
    'This enquiry is closed',
    'Replies cannot be added to a closed enquiry until it is reopened.',
    [{ text: 'Go back to the enquiry', href: backHref }],
  );

export async function enquiryRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock, mailer, config } = app.deps;
  const db = database.db;
  const mailDeps = { db, mailer, baseUrl: config.baseUrl };

  const agencyIdsOf = (user: CurrentUser) => user.agencies.map((a) => a.agencyId);

  /** The person as an agency user: a 404 for anyone who is in no agency. */
  function agencyUser(request: FastifyRequest): CurrentUser {
    const user = requireUser(request);
    if (user.agencies.length === 0) throw notFound('Page');
    return user;
  }

  /** A thread of one of the person's agencies; a 404 for any other, so ids reveal nothing. */
  async function agencyThread(request: FastifyRequest<AgencyParams>): Promise<EnquiryThread> {
    const user = agencyUser(request);
    if (!isUuid(request.params.enquiryId)) throw notFound('Enquiry');
    const thread = await findForAgencies(db, agencyIdsOf(user), request.params.enquiryId);
    if (!thread) throw notFound('Enquiry');
    return thread;
  }

  // The agency's side.

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

  /** Who the person may write to, and about which returns (a 404 when they may write to nobody). */
  async function enquiryChoices(user: CurrentUser) {
    const recipients = await agencyPartnershipsFor(db, user);
    if (recipients.length === 0) throw notFound('Page');
    return { recipients, returns: await returnOptions(db, agencyIdsOf(user)) };
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

  // The partnership's side.

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

  // The public's side.

  const senders = new RateLimiter({
    limit: PUBLIC_ENQUIRY_LIMITS.perSender,
    windowMs: PUBLIC_ENQUIRY_LIMITS.windowMs,
  });

  async function publicPartnership(request: FastifyRequest<PublicParams>) {
    const partnership = await findPublicPartnership(db, request.params.shortName);
    if (!partnership) throw notFound('Page');
    return partnership;
  }

  async function publicFormPage(
    request: FastifyRequest,
    reply: FastifyReply,
    partnership: { name: string; shortName: string },
    state: PublicEnquiryFormState,
    errors?: FormErrors,
  ) {
    return PublicEnquiryFormPage({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      partnership,
      state,
      errors,
    });
  }

  app.get<PublicParams>('/p/:shortName/enquiries/new', async (request, reply) => {
    const partnership = await publicPartnership(request);
    const pending = await takePendingForm(app, request, reply);
    return reply.html(
      await publicFormPage(request, reply, partnership, publicEnquiryFormState(pending?.body ?? {})),
    );
  });

  app.post<PublicParams>('/p/:shortName/enquiries/new', async (request, reply) => {
    const partnership = await publicPartnership(request);
    return handleForm(request, reply, {
      state: publicEnquiryFormState,
      schema: publicEnquirySchema,
      invalid: (state, errors) => publicFormPage(request, reply, partnership, state, errors),
      save: async (values) => {
        const now = clock.now();
        const tooMany = (detail: string) =>
          new HttpError(429, 'You have already sent several enquiries', detail, [
            { text: 'Go back to the partnership’s guidance', href: `/p/${partnership.shortName}/guidance` },
          ]);
        if (!senders.take([request.ip, partnership.id], now.getTime()))
          throw tooMany(`Try again in an hour, or write to ${partnership.contactEmail}.`);
        if (
          (await publicEnquiriesFromSince(
            db,
            partnership.id,
            values.email,
            new Date(now.getTime() - DAY_MS),
          )) >= PUBLIC_ENQUIRY_LIMITS.perAddressPerDay
        )
          throw tooMany(
            `${partnership.name} has your earlier enquiries and will reply by email. You can send another tomorrow, or write to ${partnership.contactEmail}.`,
          );
        const subject = `Enquiry from ${values.organisation || values.name}`;
        const id = await createPublicEnquiry(db, {
          partnershipId: partnership.id,
          sender: { name: values.name, email: values.email, organisation: values.organisation },
          subject,
          body: values.message,
          now,
        });
        await receiptToPublic(mailDeps, partnership, values.email);
        await notifyPartnership(
          mailDeps,
          { id, partnershipId: partnership.id, agencyName: values.organisation || 'the public', subject },
          values.name,
          'new',
        );
        return `/p/${partnership.shortName}/enquiries/sent`;
      },
    });
  });

  app.get<PublicParams>('/p/:shortName/enquiries/sent', async (request, reply) => {
    const partnership = await publicPartnership(request);
    return reply.html(PublicEnquirySentPage({ chrome: await request.chrome(reply), partnership }));
  });
}
