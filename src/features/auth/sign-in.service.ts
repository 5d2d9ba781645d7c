/**
 * Passwordless sign-in: a single-use link, stored hashed, valid for 15 minutes. The same answer is
 * given whether or not the email address is known.
 */
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { signInTokens } from '../../db/schema.ts';
import type { JobHandler, QueueDefinition } from '../../jobs/job-queue.ts';
import type { Clock } from '../../lib/clock.ts';
import { purgeEndedSessions } from '../../lib/session.ts';
import { randomToken, sha256 } from '../../lib/tokens.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { findUserByEmail } from './users.repository.ts';

export const SIGN_IN_LINK_MINUTES = 15;

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
