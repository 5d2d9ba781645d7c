/**
 * A thread's page, as both sides show it: an agency's users at `/enquiries/:id`, the partnership in
 * its inbox. The page folders find the thread through their own access check and say where the
 * page is and what the person may do there; this builds the page, keeps a reply typed when the
 * session ended, and takes a reply (refused on a closed thread: 409; an empty or too long one: 422
 * keeping what was typed; else 303 back to the thread).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FormErrors } from '../../views/form-errors.ts';
import { handleForm } from '../../web/form-route.ts';
import { takePendingForm } from '../../web/pending-form.ts';
import { addReply, type EnquiryThread } from './enquiries.repository.ts';
import { closedError, type EnquiryRoutes, NOTICES } from './enquiries-context.ts';
import { replySchema, replyState } from './enquiry-form.ts';
import { ThreadPage } from './enquiry-thread.view.tsx';

/** Where a thread is shown and what the person may do there. */
export interface ThreadPlace {
  side: 'agency' | 'partnership';
  /** The thread's address: its page, where replies post (`/close` and `/reopen` beside it). */
  path: string;
  backHref: string;
  canReply: boolean;
  canClose: boolean;
}

type Request = FastifyRequest<{ Querystring: { done?: string } }>;

export function enquiryThreadPages({ app, db, clock }: EnquiryRoutes) {
  async function page(
    request: Request,
    reply: FastifyReply,
    thread: EnquiryThread,
    place: ThreadPlace,
    message: string,
    errors?: FormErrors,
  ) {
    return ThreadPage({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      thread,
      side: place.side,
      action: place.path,
      backHref: place.backHref,
      canReply: place.canReply,
      canClose: place.canClose,
      message,
      errors,
      notice: NOTICES[request.query.done ?? ''],
    });
  }

  return {
    /** The thread, with the reply a form kept when the session ended held it. */
    async show(request: Request, reply: FastifyReply, thread: EnquiryThread, place: ThreadPlace) {
      const pending = await takePendingForm(app, request, reply);
      return reply.html(await page(request, reply, thread, place, replyState(pending?.body ?? {}).message));
    },

    /** A reply to the thread from this side; `notify` tells the other side once it is saved. */
    async reply(
      request: Request,
      reply: FastifyReply,
      thread: EnquiryThread,
      place: ThreadPlace,
      notify: (message: string) => Promise<void>,
    ) {
      if (thread.status === 'closed') throw closedError(place.path);
      return handleForm(request, reply, {
        state: replyState,
        schema: replySchema,
        invalid: (state, errors) => page(request, reply, thread, place, state.message, errors),
        save: async ({ message }) => {
          const user = request.user!;
          await addReply(db, thread.partnershipId, thread.id, {
            author: { id: user.id, name: user.name },
            fromPartnership: place.side === 'partnership',
            body: message,
            now: clock.now(),
          });
          await notify(message);
          return `${place.path}?done=replied`;
        },
      });
    },
  };
}
