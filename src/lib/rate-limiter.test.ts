import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RateLimiter } from './rate-limiter.ts';

describe('an in-memory rate limit', () => {
  it('lets a sender send up to the limit in a window, then refuses until the window passes', () => {
    const limiter = new RateLimiter({ limit: 3, windowMs: 1000 });
    assert.deepEqual(
      [1, 2, 3, 4].map(() => limiter.take(['203.0.113.9', 'link-a'], 0)),
      [true, true, true, false],
    );
    assert.equal(limiter.take(['203.0.113.9', 'link-a'], 999), false);
    assert.equal(limiter.take(['203.0.113.9', 'link-a'], 1000), true);
  });

  it('counts each sender and each link on its own', () => {
    const limiter = new RateLimiter({ limit: 1, windowMs: 1000 });
    assert.equal(limiter.take(['203.0.113.9', 'link-a'], 0), true);
    assert.equal(limiter.take(['203.0.113.10', 'link-a'], 0), true);
    assert.equal(limiter.take(['203.0.113.9', 'link-b'], 0), true);
    assert.equal(limiter.take(['203.0.113.9', 'link-a'], 0), false);
  });

  it('keeps no address: its counters are keyed by a hash that does not contain it', () => {
    const limiter = new RateLimiter({ limit: 1, windowMs: 1000 });
    limiter.take(['198.51.100.77', 'link-a'], 0);
    const keys = [...(limiter as unknown as { counters: Map<string, unknown> }).counters.keys()];
    assert.equal(keys.length, 1);
    // The address and the link as given, or the address's digits in a run: never the digits alone,
    // which a hash's 43 characters hold by chance (about one run in fifty held "51" or "77").
    assert.doesNotMatch(keys[0]!, /198\.?51\.?100\.?77|link-a/);
  });
});
