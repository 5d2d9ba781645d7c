import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BoundedCache } from './bounded-cache.ts';

describe('a bounded cache', () => {
  it('never holds more than its bound, forgetting the least recently used first', () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    assert.equal(cache.get('a'), 1); // a is now more recent than b
    cache.set('c', 3);
    assert.equal(cache.size, 2);
    assert.equal(cache.get('b'), undefined);
    assert.equal(cache.get('a'), 1);
    assert.equal(cache.get('c'), 3);
  });

  it('replaces a value set again without growing', () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('a', 2);
    assert.equal(cache.size, 1);
    assert.equal(cache.get('a'), 2);
  });

  it('keeps values that are falsy', () => {
    const cache = new BoundedCache<string, number>(1);
    cache.set('zero', 0);
    assert.equal(cache.get('zero'), 0);
  });

  it('refuses a bound below one', () => {
    assert.throws(() => new BoundedCache(0), RangeError);
    assert.throws(() => new BoundedCache(1.5), RangeError);
  });
});
