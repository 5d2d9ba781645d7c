import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { agreeing, plural, possessive } from './words.ts';

describe('words for counts', () => {
  it('writes a count with its noun in the singular for one only', () => {
    assert.equal(plural(1, 'agency', 'agencies'), '1 agency');
    assert.equal(plural(0, 'agency', 'agencies'), '0 agencies');
    assert.equal(plural(2, 'theme'), '2 themes');
  });

  it('gives the word that agrees with a count', () => {
    assert.equal(`1 agency ${agreeing(1, 'takes', 'take')} part`, '1 agency takes part');
    assert.equal(`3 agencies ${agreeing(3, 'takes', 'take')} part`, '3 agencies take part');
  });

  it('writes the possessive of a name, with only an apostrophe after a final s', () => {
    assert.equal(possessive('Northshire Police'), "Northshire Police's");
    assert.equal(
      possessive('Northshire County Council Children’s Services'),
      "Northshire County Council Children’s Services'",
    );
    assert.equal(possessive('NHS TRUSTS'), "NHS TRUSTS'");
    assert.equal(possessive('Youth Justice Service', '’'), 'Youth Justice Service’s');
  });
});
