import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeCursor, encodeCursor, paginate, parsePaging } from './api-paging.ts';

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

  it('carries the position and the list’s count in a cursor, and reads cursors made before the count was', () => {
    const at = {
      sortName: 'northshire police',
      returnId: '0b6b0b1e-6a43-4b6e-9d4e-1c2f3a4b5c6d',
      skip: 3,
      page: 2,
    };
    assert.deepEqual(decodeCursor(encodeCursor({ ...at, totalItems: 580 })), { ...at, totalItems: 580 });
    const older = Buffer.from(JSON.stringify([at.sortName, at.returnId, at.skip, at.page])).toString(
      'base64url',
    );
    assert.deepEqual(decodeCursor(older), { ...at, totalItems: undefined });
    for (const bad of [-1, 1.5, 'many'])
      assert.throws(
        () =>
          decodeCursor(
            Buffer.from(JSON.stringify([at.sortName, at.returnId, at.skip, at.page, bad])).toString(
              'base64url',
            ),
          ),
        /cursor must be one given in links.next/,
      );
  });
});
