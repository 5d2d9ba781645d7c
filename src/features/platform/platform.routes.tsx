/** The platform admin's pages: every partnership, and creating one with its first admin. */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../lib/http-errors.ts';
import { type FormErrors, oneError } from '../../views/form-errors.ts';
import { handleForm } from '../../web/form-route.ts';
import { acrossPartnerships } from '../../web/partnership-wall.ts';
import { takePendingForm } from '../../web/pending-form.ts';
import { requireUser } from '../auth/auth.plugin.ts';
import {
  isUniqueViolation,
  listAllPartnerships,
  shortNameTaken,
} from '../partnerships/partnerships.repository.ts';
import { sendInvitation } from '../people/invitation.ts';
import {
  type NewPartnershipState,
  newPartnershipSchema,
  newPartnershipState,
} from './new-partnership-form.ts';
import { createPartnership } from './platform.repository.ts';
import { NewPartnershipPage, PartnershipsPage, PLATFORM_BASE } from './platform.view.tsx';

const EMPTY: NewPartnershipState = {
  name: '',
  shortName: '',
  contactEmail: '',
  localities: '',
  adminName: '',
  adminEmail: '',
};

export async function platformRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock, mailer, config } = app.deps;
  const db = database.db;
  acrossPartnerships(app, "the platform admin's pages, about every partnership");

  /** Only platform admins; to anyone else these pages do not exist. */
  const platformAdmin = (request: FastifyRequest) => {
    const user = requireUser(request);
    if (!user.isPlatformAdmin) throw notFound('Page');
    return user;
  };

  async function formView(
    request: FastifyRequest,
    reply: FastifyReply,
    state: NewPartnershipState,
    errors?: FormErrors,
  ) {
    return NewPartnershipPage({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      state,
      errors,
    });
  }

  app.get<{ Querystring: { done?: string } }>(PLATFORM_BASE, async (request, reply) => {
    platformAdmin(request);
    return reply.html(
      PartnershipsPage({
        chrome: await request.chrome(reply),
        partnerships: await listAllPartnerships(db),
        notice: request.query.done === 'created' ? 'Partnership created and its admin invited' : undefined,
      }),
    );
  });

  app.get(`${PLATFORM_BASE}/new`, async (request, reply) => {
    platformAdmin(request);
    const pending = await takePendingForm(app, request, reply);
    return reply.html(await formView(request, reply, pending ? newPartnershipState(pending.body) : EMPTY));
  });

  app.post(PLATFORM_BASE, async (request, reply) => {
    const user = platformAdmin(request);
    const taken = () =>
      ({
        errors: oneError('shortName', 'Another partnership already uses this short name. Choose another.'),
      }) as const;
    return handleForm(request, reply, {
      state: newPartnershipState,
      schema: newPartnershipSchema,
      invalid: (state, errors) => formView(request, reply, state, errors),
      save: async (values) => {
        if (await shortNameTaken(db, values.shortName)) return taken();
        let created: Awaited<ReturnType<typeof createPartnership>>;
        try {
          created = await createPartnership(db, values, clock.now());
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
          return taken();
        }
        await sendInvitation(
          { db, clock, mailer, baseUrl: config.baseUrl },
          { userId: created.adminUserId, ...values.admin },
          {
            partnershipId: created.partnershipId,
            subject: `You have been invited to ${values.name} on Section 11 Audit`,
            why: `${user.name} has set up ${values.name} on Section 11 Audit and made you its partnership admin. You can add its agencies, invite its people and set up its audits.`,
          },
        );
        return `${PLATFORM_BASE}?done=created`;
      },
    });
  });
}
