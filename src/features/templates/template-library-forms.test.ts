import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adoptValues, readAdoptForm, readSharingForm, sharingValues } from './template-library-forms.ts';

describe('the template library forms', () => {
  it('adopting needs a name and a status, and trims the name', () => {
    assert.deepEqual(readAdoptForm(adoptValues({ name: '  Schools 2027 ', status: 'draft' })).ok, {
      name: 'Schools 2027',
      status: 'draft',
    });
    const bad = readAdoptForm(adoptValues({ name: ' ', status: 'live' }));
    assert.deepEqual(Object.keys(bad.errors?.byField ?? {}), ['name', 'status']);
    assert.equal(bad.errors?.list[0]?.href, '#name');
  });

  it('sharing goes to every partnership, or to at least one chosen from the list', () => {
    const allowed = ['p1', 'p2'];
    assert.deepEqual(readSharingForm(sharingValues({ audience: 'all', partnerships: 'p1' }), allowed).ok, {
      all: true,
    });
    assert.deepEqual(
      readSharingForm(sharingValues({ audience: 'chosen', partnerships: ['p2', 'p2'] }), allowed).ok,
      {
        all: false,
        partnershipIds: ['p2'],
      },
    );
    const none = readSharingForm(sharingValues({ audience: 'chosen' }), allowed);
    assert.equal(none.errors?.byField.partnerships, 'Select at least one partnership to share with');
    const forged = readSharingForm(sharingValues({ audience: 'chosen', partnerships: ['p3'] }), allowed);
    assert.equal(forged.errors?.byField.partnerships, 'Select partnerships from the list');
    assert.equal(readSharingForm(sharingValues({}), allowed).errors?.list[0]?.href, '#audience');
  });
});
