/**
 * Abuse limits for the public survey form that store no network address.
 *
 * 1. Per sender and link, in memory only (`RateLimiter`, src/lib/rate-limiter.ts): keyed by an
 *    HMAC under a key that is never stored, so it cannot be turned back into an address. With
 *    several app instances each counts on its own, which is why the second limit exists.
 * 2. Per link, in the database: at most `perLinkPerDay` responses a day to one agency's link,
 *    whichever instance receives them (counted from the responses themselves; nothing else kept).
 *
 * Limits are generous because a whole office can share one address.
 */
export interface SurveyLimits {
  /** Responses one sender may send to one link in a window. */
  perSender: number;
  windowMs: number;
  /** Responses one link accepts in a day (UK time). */
  perLinkPerDay: number;
}

export const SURVEY_LIMITS: SurveyLimits = { perSender: 30, windowMs: 15 * 60_000, perLinkPerDay: 1000 };
