import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { KEY_MAX, keyFrom, keyProblem, uniqueKey } from './template-keys.ts';

describe('template keys', () => {
  it('makes a key from a title', () => {
    assert.equal(keyFrom('Safer recruitment & vetting', 'theme'), 'safer-recruitment-vetting');
    assert.equal(keyFrom('  Café —  Ünïcode  ', 'theme'), 'cafe-unicode');
    assert.equal(keyFrom('!!!', 'question'), 'question');
  });

  it('always makes a valid key, leaving room for a suffix', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (title) => {
        const key = keyFrom(title, 'theme');
        assert.equal(keyProblem(key), undefined, key);
        assert.ok(key.length <= KEY_MAX - 4);
        assert.equal(keyProblem(uniqueKey(key, new Set([key, `${key}-2`]))), undefined);
      }),
    );
  });

  it('keeps keys unique among siblings', () => {
    assert.equal(uniqueKey('leadership', new Set()), 'leadership');
    assert.equal(uniqueKey('leadership', new Set(['leadership'])), 'leadership-2');
    assert.equal(uniqueKey('leadership', new Set(['leadership', 'leadership-2'])), 'leadership-3');
  });

  it('names what is wrong with a typed key', () => {
    assert.match(keyProblem('Safer Recruitment') ?? '', /lowercase letters/);
    assert.match(keyProblem('a--b') ?? '', /single hyphens/);
    assert.match(keyProblem('a'.repeat(61)) ?? '', /60 characters/);
    assert.equal(keyProblem('safer-recruitment-2'), undefined);
  });
});

describe('a unique key for a long key', () => {
  it('stays within the key length, without a hyphen before its suffix', () => {
    const long = `${'a'.repeat(57)}-bc`;
    const key = uniqueKey(long, new Set([long]));
    assert.equal(key, `${'a'.repeat(57)}-2`);
    assert.ok(key.length <= KEY_MAX);
    assert.equal(keyProblem(key), undefined);
  });
});
