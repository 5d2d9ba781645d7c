import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closestWord, editDistance } from './did-you-mean.ts';

describe('did you mean', () => {
  it('counts edits, a swap of neighbours as one', () => {
    assert.equal(editDistance('evidencepromt', 'evidenceprompt'), 1);
    assert.equal(editDistance('titel', 'title'), 1);
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
  });

  it('suggests the one close known word, ignoring case, spaces, hyphens and underscores', () => {
    const fields = ['key', 'text', 'scale', 'guidance', 'evidencePrompt', 'options'];
    assert.equal(closestWord('evidencePromt', fields), 'evidencePrompt');
    assert.equal(closestWord('Evidence prompt', fields), 'evidencePrompt');
    assert.equal(closestWord('guidence', fields), 'guidance');
    assert.equal(closestWord('titel', ['key', 'title', 'description']), 'title');
    assert.equal(closestWord('Localitys', ['Sectors', 'Localities']), 'Localities');
  });

  it('suggests nothing far off, short words only one edit away, and nothing on a tie', () => {
    assert.equal(closestWord('colour', ['key', 'text', 'scale', 'options']), undefined);
    assert.equal(closestWord('kex', ['key']), 'key');
    assert.equal(closestWord('kxx', ['key']), undefined);
    assert.equal(closestWord('bat', ['bad', 'bar']), undefined);
    assert.equal(closestWord('', ['key']), undefined);
  });
});
