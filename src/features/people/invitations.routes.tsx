/** The signed-in person accepts or declines an invitation that waits for them (on their home page). */
import { notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import { requireUser } from '../auth/auth.plugin.ts';
import { answerInvitation } from './memberships.repository.ts';
import type { PeopleRoutes } from './people-context.ts';

export function invitationRoutes({ app, db, clock }: PeopleRoutes): void {
  for (const answer of ['accept', 'decline'] as const) {
    app.post<{ Params: { invitationId: string } }>(
      `/invitations/:invitationId/${answer}`,
      // Found by the invited person's own id, whichever partnership or agency it is to.
      { config: { systemContext: "the person's own invitation, to a partnership or to an agency" } },
      async (request, reply) => {
        const user = requireUser(request);
        if (!isUuid(request.params.invitationId)) throw notFound('Invitation');
        // Only the invited person's own invitation: anyone else's id is not found.
        const done = await answerInvitation(
          db,
          request.params.invitationId,
          user.id,
          answer === 'accept',
          clock.now(),
        );
        if (!done) throw notFound('Invitation');
        return reply.redirect(`/?done=${answer === 'accept' ? 'accepted' : 'declined'}`, 303);
      },
    );
  }
}
