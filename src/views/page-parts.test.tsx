import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeHtml } from '@kitajs/html';
import fc from 'fast-check';
import { PageParts, pageBytes, partsAround } from './page-parts.ts';

describe('pages in parts', () => {
  it('sends the bytes of the whole page, each part encoded as UTF-8 after the last', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 200 }), { maxLength: 12 }), (parts) => {
        assert.deepEqual(pageBytes(new PageParts(parts)), Buffer.from(parts.join('')));
      }),
    );
  });

  it('puts the middle where the frame prints its slot, and reads as the page it makes', () => {
    const page = partsAround(
      (safeSlot) => (
        <main>
          <h1>Theme – “one”</h1>
          {safeSlot}
          <p>After</p>
        </main>
      ),
      ['<div>1</div>', '<div>2</div>'],
    );
    assert.deepEqual(page.parts, [
      '<main><h1>Theme – “one”</h1>',
      '<div>1</div>',
      '<div>2</div>',
      '<p>After</p></main>',
    ]);
    assert.equal(String(page), '<main><h1>Theme – “one”</h1><div>1</div><div>2</div><p>After</p></main>');
  });

  it('refuses a frame that does not print its slot, or prints it twice', () => {
    assert.throws(() => partsAround(() => <p>No slot</p>, ['x']), /exactly once/);
    assert.throws(
      () =>
        partsAround(
          (safeSlot) => (
            <p>
              {safeSlot}
              {safeSlot}
            </p>
          ),
          ['x'],
        ),
      /exactly once/,
    );
  });

  it('is not confused by saved text that looks like a slot: what people type reaches the frame escaped', () => {
    const typed = '<!--app-parts-0123456789abcdef01234567-->';
    const page = partsAround(
      (safeSlot) => (
        <p>
          {escapeHtml(typed)}
          {safeSlot}
        </p>
      ),
      ['<b>middle</b>'],
    );
    assert.equal(String(page), `<p>${escapeHtml(typed)}<b>middle</b></p>`);
  });
});
