/**
 * Sign-in through an organisation's OpenID Connect provider. The sign-in form sends someone whose
 * email domain a provider covers to `/sign-in/organisation` (a page, not a redirect: the form's own
 * page allows forms to post only to this site, so the browser must leave it by a link), which links
 * to `/sign-in/oidc/start`; that sends the browser to the provider, which brings it back to
 * `/sign-in/oidc/callback`. What is needed between the steps is held in a short-lived signed cookie.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../../lib/http-errors.ts';
import { safeLocalPath } from '../auth/auth.plugin.ts';
import { recordSignIn } from '../auth/users.repository.ts';
import { findProviderById, providerIdForDomain } from './identity-providers.repository.ts';
import {
  CALLBACK_PATH,
  type OidcRefusal,
  OidcSignIn,
  type PendingOidcSignIn,
} from './oidc-sign-in.service.ts';
import { OrganisationSignInPage } from './single-sign-on.views.tsx';

/** The cookie holding a sign-in through a provider, for 10 minutes. */
const COOKIE = 's11_oidc';
const COOKIE_MINUTES = 10;

type Held =
  | { step: 'chosen'; providerId: string; email: string; next: string | null; at: number }
  | ({ step: 'sent'; at: number } & PendingOidcSignIn);

const EMAIL_LINK = { text: 'Sign in with an email link instead', href: '/sign-in?method=email' };
const START_AGAIN = { text: 'Start signing in again', href: '/sign-in' };

/** Each refusal: its status and a clear page. */
function refusal(reason: OidcRefusal, email?: string): HttpError {
  const who = email ? ` (${email})` : '';
  switch (reason) {
    case 'wrong-state':
      return new HttpError(
        400,
        'Your sign-in could not be completed',
        'The answer from your organisation’s sign-in page did not match the sign-in started in this browser. It may have been started in another browser or window. Start again.',
        [START_AGAIN],
      );
    case 'code-not-accepted':
      return new HttpError(
        400,
        'Your sign-in could not be completed',
        'Your organisation’s sign-in service did not accept this sign-in: it may have been used already or taken too long. Start again.',
        [START_AGAIN],
      );
    case 'token-not-valid':
      return new HttpError(
        400,
        'Your sign-in could not be completed',
        'The answer from your organisation’s sign-in service could not be checked, so we cannot trust it. Start again, and if it happens again, tell your partnership’s business manager.',
        [START_AGAIN, EMAIL_LINK],
      );
    case 'provider-said-no':
      return new HttpError(
        403,
        'Your organisation did not sign you in',
        'Your organisation’s sign-in service did not sign you in to this service. You can try again, or sign in with an email link.',
        [START_AGAIN, EMAIL_LINK],
      );
    case 'provider-unavailable':
      return new HttpError(
        503,
        'Your organisation’s sign-in service is not available',
        'We could not reach your organisation’s sign-in service. You can sign in with an email link instead.',
        [EMAIL_LINK],
      );
    case 'no-email':
    case 'email-not-verified':
      return new HttpError(
        403,
        'We could not check your email address',
        `Your organisation’s sign-in service did not confirm that your email address${who} is verified, and we use it to find your account. Ask your IT team, or sign in with an email link.`,
        [EMAIL_LINK],
      );
    case 'domain-not-covered':
      return new HttpError(
        403,
        'This account cannot sign in here',
        `Your organisation’s sign-in service signed you in with an email address${who} that it does not cover for this service. Sign in with an email link instead.`,
        [EMAIL_LINK],
      );
    case 'unknown-person':
      return new HttpError(
        403,
        'You do not have an account on this service',
        `Your organisation signed you in${who}, but nobody has given you access to this service yet. Ask your partnership’s business manager or your agency’s safeguarding lead to add you.`,
        [{ text: 'Go back to sign in', href: '/sign-in' }],
      );
    case 'not-for-this-provider':
      return new HttpError(
        403,
        'Sign in with an email link',
        `Your account${who} is used with more than this partnership, so your organisation’s sign-in service cannot sign you in to it. Sign in with an email link instead.`,
        [EMAIL_LINK],
      );
  }
}

export async function oidcRoutes(app: FastifyInstance): Promise<void> {
  const { config, database, clock } = app.deps;
  const secure = config.env === 'production';
  const cookieName = secure ? `__Host-${COOKIE}` : COOKIE;
  const oidc = new OidcSignIn(
    database.db,
    { baseUrl: config.baseUrl, sessionSecret: config.sessionSecret, allowHttp: config.env !== 'production' },
    (what, code) => app.log.warn({ code }, `sign-in through a provider: ${what}`),
  );

  function held(request: FastifyRequest): Held | null {
    const raw = request.cookies[cookieName];
    if (!raw) return null;
    const unsigned = request.unsignCookie(raw);
    if (!unsigned.valid || !unsigned.value) return null;
    try {
      const value = JSON.parse(Buffer.from(unsigned.value, 'base64url').toString('utf8')) as Held;
      if (clock.now().getTime() - value.at > COOKIE_MINUTES * 60_000) return null;
      return value;
    } catch {
      return null;
    }
  }

  const notStarted = () =>
    new HttpError(
      400,
      'Your sign-in could not be completed',
      'It took longer than 10 minutes, or was started in another browser. Start again.',
      [START_AGAIN],
    );

  app.get('/sign-in/organisation', async (request, reply) => {
    const chosen = held(request);
    if (chosen?.step !== 'chosen') throw notStarted();
    const provider = await findProviderById(database.db, chosen.providerId);
    if (!provider) throw refusal('provider-unavailable');
    return reply.html(
      OrganisationSignInPage({
        chrome: await request.chrome(reply),
        domain: chosen.email.slice(chosen.email.lastIndexOf('@') + 1),
        providerHost: new URL(provider.issuer).host,
      }),
    );
  });

  app.get('/sign-in/oidc/start', async (request, reply) => {
    const chosen = held(request);
    if (chosen?.step !== 'chosen') throw notStarted();
    const started = await oidc.start(chosen.providerId, chosen.email, chosen.next);
    if (!started) throw refusal('provider-unavailable');
    holdCookie(app, reply, { step: 'sent', at: clock.now().getTime(), ...started.pending });
    return reply.redirect(started.url, 302);
  });

  // Before anyone is signed in, the provider (a partnership's or the platform's) and whether it may
  // sign this person in (their roles in every partnership) are found across partnerships.
  const signingIn = {
    config: { systemContext: "signing in through an organisation's provider, before anyone is signed in" },
  };
  app.get(CALLBACK_PATH, signingIn, async (request, reply) => {
    const pending = held(request);
    // Used once: whatever happens next, the browser no longer holds it.
    reply.clearCookie(cookieName, { path: '/', secure });
    if (pending?.step !== 'sent') throw notStarted();
    const result = await oidc.finish(pending, new URL(request.url, config.baseUrl));
    if (!result.ok) throw refusal(result.reason, result.email);
    await recordSignIn(database.db, result.userId, clock.now());
    const session = await app.sessions.regenerate(request, reply, result.userId);
    const kept = session.data.pendingForm as { url?: string } | undefined;
    return reply.redirect(safeLocalPath(pending.next) ?? safeLocalPath(kept?.url) ?? '/', 303);
  });
}

/**
 * For the sign-in form: if a provider covers the address's domain, holds the choice and gives the
 * page to go to; otherwise null (the email link).
 */
export async function organisationSignIn(
  app: FastifyInstance,
  reply: FastifyReply,
  email: string,
  next: string | null,
): Promise<string | null> {
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  const providerId = await providerIdForDomain(app.deps.database.db, domain);
  if (!providerId) return null;
  holdCookie(app, reply, { step: 'chosen', providerId, email, next, at: app.deps.clock.now().getTime() });
  return '/sign-in/organisation';
}

function holdCookie(app: FastifyInstance, reply: FastifyReply, held: Held): void {
  const secure = app.deps.config.env === 'production';
  reply.setCookie(
    secure ? `__Host-${COOKIE}` : COOKIE,
    Buffer.from(JSON.stringify(held)).toString('base64url'),
    {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure,
      signed: true,
      maxAge: COOKIE_MINUTES * 60,
    },
  );
}
