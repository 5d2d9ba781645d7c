import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validate } from '../../web/form-route.ts';
import { type NewPartnershipState, newPartnershipSchema } from './new-partnership-form.ts';

const parseNewPartnership = (state: NewPartnershipState) => {
  const checked = validate(newPartnershipSchema, state);
  return checked.ok ? { values: checked.values } : { errors: checked.errors };
};

const valid = {
  name: 'Westshire Safeguarding Children Partnership',
  shortName: 'westshire',
  contactEmail: 'section11@westshire.example',
  localities: 'Westshire\r\n\r\n  West   Vale \n',
  adminName: 'Sam Lee',
  adminEmail: 'Sam.Lee@Westshire.example',
};

describe('new partnership form', () => {
  it('gives the partnership, its localities (one per line) and its first admin', () => {
    const { values } = parseNewPartnership(valid);
    assert.deepEqual(values, {
      name: 'Westshire Safeguarding Children Partnership',
      shortName: 'westshire',
      contactEmail: 'section11@westshire.example',
      localities: ['Westshire', 'West Vale'],
      admin: { name: 'Sam Lee', email: 'sam.lee@westshire.example' },
    });
  });

  it('reports every field at once, under the admin’s own field names', () => {
    const { errors } = parseNewPartnership({
      name: '',
      shortName: 'West Shire',
      contactEmail: '',
      localities: '\n \n',
      adminName: '',
      adminEmail: 'not an email',
    });
    assert.deepEqual(Object.keys(errors!.byField).sort(), [
      'adminEmail',
      'adminName',
      'contactEmail',
      'localities',
      'name',
      'shortName',
    ]);
    assert.equal(errors!.byField.adminName, 'Enter the admin’s full name');
  });

  it('refuses a locality listed twice', () => {
    const { errors } = parseNewPartnership({ ...valid, localities: 'Westshire\nwestshire' });
    assert.match(errors!.byField.localities!, /listed twice/);
  });
});
