/**
 * Who is asking: loads the signed-in user for every request, checks the CSRF token of every form
 * post, and builds the page chrome (navigation, sign-out form) for views.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { secondsUntil } from '../../lib/dates.ts';
import { displayCookieName, displaySettingsFromCookie } from '../../lib/display-settings.ts';
import { removeNulCharacters } from '../../lib/form-input.ts';
import { HttpError } from '../../lib/http-errors.ts';
import type { PageChrome } from '../../views/layout.tsx';
import { type Branding, brandingFor } from '../partnerships/partnerships.repository.ts';
import { SignInLinkRequests } from './sign-in.service.ts';
import { type CurrentUser, loadCurrentUser } from './users.repository.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user: CurrentUser | null;
    /** The branding the page shows, when a route has read it already (the return's partnership). */
    branding: Branding | null;
    chrome(reply: FastifyReply): Promise<PageChrome>;
  }
  interface FastifyInstance {
    /** Sign-in links asked for, sent in the background (see `SignInLinkRequests`). */
    signInRequests: SignInLinkRequests;
  }
}

/** A form kept when its post could not be accepted (session ended, stale token), to show again. */
export interface PendingForm {
  url: string;
  body: Record<string, unknown>;
  keptAt: string;
}

/**
 * The most a kept form may hold (its JSON, in bytes): more than any of our forms needs, so a post
 * of megabytes of text is never written to a session.
 */
export const MAX_KEPT_FORM_BYTES = 256 * 1024;

export class SignInRequired extends Error {}

/**
 * The field public/app.js adds to a form it sends because the idle sign-out came while the page was
 * open: what was typed is kept for the page (as a form refused for an ended session is), not saved.
 */
export const TIMED_OUT_FIELD = '_timedOut';

export function requireUser(request: FastifyRequest): CurrentUser {
  if (!request.user) throw new SignInRequired();
  return request.user;
}

/**
 * The service navigation. Its partnership links are those of the partnership being viewed (`viewing`,
 * when the person has a role in it), else of their first partnership.
 */
export function navigationFor(
  user: CurrentUser | null,
  url: string,
  demo: boolean,
  viewing: string | null = null,
): PageChrome['navigation'] {
  if (!user)
    return demo
      ? [{ text: 'Development mailbox', href: '/dev/mail', active: url.startsWith('/dev/mail') }]
      : [];
  const items = [{ text: 'Home', href: '/', active: url === '/' }];
  if (user.agencies.length > 0)
    items.push({ text: 'Your returns', href: '/returns', active: url.startsWith('/returns') });
  const partnership = user.partnerships.find((p) => p.partnershipId === viewing) ?? user.partnerships[0];
  if (partnership) {
    const href = `/partnerships/${partnership.partnershipId}/agencies`;
    items.push({ text: 'Agencies', href, active: url.startsWith(href) });
    // Every partnership role (admins and reviewers) reads the templates; only admins change them.
    const templatesHref = `/partnerships/${partnership.partnershipId}/templates`;
    items.push({ text: 'Templates', href: templatesHref, active: url.startsWith(templatesHref) });
    const inbox = `/partnerships/${partnership.partnershipId}/enquiries`;
    items.push({ text: 'Enquiries', href: inbox, active: url.startsWith(inbox) });
  } else if (user.agencies.length > 0)
    items.push({ text: 'Enquiries', href: '/enquiries', active: url.startsWith('/enquiries') });
  if (user.agencies.length > 0 || partnership)
    items.push({
      text: 'Guidance',
      href: '/guidance',
      active: url.startsWith('/guidance') || /^\/partnerships\/[^/]+\/(guidance|faq)/.test(url),
    });
  if (user.isPlatformAdmin)
    items.push({
      text: 'Partnerships',
      href: '/platform/partnerships',
      active: url.startsWith('/platform/'),
    });
  if (demo)
    items.push({ text: 'Development mailbox', href: '/dev/mail', active: url.startsWith('/dev/mail') });
  return items;
}

async function authPluginImpl(app: FastifyInstance): Promise<void> {
  const { database, config, clock, mailer } = app.deps;
  const signInRequests = new SignInLinkRequests(
    { db: database.db, clock, mailer, baseUrl: config.baseUrl },
    // Never the error itself: a failed query's message would carry the address.
    (error) => app.log.error({ code: (error as { code?: unknown })?.code }, 'a sign-in link was not sent'),
  );
  app.decorate('signInRequests', signInRequests);
  app.addHook('onClose', async () => signInRequests.settled());
  app.decorateRequest('user', null);
  app.decorateRequest('branding', null);
  app.decorateRequest(
    'chrome',
    async function (this: FastifyRequest, reply: FastifyReply): Promise<PageChrome> {
      const preferred = /^\/partnerships\/([0-9a-f-]{36})(?:[/?]|$)/i.exec(this.url)?.[1] ?? null;
      const branding =
        this.branding ?? (this.user ? await brandingFor(database.db, this.user.id, preferred) : null);
      return {
        userName: this.user?.name,
        csrfToken: this.user ? await app.sessions.csrfToken(this, reply) : undefined,
        navigation: navigationFor(this.user, this.url, config.demo, branding?.partnershipId ?? preferred),
        demo: config.demo,
        branding: branding ? brandingChrome(branding) : undefined,
        session: this.user ? sessionTiming(this, config, clock.now()) : undefined,
        // The person's own, else (a visitor, or someone who has chosen none) this browser's cookie.
        display:
          this.user?.display ??
          displaySettingsFromCookie(this.cookies[displayCookieName(config.env === 'production')]) ??
          undefined,
        path: safeLocalPath(this.url) ?? undefined,
      };
    },
  );

  // Before anything reads a form (this plugin's CSRF check and kept forms, then every route).
  app.addHook('preHandler', removeNulCharacters);
  app.addHook('preHandler', async (request, reply) => {
    if (request.session?.userId) {
      // Read with the session (src/app.ts passes the user's columns to the session plugin).
      request.user =
        request.session.user !== undefined
          ? (request.session.user as CurrentUser | null)
          : await loadCurrentUser(database.db, request.session.userId);
    }
    if (request.method !== 'POST') return;
    // Anonymous routes have no session to hold a token: they check their forms themselves.
    if (request.routeOptions.config?.anonymous) return;
    const body = (request.body ?? {}) as Record<string, unknown>;
    // Sent by public/app.js when the idle sign-out came while the page was open: keep, never save.
    const timedOut = body[TIMED_OUT_FIELD] === '1';
    if (!timedOut && app.sessions.csrfValid(request, body._csrf)) return;
    // A post that came with no session of ours (no cookie, or one we did not sign) comes from no
    // page of ours that keeps anything: a visitor's stale form, or a forged post from another site
    // (our cookies are SameSite=Lax). It starts no session and keeps nothing, so it can neither
    // sign anyone out, plant values for them to save later, nor fill the database.
    if (!app.sessions.hadSession(request)) {
      throw new HttpError(
        403,
        'This form could not be accepted',
        'It did not come from a page of this service, or your browser did not send its cookie. Go back, reload the page and try again.',
        [{ text: 'Go to your home page', href: '/' }],
      );
    }
    // Keep what was typed so it can be shown again after signing in or reloading the form.
    // Only what was typed is kept: an uploaded file is not; nor a form too large to be one of ours.
    const typed = Object.fromEntries(
      Object.entries(body).filter(
        ([k, v]) =>
          k !== '_csrf' &&
          k !== TIMED_OUT_FIELD &&
          (typeof v === 'string' || (Array.isArray(v) && v.every((i) => typeof i === 'string'))),
      ),
    );
    const kept = Buffer.byteLength(JSON.stringify(typed)) <= MAX_KEPT_FORM_BYTES ? typed : null;
    // The page the form came from: named by the form, or the referring page, or (our forms post
    // back to their own page) the address it was posted to.
    const url =
      typeof body._returnTo === 'string' && body._returnTo.startsWith('/')
        ? body._returnTo
        : (request.headers.referer ?? request.url);
    const pending: PendingForm = {
      url: safeLocalPath(url) ?? '/',
      body: kept ?? {},
      keptAt: app.deps.clock.now().toISOString(),
    };
    if (kept) {
      await app.sessions.setData(request, reply, {
        ...(request.session?.data ?? {}),
        pendingForm: pending,
      });
    }
    if (timedOut) {
      // Signed out: to the sign-in page, which says why; the kept form is on its page after. Still
      // signed in (another window kept the session going): back to the page, which shows it kept.
      const next = `/sign-in?timedOut=${kept ? 'kept' : ''}&next=${encodeURIComponent(pending.url)}`;
      return reply.redirect(request.user ? pending.url : next, 303);
    }
    const whatTyped = kept
      ? 'What you typed has been kept'
      : 'What you typed was too long to keep: go back in your browser to copy it';
    // Someone whose signed-in session ended signs in again; a visitor to a public form (who never
    // signed in) just goes back to it.
    if (!request.user && request.sessionExpired) {
      throw new HttpError(
        401,
        'Your session has ended',
        `For your security, we sign you out after a period of inactivity. ${whatTyped}${kept ? ': sign in again and you will see it on the page, ready to save.' : ', then sign in again.'}`,
        [{ text: 'Sign in again', href: `/sign-in?next=${encodeURIComponent(pending.url)}` }],
      );
    }
    throw new HttpError(
      403,
      'This form could not be accepted',
      `The page you used was out of date (it may have been open for a long time or in another window). ${whatTyped}${kept ? ': go back to the page to check it and save again.' : ', then reload the page and save again.'}`,
      [{ text: 'Go back to the page', href: pending.url }],
    );
  });
}

/**
 * What a signed-in page tells its script of the idle sign-out: the idle time, how long this session
 * has left (the server's count, so the warning is on time) and how long before its end to warn.
 */
export function sessionTiming(
  request: FastifyRequest,
  config: { sessionIdleMinutes: number; sessionWarningSeconds: number },
  now: Date,
): PageChrome['session'] {
  const idleSeconds = config.sessionIdleMinutes * 60;
  const expiresAt = request.session?.expiresAt;
  return {
    idleMinutes: config.sessionIdleMinutes,
    expiresInSeconds:
      expiresAt === undefined ? idleSeconds : Math.min(idleSeconds, secondsUntil(expiresAt, now)),
    warningSeconds: Math.min(config.sessionWarningSeconds, idleSeconds),
  };
}

/** The header's logo and colour stylesheet, addressed by what they hold so they can be cached. */
export function brandingChrome(branding: Branding): NonNullable<PageChrome['branding']> {
  const id = branding.partnershipId;
  return {
    partnershipName: branding.partnershipName,
    logoHref: branding.logoSha256 ? `/branding/${id}/logo-${branding.logoSha256.slice(0, 16)}` : undefined,
    stylesheetHref: branding.headerColour
      ? `/branding/${id}.css?v=${branding.headerColour.replace('#', '')}`
      : undefined,
  };
}

/** Only same-site absolute paths, to avoid open redirects. */
export function safeLocalPath(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // Browsers drop tabs and line breaks from addresses, so "/\t/evil.example" would leave the site.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
  if (/[\u0000-\u001f\u007f]/.test(value)) return null;
  let path = value;
  if (/^https?:\/\//i.test(value)) {
    try {
      const url = new URL(value);
      path = url.pathname + url.search;
    } catch {
      return null;
    }
  }
  if (!path.startsWith('/') || path.startsWith('//') || path.includes('\\')) return null;
  // An address goes into a Location header, which holds ASCII only: anything else is percent-encoded
  // as the browser would (and text that is not even valid Unicode is refused).
  try {
    return path.replace(/[^\x21-\x7e]+/g, (text) => encodeURIComponent(text));
  } catch {
    return null;
  }
}

export const authPlugin = fp(authPluginImpl, { name: 'auth', dependencies: ['sessions'] });
