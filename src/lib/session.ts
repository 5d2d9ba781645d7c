/**
 * Server-side sessions kept in the database. The cookie holds a random id, signed with the session
 * secret; the table holds its SHA-256, the signed-in user, the CSRF token and small session data.
 * Sessions end after `idleMinutes` without a request and `absoluteHours` after they began, and are
 * replaced (new id) at sign-in and sign-out; ended ones are deleted by a scheduled job.
 *
 * A row is made only when there is something to keep: at sign-in, or to keep a form for a session
 * of ours (a valid signed cookie). Visitors who have not signed in get their CSRF token from a
 * signed cookie of their own instead, so anonymous pages write nothing to the database. In
 * production both cookies carry the `__Host-` prefix (Secure, whole site, this host only).
 */

import { and, eq, lt, or } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/client.ts';
import { readRows, statement } from '../db/prepared.ts';
import { sessions } from '../db/schema.ts';
import type { Clock } from './clock.ts';
import { randomToken, safeEqual, sha256 } from './tokens.ts';

export const SESSION_COOKIE = 's11_session';
/** The CSRF token of a visitor with no session (double submit: the cookie, signed, and the form). */
export const CSRF_COOKIE = 's11_csrf';
/** Sessions end this long after they began, however busy. */
export const SESSION_ABSOLUTE_HOURS = 12;

/** The cookies' names: with the `__Host-` prefix when they are Secure (production). */
export function cookieNames(secure: boolean): { session: string; csrf: string } {
  const prefix = secure ? '__Host-' : '';
  return { session: `${prefix}${SESSION_COOKIE}`, csrf: `${prefix}${CSRF_COOKIE}` };
}

export interface SessionState {
  idHash: string;
  userId: string | null;
  csrfToken: string;
  data: Record<string, unknown>;
  /** The signed-in user as read with the session (see `SessionOptions.user`), if any. */
  user?: unknown;
  /** When the session ends unless another request comes first (ms since the epoch). */
  expiresAt?: number;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route serves people who stay anonymous: no session is read or started for it. */
    anonymous?: boolean;
  }
  interface FastifyRequest {
    session: SessionState | null;
    /** The request carried a session cookie of ours whose session had ended. */
    sessionExpired: boolean;
    /** The CSRF token of a visitor with no session, once read or made for this request. */
    anonymousCsrf: string | null;
  }
}

export interface SessionOptions {
  db: Db;
  clock: Clock;
  idleMinutes: number;
  /** Sessions end this many hours after they began (default `SESSION_ABSOLUTE_HOURS`). */
  absoluteHours?: number;
  secure: boolean;
  /**
   * The signed-in user read in the same query as the session (one trip a request): columns of
   * `users u`, and how to turn them into the user.
   */
  user?: { columns: string; parse(row: Record<string, unknown>): unknown };
}

/** Only write last-seen when it is this stale, so a busy page does not write on every request. */
const TOUCH_AFTER_MS = 60_000;

async function sessionPlugin(app: FastifyInstance, options: SessionOptions): Promise<void> {
  const { db, clock, idleMinutes, secure, user } = options;
  const idleMs = idleMinutes * 60_000;
  const absoluteMs = (options.absoluteHours ?? SESSION_ABSOLUTE_HOURS) * 3_600_000;
  const names = cookieNames(secure);
  const sessionById = user
    ? statement(
        'session_with_user',
        `select s.user_id, s.csrf_token, s.data, s.last_seen_at, s.created_at, ${user.columns}
         from sessions s left join users u on u.id = s.user_id where s.id_hash = $1`,
      )
    : statement(
        'session_by_id',
        'select user_id, csrf_token, data, last_seen_at, created_at from sessions where id_hash = $1',
      );

  app.decorateRequest('session', null);
  app.decorateRequest('sessionExpired', false);
  app.decorateRequest('anonymousCsrf', null);

  /** A signed cookie's value, or null when it is missing or its signature is wrong. */
  function signedCookie(request: FastifyRequest, name: string): string | null {
    const raw = request.cookies[name];
    if (!raw) return null;
    const unsigned = request.unsignCookie(raw);
    return unsigned.valid && unsigned.value ? unsigned.value : null;
  }

  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/assets/')) return;
    // Anonymous routes (the staff survey) neither read nor start a session: nothing ties the
    // person to what they send, even when their browser holds a signed-in cookie.
    if (request.routeOptions.config?.anonymous) return;
    // A cookie we did not sign is no session of ours: as if there were none.
    const raw = signedCookie(request, names.session);
    if (!raw) return;
    const idHash = sha256(raw);
    const [row] = await readRows<{
      user_id: string | null;
      csrf_token: string;
      data: Record<string, unknown>;
      last_seen_at: Date | string;
      created_at: Date | string;
    }>(db, sessionById, [idHash]);
    if (!row) {
      request.sessionExpired = true;
      return;
    }
    const now = clock.now();
    const lastSeen = new Date(row.last_seen_at).getTime();
    const began = new Date(row.created_at).getTime();
    if (now.getTime() - lastSeen > idleMs || now.getTime() - began > absoluteMs) {
      await db.delete(sessions).where(eq(sessions.idHash, idHash));
      request.sessionExpired = row.user_id !== null;
      return;
    }
    const touched = now.getTime() - lastSeen > TOUCH_AFTER_MS;
    if (touched) {
      await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash));
    }
    request.session = {
      idHash,
      userId: row.user_id,
      csrfToken: row.csrf_token,
      data: row.data ?? {},
      user: user && row.user_id ? user.parse(row) : null,
      expiresAt: Math.min((touched ? now.getTime() : lastSeen) + idleMs, began + absoluteMs),
    };
  });

  function setCookie(reply: FastifyReply, name: string, value: string): void {
    reply.setCookie(name, value, { path: '/', httpOnly: true, sameSite: 'lax', secure, signed: true });
  }

  async function create(reply: FastifyReply, userId: string | null, data: Record<string, unknown>) {
    const raw = randomToken();
    const state: SessionState = { idHash: sha256(raw), userId, csrfToken: randomToken(), data };
    const now = clock.now();
    await db.insert(sessions).values({ ...state, lastSeenAt: now, createdAt: now });
    setCookie(reply, names.session, raw);
    return { ...state, expiresAt: Math.min(now.getTime() + idleMs, now.getTime() + absoluteMs) };
  }

  app.decorate('sessions', {
    /** The session's CSRF token; with no session, the visitor's own from a signed cookie. */
    async csrfToken(request: FastifyRequest, reply: FastifyReply): Promise<string> {
      if (request.session) return request.session.csrfToken;
      if (!request.anonymousCsrf) {
        request.anonymousCsrf = signedCookie(request, names.csrf);
        if (!request.anonymousCsrf) {
          request.anonymousCsrf = randomToken();
          setCookie(reply, names.csrf, request.anonymousCsrf);
        }
      }
      return request.anonymousCsrf;
    },
    /** The request came with a session of ours, live or ended (a valid signed cookie). */
    hadSession(request: FastifyRequest): boolean {
      return request.session !== null || request.sessionExpired;
    },
    /** Replaces the session with a new one (new id, new CSRF token) for `userId`, keeping its data. */
    async regenerate(
      request: FastifyRequest,
      reply: FastifyReply,
      userId: string | null,
    ): Promise<SessionState> {
      const data = request.session?.data ?? {};
      if (request.session) await db.delete(sessions).where(eq(sessions.idHash, request.session.idHash));
      request.session = await create(reply, userId, data);
      return request.session;
    },
    async setData(
      request: FastifyRequest,
      reply: FastifyReply,
      data: Record<string, unknown>,
    ): Promise<void> {
      if (!request.session) {
        request.session = await create(reply, null, data);
        return;
      }
      request.session.data = data;
      await db.update(sessions).set({ data }).where(eq(sessions.idHash, request.session.idHash));
    },
    /**
     * Counts now as the session's last use (a request writes it only once a minute), so that it
     * ends the full idle time from now, or at its absolute end if sooner. Returns when it ends.
     */
    async touch(request: FastifyRequest): Promise<number | null> {
      const session = request.session;
      if (!session) return null;
      const [row] = await db
        .update(sessions)
        .set({ lastSeenAt: clock.now() })
        .where(eq(sessions.idHash, session.idHash))
        .returning({ createdAt: sessions.createdAt });
      if (!row) return null;
      session.expiresAt = Math.min(
        clock.now().getTime() + idleMs,
        new Date(row.createdAt).getTime() + absoluteMs,
      );
      return session.expiresAt;
    },
    async destroy(request: FastifyRequest, reply: FastifyReply): Promise<void> {
      if (request.session) await db.delete(sessions).where(eq(sessions.idHash, request.session.idHash));
      request.session = null;
      reply.clearCookie(names.session, { path: '/', secure });
    },
    /** Ends every session of a user at once (a removed person). */
    async destroyForUser(userId: string): Promise<void> {
      await db.delete(sessions).where(and(eq(sessions.userId, userId)));
    },
    csrfValid(request: FastifyRequest, token: unknown): boolean {
      if (typeof token !== 'string') return false;
      if (request.session) return safeEqual(token, request.session.csrfToken);
      const anonymous = signedCookie(request, names.csrf);
      return anonymous !== null && safeEqual(token, anonymous);
    },
  });
}

/**
 * Deletes sessions that have ended (idle, or past their absolute lifetime), however they ended:
 * a session nobody comes back to is otherwise never read again. Returns how many.
 */
export async function purgeEndedSessions(
  db: Db,
  now: Date,
  idleMinutes: number,
  absoluteHours: number = SESSION_ABSOLUTE_HOURS,
): Promise<number> {
  const deleted = await db
    .delete(sessions)
    .where(
      or(
        lt(sessions.lastSeenAt, new Date(now.getTime() - idleMinutes * 60_000)),
        lt(sessions.createdAt, new Date(now.getTime() - absoluteHours * 3_600_000)),
      ),
    )
    .returning({ idHash: sessions.idHash });
  return deleted.length;
}

export interface SessionApi {
  csrfToken(request: FastifyRequest, reply: FastifyReply): Promise<string>;
  hadSession(request: FastifyRequest): boolean;
  regenerate(request: FastifyRequest, reply: FastifyReply, userId: string | null): Promise<SessionState>;
  setData(request: FastifyRequest, reply: FastifyReply, data: Record<string, unknown>): Promise<void>;
  touch(request: FastifyRequest): Promise<number | null>;
  destroy(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  destroyForUser(userId: string): Promise<void>;
  csrfValid(request: FastifyRequest, token: unknown): boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    sessions: SessionApi;
  }
}

export default fp(sessionPlugin, { name: 'sessions' });
