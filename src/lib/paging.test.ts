import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pageNumbers, pageOf, requestedPage } from './paging.ts';

test('pageOf gives the asked page, and the last one for a page past the end', () => {
  const list = Array.from({ length: 250 }, (_, i) => i + 1);
  const second = pageOf(list, 2, 100);
  assert.deepEqual(
    [second.page, second.pageCount, second.from, second.to, second.total],
    [2, 3, 101, 200, 250],
  );
  assert.equal(second.items[0], 101);
  const past = pageOf(list, 9, 100);
  assert.deepEqual([past.page, past.from, past.to, past.items.length], [3, 201, 250, 50]);
  const empty = pageOf([], 1, 100);
  assert.deepEqual([empty.page, empty.pageCount, empty.from, empty.to], [1, 1, 0, 0]);
});

test('requestedPage reads whole numbers from 1 and takes anything else as the first page', () => {
  assert.equal(requestedPage('7'), 7);
  for (const v of [undefined, '', '0', '-2', '1.5', 'x', ['2']]) assert.equal(requestedPage(v), 1);
});

test('pageNumbers shows the ends, the current page and its neighbours, with ellipses between', () => {
  assert.deepEqual(pageNumbers(1, 1), [1]);
  assert.deepEqual(pageNumbers(1, 3), [1, 2, 3]);
  assert.deepEqual(pageNumbers(5, 100), [1, null, 4, 5, 6, null, 100]);
  assert.deepEqual(pageNumbers(2, 100), [1, 2, 3, null, 100]);
  assert.deepEqual(pageNumbers(100, 100), [1, null, 99, 100]);
});
