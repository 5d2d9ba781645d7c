import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_CELL_LENGTH, textCell } from './cycle-export.files.ts';

describe('export cells', () => {
  it('keep text as typed: a string cell is never run as a formula, so no apostrophe', () => {
    for (const text of ['=1+1', '+44 1234', '-2', '@SUM(A1)', 'Plain text'])
      assert.equal(textCell(text), text);
  });

  it('cut text longer than a cell may hold, saying so', () => {
    const cut = textCell('x'.repeat(MAX_CELL_LENGTH + 10));
    assert.equal(cut.length, MAX_CELL_LENGTH);
    assert.match(cut, /cut: see the return for the full text\]$/);
    assert.equal(textCell('y'.repeat(MAX_CELL_LENGTH)).length, MAX_CELL_LENGTH);
  });
});
