import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REMOVED_CONTACT, REMOVED_NAME, scrubText } from './anonymising.ts';

describe('scrubText', () => {
  it('replaces whole names whatever their case, and listed contact details anywhere', () => {
    assert.equal(
      scrubText('Sent to SAM@example.org; Sam Smith and sam smith, not Samsmithers; call 01234 567890', {
        names: ['Sam Smith'],
        contacts: ['sam@example.org', '01234 567890'],
      }),
      `Sent to ${REMOVED_CONTACT}; ${REMOVED_NAME} and ${REMOVED_NAME}, not Samsmithers; call ${REMOVED_CONTACT}`,
    );
  });

  it('treats characters of a name literally and leaves one-letter names alone', () => {
    assert.equal(
      scrubText('A. (Jo) B+ said', { names: ['(Jo) B+', 'A'], contacts: [] }),
      `A. ${REMOVED_NAME} said`,
    );
  });

  it('can replace every email address', () => {
    assert.equal(
      scrubText('from a.b@x.org to c@y.co.uk', { names: [], contacts: [], allEmails: true }),
      `from ${REMOVED_CONTACT} to ${REMOVED_CONTACT}`,
    );
  });
});
