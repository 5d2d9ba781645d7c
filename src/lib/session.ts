/**
 * Server-side sessions kept in the database. The cookie holds a random id; the table holds its
 * SHA-256, the signed-in user, the CSRF token and small session data. Sessions end after
 * `idleMinutes` without a request, and are replaced (new id) at sign-in and sign-out.
 */

import { and, eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/client.ts';
import { readRows, statement } from '../db/prepared.ts';
import { sessions } from '../db/schema.ts';
import type { Clock } from './clock.ts';
import { randomToken, safeEqual, sha256 } from './tokens.ts';

export const SESSION_COOKIE = 's11_session';

export interface SessionState {
  idHash: string;
  userId: string | null;
  csrfToken: string;
  data: Record<string, unknown>;
  /** The signed-in user as read with the session (see `SessionOptions.user`), if any. */
  user?: unknown;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route serves people who stay anonymous: no session is read or started for it. */
    anonymous?: boolean;
  }
  interface FastifyRequest {
    session: SessionState | null;
    /** The request carried a session cookie whose session had ended. */
    sessionExpired: boolean;
  }
}

export interface SessionOptions {
  db: Db;
  clock: Clock;
  idleMinutes: number;
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
  const sessionById = user
    ? statement(
        'session_with_user',
        `select s.user_id, s.csrf_token, s.data, s.last_seen_at, ${user.columns}
         from sessions s left join users u on u.id = s.user_id where s.id_hash = $1`,
      )
    : statement(
        'session_by_id',
        'select user_id, csrf_token, data, last_seen_at from sessions where id_hash = $1',
      );

  app.decorateRequest('session', null);
  app.decorateRequest('sessionExpired', false);

  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith('/assets/')) return;
    // Anonymous routes (the staff survey) neither read nor start a session: nothing ties the
    // person to what they send, even when their browser holds a signed-in cookie.
    if (request.routeOptions.config?.anonymous) return;
    const raw = request.cookies[SESSION_COOKIE];
    if (!raw) return;
    const idHash = sha256(raw);
    const [row] = await readRows<{
      user_id: string | null;
      csrf_token: string;
      data: Record<string, unknown>;
      last_seen_at: Date | string;
    }>(db, sessionById, [idHash]);
    if (!row) {
      request.sessionExpired = true;
      return;
    }
    const now = clock.now();
    const lastSeen = new Date(row.last_seen_at).getTime();
    if (now.getTime() - lastSeen > idleMs) {
      await db.delete(sessions).where(eq(sessions.idHash, idHash));
      request.sessionExpired = row.user_id !== null;
      return;
    }
    if (now.getTime() - lastSeen > TOUCH_AFTER_MS) {
      await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash));
    }
    request.session = {
      idHash,
      userId: row.user_id,
      csrfToken: row.csrf_token,
      data: row.data ?? {},
      user: user && row.user_id ? user.parse(row) : null,
    };
  });

  function setCookie(reply: FastifyReply, value: string): void {
    reply.setCookie(SESSION_COOKIE, value, { path: '/', httpOnly: true, sameSite: 'lax', secure });
  }

  async function create(reply: FastifyReply, userId: string | null, data: Record<string, unknown>) {
    const raw = randomToken();
    const state: SessionState = { idHash: sha256(raw), userId, csrfToken: randomToken(), data };
    await db.insert(sessions).values({ ...state, lastSeenAt: clock.now(), createdAt: clock.now() });
    setCookie(reply, raw);
    return state;
  }

  app.decorate('sessions', {
    /** The session's CSRF token, starting an anonymous session when there is none. */
    async csrfToken(request: FastifyRequest, reply: FastifyReply): Promise<string> {
      if (!request.session) request.session = await create(reply, null, {});
      return request.session.csrfToken;
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
      if (!request.session) request.session = await create(reply, null, {});
      request.session.data = data;
      await db.update(sessions).set({ data }).where(eq(sessions.idHash, request.session.idHash));
    },
    async destroy(request: FastifyRequest, reply: FastifyReply): Promise<void> {
      if (request.session) await db.delete(sessions).where(eq(sessions.idHash, request.session.idHash));
      request.session = null;
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    },
    /** Ends every session of a user at once (a removed person). */
    async destroyForUser(userId: string): Promise<void> {
      await db.delete(sessions).where(and(eq(sessions.userId, userId)));
    },
    csrfValid(request: FastifyRequest, token: unknown): boolean {
      return (
        typeof token === 'string' && request.session !== null && safeEqual(token, request.session.csrfToken)
      );
    },
  });
}

export interface SessionApi {
  csrfToken(request: FastifyRequest, reply: FastifyReply): Promise<string>;
  regenerate(request: FastifyRequest, reply: FastifyReply, userId: string | null): Promise<SessionState>;
  setData(request: FastifyRequest, reply: FastifyReply, data: Record<string, unknown>): Promise<void>;
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
