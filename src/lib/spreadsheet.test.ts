import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvField, toCsv } from './spreadsheet.ts';

describe('CSV fields', () => {
  it('put an apostrophe before text a spreadsheet program would run as a formula', () => {
    for (const text of ['=1+1', '+44 1234', '-2', '@SUM(A1)', '\tx'])
      assert.equal(csvField(text), `'${text}`);
    assert.equal(csvField('\rx'), `"'\rx"`);
    assert.equal(csvField('Plain text'), 'Plain text');
    assert.equal(csvField(-2), '-2', 'a number is a number');
  });

  it('quote fields with commas, quotes or line breaks', () => {
    assert.equal(toCsv([['a,b', 'say "hi"']]), '\uFEFF"a,b","say ""hi"""\r\n');
  });
});
