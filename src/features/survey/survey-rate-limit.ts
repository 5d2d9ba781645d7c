/**
 * Abuse limits for the public survey form that store no network address.
 *
 * 1. Per sender, in memory only: the key is an HMAC of the address and the survey link under a
 *    random key made when the process starts and never written anywhere, so the key cannot be
 *    turned back into an address (not even by someone with the code and a list of every IPv4
 *    address). Counters live in this process's memory and vanish with it; with several app
 *    instances each counts on its own, which is why the second limit exists.
 * 2. Per link, in the database: at most `perLinkPerDay` responses a day to one agency's link,
 *    whichever instance receives them (counted from the responses themselves; nothing else kept).
 *
 * Limits are generous because a whole office can share one address.
 */
import { createHmac, randomBytes } from 'node:crypto';

export interface SurveyLimits {
  /** Responses one sender may send to one link in a window. */
  perSender: number;
  windowMs: number;
  /** Responses one link accepts in a day (UK time). */
  perLinkPerDay: number;
}

export const SURVEY_LIMITS: SurveyLimits = { perSender: 30, windowMs: 15 * 60_000, perLinkPerDay: 1000 };

/** Counters kept at most; past this, expired ones are dropped, then the oldest. */
const MAX_KEYS = 50_000;

export class SenderLimiter {
  private readonly key = randomBytes(32);
  private readonly counters = new Map<string, { count: number; since: number }>();

  constructor(private readonly limits: Pick<SurveyLimits, 'perSender' | 'windowMs'> = SURVEY_LIMITS) {}

  private hash(address: string, link: string): string {
    return createHmac('sha256', this.key).update(`${address}\u0000${link}`).digest('base64url');
  }

  /** Counts one attempt; false when the sender has reached the limit in the current window. */
  take(address: string, link: string, nowMs: number): boolean {
    const id = this.hash(address, link);
    const entry = this.counters.get(id);
    if (!entry || nowMs - entry.since >= this.limits.windowMs) {
      this.prune(nowMs);
      this.counters.set(id, { count: 1, since: nowMs });
      return true;
    }
    if (entry.count >= this.limits.perSender) return false;
    entry.count += 1;
    return true;
  }

  /** How many senders are being counted (for tests). */
  get size(): number {
    return this.counters.size;
  }

  private prune(nowMs: number): void {
    if (this.counters.size < MAX_KEYS) return;
    for (const [id, entry] of this.counters)
      if (nowMs - entry.since >= this.limits.windowMs) this.counters.delete(id);
    // Map keeps insertion order: the first keys are the oldest windows.
    for (const id of this.counters.keys()) {
      if (this.counters.size < MAX_KEYS) break;
      this.counters.delete(id);
    }
  }
}
