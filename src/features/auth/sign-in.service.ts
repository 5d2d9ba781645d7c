/**
 * Passwordless sign-in: a single-use link, stored hashed, valid for 15 minutes. The same answer is
 * given whether or not the email address is known, in the same time: the request only counts the
 * attempt (per address and per client, in memory) and hands the address to `SignInLinkRequests`,
 * which looks it up and sends the link after the answer has gone.
 */
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { signInTokens } from '../../db/schema.ts';
import type { JobHandler, QueueDefinition } from '../../jobs/job-queue.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Limit } from '../../lib/rate-limiter.ts';
import { purgeEndedSessions } from '../../lib/session.ts';
import { randomToken, sha256 } from '../../lib/tokens.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { findUserByEmail } from './users.repository.ts';

export const SIGN_IN_LINK_MINUTES = 15;

/**
 * Sign-in links one address may be sent, and sign-in requests one client (network address) may
 * make, in a quarter of an hour. The client's is generous: a whole office can share one address.
 */
export const SIGN_IN_LIMITS: { perAddress: Limit; perClient: Limit } = {
  perAddress: { limit: 5, windowMs: 15 * 60_000 },
  perClient: { limit: 50, windowMs: 15 * 60_000 },
};

export interface SignInDeps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  baseUrl: string;
}

/** Stores a new single-use sign-in token for the user and gives the link that uses it. */
export async function issueSignInLink(
  deps: Pick<SignInDeps, 'db' | 'clock' | 'baseUrl'>,
  userId: string,
  redirectTo: string | null,
  minutes: number = SIGN_IN_LINK_MINUTES,
): Promise<string> {
  const token = randomToken();
  const now = deps.clock.now();
  await deps.db.insert(signInTokens).values({
    tokenHash: sha256(token),
    userId,
    redirectTo,
    createdAt: now,
    expiresAt: new Date(now.getTime() + minutes * 60_000),
  });
  return `${deps.baseUrl}/sign-in/link/${token}`;
}

export async function requestSignInLink(
  deps: SignInDeps,
  email: string,
  redirectTo: string | null,
): Promise<void> {
  const user = await findUserByEmail(deps.db, email);
  if (!user) return;
  const link = await issueSignInLink(deps, user.id, redirectTo);
  await deps.mailer.send({
    priority: 'urgent',
    to: user.email,
    subject: 'Your sign-in link for Section 11 Audit',
    text: [
      `Hello ${user.name},`,
      '',
      'Use this link to sign in to Section 11 Audit:',
      link,
      '',
      `The link works once and expires in ${SIGN_IN_LINK_MINUTES} minutes.`,
      'If you did not ask to sign in, you can ignore this email.',
    ].join('\n'),
  });
}

/**
 * Sign-in link requests, done in the background after the answer is sent, so the answer takes the
 * same time whether or not the address is known. Bounded: past `max` waiting, new ones are refused
 * (the person is asked to try again in a few minutes). The address is held only until it is used.
 */
export class SignInLinkRequests {
  private readonly running = new Set<Promise<void>>();
  private held: Promise<void> | null = null;

  constructor(
    private readonly deps: SignInDeps,
    private readonly onError: (error: unknown) => void,
    private readonly max = 1000,
  ) {}

  /** Queues the request; false when too many are waiting. */
  submit(email: string, redirectTo: string | null): boolean {
    if (this.running.size >= this.max) return false;
    const work: Promise<void> = (async () => {
      await new Promise((resolve) => setImmediate(resolve));
      if (this.held) await this.held;
      await requestSignInLink(this.deps, email, redirectTo);
    })()
      .catch(this.onError)
      .finally(() => this.running.delete(work));
    this.running.add(work);
    return true;
  }

  /** Resolves when every queued request has been done. */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /** Holds queued requests until the returned function is called (tests look between the two). */
  hold(): () => void {
    let release = () => {};
    this.held = new Promise((resolve) => {
      release = () => {
        this.held = null;
        resolve();
      };
    });
    return release;
  }
}

export type TokenCheck =
  | { ok: true; userId: string; redirectTo: string | null }
  | { ok: false; reason: 'unknown' | 'used' | 'expired' };

export async function checkSignInToken(
  deps: Pick<SignInDeps, 'db' | 'clock'>,
  token: string,
): Promise<TokenCheck> {
  const [row] = await deps.db
    .select()
    .from(signInTokens)
    .where(eq(signInTokens.tokenHash, sha256(token)));
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.usedAt) return { ok: false, reason: 'used' };
  if (row.expiresAt.getTime() <= deps.clock.now().getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, userId: row.userId, redirectTo: row.redirectTo };
}

/** Marks the token used; only one caller can win. */
export async function consumeSignInToken(
  deps: Pick<SignInDeps, 'db' | 'clock'>,
  token: string,
): Promise<TokenCheck> {
  const check = await checkSignInToken(deps, token);
  if (!check.ok) return check;
  const used = await deps.db
    .update(signInTokens)
    .set({ usedAt: deps.clock.now() })
    .where(and(eq(signInTokens.tokenHash, sha256(token)), isNull(signInTokens.usedAt)))
    .returning({ userId: signInTokens.userId });
  return used.length === 1 ? check : { ok: false, reason: 'used' };
}

/**
 * Used and expired links are kept a day (so someone opening an old link is told it was used or
 * has expired rather than that it is unknown), then deleted. Returns how many.
 */
export const SIGN_IN_TOKENS_KEPT_MS = 24 * 60 * 60 * 1000;

export async function purgeSignInTokens(db: Db, now: Date): Promise<number> {
  const before = new Date(now.getTime() - SIGN_IN_TOKENS_KEPT_MS);
  const deleted = await db
    .delete(signInTokens)
    .where(or(lt(signInTokens.expiresAt, before), lt(signInTokens.usedAt, before)))
    .returning({ id: signInTokens.id });
  return deleted.length;
}

/** Every quarter of an hour: deletes ended sessions and old sign-in links. */
export const SESSIONS_PURGE_QUEUE = 'sessions-purge';
export const sessionsPurgeQueue: QueueDefinition = {
  name: SESSIONS_PURGE_QUEUE,
  options: { retryLimit: 0, expireInSeconds: 300 },
};
export const SESSIONS_PURGE_CRON = '*/15 * * * *';

export function sessionsPurgeHandler(deps: { db: Db; clock: Clock; sessionIdleMinutes: number }): JobHandler {
  return async () => {
    const now = deps.clock.now();
    await purgeEndedSessions(deps.db, now, deps.sessionIdleMinutes);
    await purgeSignInTokens(deps.db, now);
  };
}
