import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { inSystemContext } from '../../db/acting-partnership.ts';
import { queryRows } from '../../db/client.ts';
import { secondsUntil } from '../../lib/dates.ts';
import { HttpError } from '../../lib/http-errors.ts';
import { RateLimiter } from '../../lib/rate-limiter.ts';
import { type FormErrors, oneError } from '../../views/form-errors.ts';
import { type FormBody, formBody, handleForm, textField } from '../../web/form-route.ts';
import { organisationSignIn } from '../single-sign-on/oidc.routes.tsx';
import type { PendingForm } from './auth.plugin.ts';
import { requireUser, SignInRequired, safeLocalPath } from './auth.plugin.ts';
import { CheckEmailPage, ContinueSignInPage, type DemoAccount, SignInPage } from './auth.views.tsx';
import { checkSignInToken, consumeSignInToken, SIGN_IN_LIMITS } from './sign-in.service.ts';
import { normaliseEmail, recordSignIn } from './users.repository.ts';

const signInForm = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter your email address')
    .max(254, 'Email address must be 254 characters or fewer')
    .pipe(z.email('Enter an email address in the correct format, like name@example.org')),
  next: z.string(),
  /** `email`: an email link even where an organisation's provider covers the address. */
  method: z.string(),
});

/** What was typed (the address), and where the person was going. */
const signInState = (body: FormBody) => ({
  email: textField(body, 'email'),
  next: textField(body, 'next'),
  method: textField(body, 'method'),
});

async function demoAccounts(app: FastifyInstance): Promise<DemoAccount[]> {
  if (!app.deps.config.demo) return [];
  // The demo's own accounts and their roles, across its partnerships (never outside the demo).
  const rows = await inSystemContext(() =>
    queryRows<{ email: string; name: string; description: string }>(
      app.deps.database.db,
      sql`
    select u.email, u.name,
      coalesce(case when u.is_platform_admin then 'Platform admin (creates partnerships)' end,
               (select string_agg(case pr.role when 'partnership_admin' then 'Partnership admin' else 'Reviewer' end || ', ' || p.short_name, '; ')
                  from partnership_roles pr join partnerships p on p.id = pr.partnership_id where pr.user_id = u.id),
               (select string_agg(case au.role when 'agency_lead' then 'Agency lead' else 'Contributor' end || ', ' || a.name, '; ')
                  from agency_users au join agencies a on a.id = au.agency_id where au.user_id = u.id), '') as description
    from users u order by u.created_at, u.email limit 30`,
    ),
  );
  return rows;
}

/** What the sign-in page says after the idle sign-out came on a page left open (public/app.js). */
function timedOutNotice(idleMinutes: number, kept: boolean): string {
  const idle = idleMinutes === 1 ? '1 minute' : `${idleMinutes} minutes`;
  return `Your session ended: for your security, we sign you out after ${idle} without using the service.${kept ? ' What you typed has been kept: sign in again and you will see it on the page, ready to save.' : ' Sign in again to continue.'}`;
}

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock, config } = app.deps;
  const deps = { db: database.db, clock };
  const perAddress = new RateLimiter(app.deps.limits?.signInPerAddress ?? SIGN_IN_LIMITS.perAddress);
  const perClient = new RateLimiter(app.deps.limits?.signInPerClient ?? SIGN_IN_LIMITS.perClient);

  app.get<{ Querystring: { next?: string; signedOut?: string; timedOut?: string; method?: string } }>(
    '/sign-in',
    async (request, reply) => {
      if (request.user) return reply.redirect(safeLocalPath(request.query.next) ?? '/', 303);
      return reply.html(
        SignInPage({
          chrome: await request.chrome(reply),
          csrfToken: await app.sessions.csrfToken(request, reply),
          email: '',
          next: safeLocalPath(request.query.next),
          emailLink: request.query.method === 'email',
          notice:
            request.query.signedOut !== undefined
              ? 'You have signed out.'
              : request.query.timedOut !== undefined
                ? timedOutNotice(config.sessionIdleMinutes, request.query.timedOut === 'kept')
                : request.sessionExpired
                  ? 'Your session ended. Sign in again to continue.'
                  : undefined,
          demoAccounts: await demoAccounts(app),
        }),
      );
    },
  );

  app.post('/sign-in', async (request, reply) => {
    const view = async (state: ReturnType<typeof signInState>, errors: FormErrors) =>
      SignInPage({
        chrome: await request.chrome(reply),
        csrfToken: await app.sessions.csrfToken(request, reply),
        email: state.email,
        next: safeLocalPath(state.next),
        emailLink: state.method === 'email',
        errors,
        demoAccounts: await demoAccounts(app),
      });
    return handleForm(request, reply, {
      state: signInState,
      schema: signInForm,
      invalid: view,
      save: async (values) => {
        const next = safeLocalPath(values.next);
        // An organisation's provider signs in the people whose email domain it covers (by the domain
        // alone, so the answer says nothing of whether the address is known).
        if (values.method !== 'email') {
          const page = await organisationSignIn(app, reply, normaliseEmail(values.email), next);
          if (page) return page;
        }
        // Known or not, every address is counted and queued alike, so neither the answer nor its
        // time tells whether it is known. Addresses are counted by their HMAC only.
        const now = clock.now().getTime();
        const email = normaliseEmail(values.email);
        if (
          !perClient.take([request.ip], now) ||
          !perAddress.take([email], now) ||
          !app.signInRequests.submit(values.email, next)
        )
          return {
            page: await view(
              values,
              oneError(
                'email',
                'You have asked for too many sign-in links. Wait 15 minutes, then use the newest link we sent you or ask again',
              ),
            ),
            status: 429,
          };
        return '/sign-in/check-email';
      },
    });
  });

  app.get('/sign-in/check-email', async (request, reply) =>
    reply.html(CheckEmailPage({ chrome: await request.chrome(reply), demo: config.demo })),
  );

  const linkProblem = (reason: 'unknown' | 'used' | 'expired') =>
    new HttpError(
      reason === 'unknown' ? 404 : 410,
      reason === 'expired'
        ? 'Your sign-in link has expired'
        : reason === 'used'
          ? 'Your sign-in link has already been used'
          : 'That sign-in link is not valid',
      reason === 'unknown'
        ? 'Check you copied the whole link from the email, or ask for a new one.'
        : 'Each link works once and for 15 minutes. Ask for a new link to sign in.',
      [{ text: 'Get a new sign-in link', href: '/sign-in' }],
    );

  // Opening the link shows a button rather than signing in at once, so mail scanners that
  // follow links cannot use it up.
  app.get<{ Params: { token: string } }>('/sign-in/link/:token', async (request, reply) => {
    const check = await checkSignInToken(deps, request.params.token);
    if (!check.ok) throw linkProblem(check.reason);
    return reply.html(
      ContinueSignInPage({
        chrome: await request.chrome(reply),
        csrfToken: await app.sessions.csrfToken(request, reply),
        token: request.params.token,
      }),
    );
  });

  app.post('/sign-in/link', async (request, reply) => {
    const token = textField(formBody(request), 'token');
    if (!token || token.length > 200) throw linkProblem('unknown');
    const result = await consumeSignInToken(deps, token);
    if (!result.ok) throw linkProblem(result.reason);
    await recordSignIn(database.db, result.userId, clock.now());
    const session = await app.sessions.regenerate(request, reply, result.userId);
    const pending = session.data.pendingForm as PendingForm | undefined;
    return reply.redirect(safeLocalPath(result.redirectTo) ?? pending?.url ?? '/', 303);
  });

  app.post('/sign-out', async (request, reply) => {
    await app.sessions.destroy(request, reply);
    return reply.redirect('/sign-in?signedOut', 303);
  });

  /**
   * "Stay signed in" in the warning before the idle sign-out (public/app.js): the session counts
   * as used now. Answers when it ends now, for the page's script to count down again.
   */
  app.post('/session/extend', async (request, reply) => {
    requireUser(request);
    const expiresAt = await app.sessions.touch(request);
    if (expiresAt === null) throw new SignInRequired();
    return reply
      .header('cache-control', 'no-store')
      .send({ expiresInSeconds: secondsUntil(expiresAt, clock.now()) });
  });
}
