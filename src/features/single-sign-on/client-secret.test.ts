import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decryptClientSecret, encryptClientSecret, secretHint } from './client-secret.ts';

const KEY = 'a-session-secret-of-at-least-32-characters';

describe('identity provider client secrets', () => {
  it('are stored encrypted and read back with the same session secret', () => {
    const stored = encryptClientSecret(KEY, 'Abc~secret.value-1234');
    assert.ok(!stored.includes('secret.value'), 'the stored form does not hold the secret');
    assert.notEqual(encryptClientSecret(KEY, 'Abc~secret.value-1234'), stored, 'a new nonce each time');
    assert.equal(decryptClientSecret(KEY, stored), 'Abc~secret.value-1234');
  });

  it('cannot be read under another session secret or when altered', () => {
    const stored = encryptClientSecret(KEY, 'the-secret');
    assert.equal(decryptClientSecret(`${KEY}-changed`, stored), null);
    const [v, iv, tag, data] = stored.split('.');
    const flipped = `${data!.slice(0, -2)}${data!.endsWith('AA') ? 'AB' : 'AA'}`;
    assert.equal(decryptClientSecret(KEY, [v, iv, tag, flipped].join('.')), null);
    assert.equal(decryptClientSecret(KEY, 'not-a-stored-secret'), null);
  });

  it('are shown only by their last four characters', () => {
    assert.equal(secretHint('abcdefgh1234'), '1234');
  });
});
