/**
 * In-memory rate limits that keep no address: the key of each counter is an HMAC of what it counts
 * (a network address and a survey link, a typed email address…) under a random key made when the
 * process starts and never written anywhere, so it cannot be turned back into what was counted (not
 * even by someone with the code and a list of every IPv4 address). Counters live in this process's
 * memory and vanish with it; with several app instances each counts on its own. At most
 * `MAX_KEYS` counters are kept: past that, ended windows are dropped first, then the oldest.
 */
import { createHmac, randomBytes } from 'node:crypto';

export interface Limit {
  /** Attempts allowed in one window. */
  limit: number;
  windowMs: number;
}

const MAX_KEYS = 50_000;

export class RateLimiter {
  private readonly key = randomBytes(32);
  private readonly counters = new Map<string, { count: number; since: number }>();

  constructor(private readonly limits: Limit) {}

  private hash(parts: string[]): string {
    return createHmac('sha256', this.key).update(parts.join('\u0000')).digest('base64url');
  }

  /** Counts one attempt by `parts`; false when they have reached the limit in the current window. */
  take(parts: string[], nowMs: number): boolean {
    const id = this.hash(parts);
    const entry = this.counters.get(id);
    if (!entry || nowMs - entry.since >= this.limits.windowMs) {
      this.prune(nowMs);
      this.counters.delete(id);
      this.counters.set(id, { count: 1, since: nowMs });
      return true;
    }
    if (entry.count >= this.limits.limit) return false;
    entry.count += 1;
    return true;
  }

  /** How many are being counted (for tests). */
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

/** The app's in-memory limits, each defaulting to its feature's own (see `AppDeps.limits`). */
export interface RateLimits {
  signInPerAddress: Limit;
  signInPerClient: Limit;
  joinRequestsPerClient: Limit;
}
