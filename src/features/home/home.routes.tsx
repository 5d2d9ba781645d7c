/** The home page for each kind of user, and the service's privacy notice. */
import type { FastifyInstance } from 'fastify';
import { SIGN_IN_LINK_MINUTES } from '../auth/sign-in.service.ts';
import { invitationsFor } from '../people/memberships.repository.ts';
import { PrivacyNoticePage } from '../privacy/privacy-notice.view.tsx';
import { homeCycles, privacyContacts } from './home.repository.ts';
import { HomePage } from './home.view.tsx';

export async function homeRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps.database;

  // Everything on it is found from the person's own roles and invitations.
  const ownPage = {
    config: { systemContext: "a person's own home page, across the partnerships they work with" },
  };

  app.get<{ Querystring: { done?: string } }>('/', ownPage, async (request, reply) => {
    const user = request.user;
    if (!user) return reply.redirect('/sign-in', 303);
    const partnershipIds = user.partnerships.map((p) => p.partnershipId);
    const invitations = await invitationsFor(db, user.id);
    // Someone working for one agency only goes straight to its returns, unless an invitation waits.
    if (
      partnershipIds.length === 0 &&
      user.agencies.length === 1 &&
      invitations.length === 0 &&
      !request.query.done
    )
      return reply.redirect('/returns', 303);
    return reply.html(
      HomePage({
        chrome: await request.chrome(reply),
        csrfToken: await app.sessions.csrfToken(request, reply),
        user,
        invitations,
        cycles: await homeCycles(db, partnershipIds),
        done: request.query.done,
      }),
    );
  });

  app.get('/privacy', async (request, reply) => {
    // Who to ask: the partnerships of the person signed in (their own roles and their agencies').
    const contacts = request.user ? await privacyContacts(db, request.user.id) : [];
    return reply.html(
      PrivacyNoticePage({
        chrome: await request.chrome(reply),
        contacts,
        signInLinkMinutes: SIGN_IN_LINK_MINUTES,
        sessionIdleMinutes: app.deps.config.sessionIdleMinutes,
      }),
    );
  });
}
