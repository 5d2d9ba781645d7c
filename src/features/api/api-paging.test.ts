import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { paginate, parsePaging } from './api-paging.ts';

describe('API pages', () => {
  it('reads page and pageSize, refusing anything but whole numbers in range', () => {
    assert.deepEqual(parsePaging({}), { page: 1, pageSize: 100 });
    assert.deepEqual(parsePaging({ page: '2', pageSize: '1000' }), { page: 2, pageSize: 1000 });
    for (const bad of [
      { page: '0' },
      { pageSize: '1001' },
      { page: '1.5' },
      { page: '-1' },
      { pageSize: 'ten' },
    ])
      assert.throws(() => parsePaging(bad), /must be a whole number/);
  });

  it('slices items and links the pages beside', () => {
    const items = Array.from({ length: 5 }, (_, i) => i);
    assert.deepEqual(paginate(items, { page: '2', pageSize: '2' }, '/x'), {
      data: [2, 3],
      meta: { page: 2, pageSize: 2, totalItems: 5, totalPages: 3 },
      links: { self: '/x?page=2&pageSize=2', next: '/x?page=3&pageSize=2', prev: '/x?page=1&pageSize=2' },
    });
    const beyond = paginate(items, { page: '9', pageSize: '2' }, '/x');
    assert.deepEqual(beyond.data, []);
    assert.equal(beyond.links.prev, '/x?page=3&pageSize=2');
    assert.equal(paginate([], {}, '/x').meta.totalPages, 1);
  });
});
