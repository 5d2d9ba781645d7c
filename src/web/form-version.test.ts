import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decodeShown,
  encodeShown,
  fingerprint,
  mergeRecord,
  readResolutions,
  SHOWN_FIELD,
  shownRecord,
} from './form-version.ts';

const shownAs = { comment: 'old', evidence: 'file A', rating: 'green' };

describe('three-way merge of a record', () => {
  const shown = shownRecord(shownAs);

  it('keeps a newer saved value of a field the person did not change', () => {
    const m = mergeRecord(
      'r',
      { ...shownAs, comment: 'mine' },
      { ...shownAs, evidence: 'file B' },
      shown,
      new Map(),
    );
    assert.deepEqual(m.merged, { comment: 'mine', evidence: 'file B', rating: 'green' });
    assert.deepEqual(m.conflicts, []);
    assert.deepEqual(m.mineChanged, ['comment']);
  });

  it('reports a field both changed to different values, and no conflict when they agree', () => {
    const clash = mergeRecord(
      'r',
      { ...shownAs, comment: 'mine' },
      { ...shownAs, comment: 'theirs' },
      shown,
      new Map(),
    );
    assert.equal(clash.conflicts.length, 1);
    assert.deepEqual(
      { key: clash.conflicts[0]!.key, mine: clash.conflicts[0]!.mine, theirs: clash.conflicts[0]!.theirs },
      { key: 'r.comment', mine: 'mine', theirs: 'theirs' },
    );
    assert.equal(clash.conflicts[0]!.unanswered, false);
    const agree = mergeRecord(
      'r',
      { ...shownAs, comment: 'same' },
      { ...shownAs, comment: 'same' },
      shown,
      new Map(),
    );
    assert.deepEqual(agree.conflicts, []);
  });

  it('applies a choice only while the saved value is the one the conflict page showed', () => {
    const current = { ...shownAs, comment: 'theirs' };
    const mine = { ...shownAs, comment: 'mine' };
    const seen = fingerprint('theirs');
    const keepMine = mergeRecord(
      'r',
      mine,
      current,
      shown,
      new Map([['r.comment', { choice: 'mine', seen }]]),
    );
    assert.equal(keepMine.merged.comment, 'mine');
    assert.deepEqual(keepMine.conflicts, []);
    const keepTheirs = mergeRecord(
      'r',
      mine,
      current,
      shown,
      new Map([['r.comment', { choice: 'theirs', seen }]]),
    );
    assert.equal(keepTheirs.merged.comment, 'theirs');
    const stale = mergeRecord(
      'r',
      mine,
      { ...shownAs, comment: 'changed again' },
      shown,
      new Map([['r.comment', { choice: 'mine', seen }]]),
    );
    assert.equal(stale.conflicts.length, 1, 'asked again');
    assert.equal(stale.conflicts[0]!.unanswered, false);
    const noChoice = mergeRecord(
      'r',
      mine,
      current,
      shown,
      new Map([['r.comment', { choice: '' as never, seen }]]),
    );
    assert.equal(noChoice.conflicts[0]!.unanswered, true);
  });

  it('writes what an older form holds when it carries nothing it showed', () => {
    const m = mergeRecord(
      'r',
      { ...shownAs, comment: 'mine' },
      { ...shownAs, evidence: 'file B' },
      null,
      new Map(),
    );
    assert.deepEqual(m.merged, { ...shownAs, comment: 'mine' });
  });
});

describe('the hidden field and the choices', () => {
  it('round-trips what was shown and refuses anything unreadable', () => {
    const shown = { q1: shownRecord({ comment: 'x' }) };
    assert.deepEqual(decodeShown({ [SHOWN_FIELD]: encodeShown(shown) }), shown);
    assert.equal(decodeShown({ [SHOWN_FIELD]: 'not base64 json' }), null);
    assert.equal(decodeShown({}), null);
    assert.equal(
      decodeShown({ [SHOWN_FIELD]: Buffer.from('{"q1":{"comment":5}}').toString('base64url') }),
      null,
    );
    // Anything but records of fields of short texts: refused as a whole, as an older form's.
    const decoded = (value: unknown) =>
      decodeShown({ [SHOWN_FIELD]: Buffer.from(JSON.stringify(value)).toString('base64url') });
    for (const value of [
      [],
      null,
      'text',
      { q1: ['x'] },
      { q1: null },
      { q1: { comment: null } },
      { q1: { comment: 'x'.repeat(65) } },
      { q1: { ['c'.repeat(101)]: 'x' } },
      { ['q'.repeat(101)]: { comment: 'x' } },
    ])
      assert.equal(decoded(value), null, JSON.stringify(value).slice(0, 40));
    const longest = { ['q'.repeat(100)]: { ['c'.repeat(100)]: 'x'.repeat(64) }, rating: {} };
    assert.deepEqual(decoded(longest), longest);
  });

  it('reads the choices of the fields the conflict page asked about', () => {
    const r = readResolutions({
      _conflicts: 'q1.comment,rating.rating',
      'resolve-q1.comment': 'mine',
      'seen-q1.comment': 'abc',
      'seen-rating.rating': 'def',
      'resolve-other': 'theirs',
    });
    assert.deepEqual([...r.keys()], ['q1.comment', 'rating.rating']);
    assert.deepEqual(r.get('q1.comment'), { choice: 'mine', seen: 'abc' });
    assert.equal(r.get('rating.rating')?.choice, '');
  });
});
