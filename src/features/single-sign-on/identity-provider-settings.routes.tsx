/**
 * Setting the OpenID Connect provider: a partnership's admins for their partnership's people, platform
 * admins for the platform's (which may sign in anyone whose domain it covers).
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../lib/http-errors.ts';
import type { FormErrors } from '../../views/form-errors.ts';
import { handleForm } from '../../web/form-route.ts';
import { takePendingForm } from '../../web/pending-form.ts';
import { requireUser } from '../auth/auth.plugin.ts';
import { partnershipAccess } from '../partnerships/partnership-access.ts';
import { settingsPath } from '../partnerships/settings.view.tsx';
import {
  type ProviderFormState,
  providerFormState,
  providerPostState,
  providerSchema,
} from './identity-provider-form.ts';
import { saveProviderSettings } from './identity-provider-settings.service.ts';
import { IdentityProviderPage, type ProviderOwnerView } from './identity-provider-settings.view.tsx';
import { findProvider, removeProvider } from './identity-providers.repository.ts';
import { CALLBACK_PATH } from './oidc-sign-in.service.ts';

export const PLATFORM_SIGN_IN_PATH = '/platform/sign-in';
export const partnershipSignInPath = (partnershipId: string) => `${settingsPath(partnershipId)}/sign-in`;

type Params = { Params: { partnershipId: string }; Querystring: { done?: string } };

const NOTICES: Record<string, string> = { saved: 'Provider saved', removed: 'Provider removed' };

interface Owner {
  partnershipId: string | null;
  view: ProviderOwnerView;
}

function partnershipOwner(request: FastifyRequest<Params>): Owner {
  const partnership = partnershipAccess(
    request,
    true,
    'Only a partnership admin can change how people sign in.',
  );
  return {
    partnershipId: partnership.id,
    view: {
      caption: partnership.name,
      path: partnershipSignInPath(partnership.id),
      back: { href: settingsPath(partnership.id), text: 'Partnership settings' },
      whoCanSignIn:
        'It signs in only people who work for this partnership alone (its own roles, or its agencies’ when they take part in no other partnership). People who also work with another partnership, and platform admins, sign in with an email link.',
    },
  };
}

function platformOwner(request: FastifyRequest): Owner {
  if (!requireUser(request).isPlatformAdmin) throw notFound('Page');
  return {
    partnershipId: null,
    view: {
      caption: 'Platform',
      path: PLATFORM_SIGN_IN_PATH,
      back: { href: '/platform/partnerships', text: 'Partnerships' },
      whoCanSignIn:
        'It can sign in anyone with an account here whose email domain it covers, in any partnership, and platform admins.',
    },
  };
}

export async function identityProviderSettingsRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock, config } = app.deps;
  const db = database.db;
  const allowHttp = config.env !== 'production';

  async function view(
    request: FastifyRequest<{ Querystring: { done?: string } }>,
    reply: FastifyReply,
    owner: Owner,
    form?: { state: ProviderFormState; errors?: FormErrors; secretTyped: boolean },
  ) {
    const provider = await findProvider(db, owner.partnershipId);
    const state = form?.state ?? {
      issuer: provider?.issuer ?? '',
      clientId: provider?.clientId ?? '',
      domains: provider?.domains.join('\n') ?? '',
    };
    return IdentityProviderPage({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      owner: owner.view,
      provider,
      redirectUri: `${config.baseUrl}${CALLBACK_PATH}`,
      state,
      secretTyped: form?.secretTyped ?? false,
      errors: form?.errors,
      notice: form?.errors ? undefined : NOTICES[request.query.done ?? ''],
    });
  }

  async function page(
    request: FastifyRequest<{ Querystring: { done?: string } }>,
    reply: FastifyReply,
    owner: Owner,
  ) {
    const pending = await takePendingForm(app, request, reply);
    const form = pending ? { state: providerFormState(pending.body), secretTyped: false } : undefined;
    return reply.html(await view(request, reply, owner, form));
  }

  async function save(
    request: FastifyRequest<{ Querystring: { done?: string } }>,
    reply: FastifyReply,
    owner: Owner,
  ) {
    const existing = await findProvider(db, owner.partnershipId);
    return handleForm(request, reply, {
      state: providerPostState,
      schema: providerSchema({ allowHttp, secretRequired: existing === null }),
      invalid: (state, errors) =>
        view(request, reply, owner, { state, errors, secretTyped: state.clientSecret.trim() !== '' }),
      save: async (values) => {
        const refused = await saveProviderSettings(
          { db, sessionSecret: config.sessionSecret, allowHttp },
          owner.partnershipId,
          values,
          requireUser(request).id,
          clock.now(),
        );
        if (refused) return { errors: refused };
        request.log.info({ partnershipId: owner.partnershipId }, 'identity provider saved');
        return `${owner.view.path}?done=saved`;
      },
    });
  }

  async function remove(reply: FastifyReply, owner: Owner) {
    await removeProvider(db, owner.partnershipId);
    return reply.redirect(`${owner.view.path}?done=removed`, 303);
  }

  app.get<Params>('/partnerships/:partnershipId/settings/sign-in', async (request, reply) =>
    page(request, reply, partnershipOwner(request)),
  );
  app.post<Params>('/partnerships/:partnershipId/settings/sign-in', async (request, reply) =>
    save(request, reply, partnershipOwner(request)),
  );
  app.post<Params>('/partnerships/:partnershipId/settings/sign-in/remove', async (request, reply) =>
    remove(reply, partnershipOwner(request)),
  );
  // The platform's provider belongs to no partnership (and covers domains across all of them).
  const platformWide = {
    config: { systemContext: "the platform's own sign-in provider, of no partnership" },
  };
  app.get<{ Querystring: { done?: string } }>(PLATFORM_SIGN_IN_PATH, platformWide, async (request, reply) =>
    page(request, reply, platformOwner(request)),
  );
  app.post<{ Querystring: { done?: string } }>(PLATFORM_SIGN_IN_PATH, platformWide, async (request, reply) =>
    save(request, reply, platformOwner(request)),
  );
  app.post(`${PLATFORM_SIGN_IN_PATH}/remove`, platformWide, async (request, reply) =>
    remove(reply, platformOwner(request)),
  );
}
