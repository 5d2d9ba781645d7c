/**
 * A partnership whose pages are public also takes enquiries from people not signed in, at
 * /p/<short name>/enquiries/new: they land in its inbox marked as from the public, and replies go to
 * the sender by email.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actFor, inSystemContext } from '../../../db/acting-partnership.ts';
import { notFound } from '../../../lib/http-errors.ts';
import type { FormErrors } from '../../../views/form-errors.ts';
import { handleForm } from '../../../web/form-route.ts';
import { takePendingForm } from '../../../web/pending-form.ts';
import { findPublicPartnership } from '../../guidance/partnership-pages.repository.ts';
import type { EnquiryRoutes } from '../enquiries-context.ts';
import { type PublicEnquiryFormState, publicEnquiryFormState, publicEnquirySchema } from '../enquiry-form.ts';
import { PublicEnquiryFormPage, PublicEnquirySentPage } from '../public-enquiry.view.tsx';
import { publicEnquiries } from './public-enquiry.service.ts';

type PublicParams = { Params: { shortName: string } };

export function publicEnquiryRoutes({ app, db, clock, mailDeps }: EnquiryRoutes): void {
  const enquiries = publicEnquiries(mailDeps);

  async function publicPartnership(request: FastifyRequest<PublicParams>) {
    const partnership = await inSystemContext(() => findPublicPartnership(db, request.params.shortName));
    if (!partnership) throw notFound('Page');
    // A public form of this partnership: the rest of the request acts for it (the database's wall).
    actFor(partnership.id);
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
        await enquiries.send(partnership, values, request.ip, clock.now());
        return `/p/${partnership.shortName}/enquiries/sent`;
      },
    });
  });

  app.get<PublicParams>('/p/:shortName/enquiries/sent', async (request, reply) => {
    const partnership = await publicPartnership(request);
    return reply.html(PublicEnquirySentPage({ chrome: await request.chrome(reply), partnership }));
  });
}
