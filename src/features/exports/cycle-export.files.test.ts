import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_CELL_LENGTH, textCell } from './cycle-export.files.ts';

describe('export cells', () => {
  it('neutralise text a spreadsheet would run as a formula', () => {
    for (const text of ['=1+1', '+44 1234', '-2', '@SUM(A1)', '\tx', '\rx'])
      assert.equal(textCell(text), `'${text}`);
    assert.equal(textCell('Plain text'), 'Plain text');
  });

  it('cut text longer than a cell may hold, saying so', () => {
    const cut = textCell('x'.repeat(MAX_CELL_LENGTH + 10));
    assert.equal(cut.length, MAX_CELL_LENGTH);
    assert.match(cut, /cut: see the return for the full text\]$/);
    assert.equal(textCell('y'.repeat(MAX_CELL_LENGTH)).length, MAX_CELL_LENGTH);
  });
});
