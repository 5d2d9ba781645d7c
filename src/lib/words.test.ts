import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { agreeing, compareEnglish, compareNames, plural, possessive, sortByName } from './words.ts';

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

describe('name order', () => {
  const names = [
    'Zeta Trust',
    'école Services',
    'alpha Police',
    'Alpha police',
    'Émile Care',
    'beta',
    'Agency 10',
    'Agency 9',
  ];
  it('sorts names as localeCompare in English ignoring case and accents does', () => {
    const expected = [...names].sort((x, y) => x.localeCompare(y, 'en', { sensitivity: 'base' }));
    assert.deepEqual([...names].sort(compareNames), expected);
    assert.equal(compareNames('alpha police', 'Alpha Police'), 0, 'case ignored');
    assert.equal(compareNames('Ecole', 'école'), 0, 'accents ignored');
  });
  it('sorts rows by name in the collator’s order with about one of its comparisons a row', () => {
    const rows = names.map((name, i) => ({ name, i }));
    const sorted = sortByName(rows, (r) => r.name);
    assert.deepEqual(
      sorted.map((r) => r.name),
      [...names].sort(compareNames),
    );
    assert.deepEqual(
      rows.map((r) => r.name),
      names,
      'the rows given left as they were',
    );
    // 2,000 agencies in a shuffled order: the collator compares each with about one other.
    const many = Array.from({ length: 2000 }, (_, i) => ({
      name: `${['North', 'south', 'Éast', 'west'][i % 4]} Agency ${(i * 7919) % 2000}`,
    }));
    let comparisons = 0;
    const byCollator = sortByName(
      many,
      (r) => r.name,
      (a, b) => {
        comparisons++;
        return compareNames(a.name, b.name);
      },
    );
    assert.deepEqual(
      byCollator.map((r) => r.name),
      many.map((r) => r.name).sort(compareNames),
    );
    assert.ok(comparisons < 2 * many.length, `${comparisons} comparisons for ${many.length} rows`);
  });
  it('sorts text as localeCompare in English does', () => {
    const expected = [...names].sort((x, y) => x.localeCompare(y, 'en'));
    assert.deepEqual([...names].sort(compareEnglish), expected);
    assert.ok(compareEnglish('alpha', 'Alpha') < 0, 'lower case first');
  });
});
