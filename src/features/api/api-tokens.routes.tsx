/** A partnership admin's API tokens: list, create (shown once), revoke. Admins of that partnership only. */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import type { FormErrors } from '../../views/form-errors.ts';
import { formBody } from '../../web/form-route.ts';
import { requireUser } from '../auth/auth.plugin.ts';
import { type PartnershipAccess, partnershipAccess } from '../partnerships/partnership-access.ts';
import { type ApiTokenFormState, apiTokenFormState, parseApiTokenForm } from './api-token-form.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.repository.ts';
import { ApiTokensPage, NewApiTokenPage, tokensPath } from './api-tokens.view.tsx';

type Params = {
  Params: { partnershipId: string; tokenId?: string };
  Querystring: { done?: string };
};

const EMPTY: ApiTokenFormState = { name: '', expires: { day: '', month: '', year: '' } };

export async function apiTokenRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock } = app.deps;
  const db = database.db;
  const admin = (request: FastifyRequest<Params>) =>
    partnershipAccess(request, true, 'Only a partnership admin can manage API tokens.');

  async function page(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    partnership: PartnershipAccess,
    extra: { state?: ApiTokenFormState; errors?: FormErrors } = {},
  ) {
    return reply.html(
      ApiTokensPage({
        chrome: await request.chrome(reply),
        csrfToken: await app.sessions.csrfToken(request, reply),
        partnership,
        tokens: await listApiTokens(db, partnership.id),
        now: clock.now(),
        state: extra.state ?? EMPTY,
        errors: extra.errors,
        done: request.query.done === 'revoked' ? 'revoked' : undefined,
      }),
      extra.errors ? 422 : 200,
    );
  }

  app.get('/partnerships/:partnershipId/api-tokens', async (request: FastifyRequest<Params>, reply) =>
    page(request, reply, admin(request)),
  );

  // The new token is shown in the answer to the post (not after a redirect), so it is never stored
  // anywhere but in the admin's browser; the page is not cached.
  app.post('/partnerships/:partnershipId/api-tokens', async (request: FastifyRequest<Params>, reply) => {
    const partnership = admin(request);
    const state = apiTokenFormState(formBody(request));
    const now = clock.now();
    const parsed = parseApiTokenForm(state, now);
    if (parsed.errors) return page(request, reply, partnership, { state, errors: parsed.errors });
    const { token } = await createApiToken(db, {
      partnershipId: partnership.id,
      name: parsed.values.name,
      expiresAt: parsed.values.expiresAt,
      createdBy: requireUser(request).id,
      now,
    });
    return reply.html(
      NewApiTokenPage({
        chrome: await request.chrome(reply),
        partnership,
        name: parsed.values.name,
        token,
        expiresAt: parsed.values.expiresAt,
      }),
    );
  });

  app.post(
    '/partnerships/:partnershipId/api-tokens/:tokenId/revoke',
    async (request: FastifyRequest<Params>, reply) => {
      const partnership = admin(request);
      if (!isUuid(request.params.tokenId)) throw notFound('API token');
      const revoked = await revokeApiToken(
        db,
        partnership.id,
        request.params.tokenId,
        requireUser(request).id,
        clock.now(),
      );
      if (!revoked) throw notFound('API token');
      return reply.redirect(`${tokensPath(partnership.id)}?done=revoked`, 303);
    },
  );
}
