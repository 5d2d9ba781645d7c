import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeCandidates, describeCodes, parseCode } from './organisation-codes.ts';

describe('organisation codes', () => {
  it('keeps each code in its normal form, and blank as none', () => {
    assert.deepEqual(parseCode('odsCode', ' rx1 '), { value: 'RX1' });
    assert.deepEqual(parseCode('odsCode', 'a81 001'), { value: 'A81001' });
    assert.deepEqual(parseCode('urn', '100 000'), { value: '100000' });
    assert.deepEqual(parseCode('companyNumber', '1234567'), { value: '01234567' });
    assert.deepEqual(parseCode('companyNumber', 'sc123456'), { value: 'SC123456' });
    assert.deepEqual(parseCode('charityNumber', '1089464'), { value: '1089464' });
    assert.deepEqual(parseCode('charityNumber', '216401-1'), { value: '216401-1' });
    assert.deepEqual(parseCode('charityNumber', 'sc012345'), { value: 'SC012345' });
    assert.deepEqual(parseCode('charityNumber', 'NIC100001'), { value: 'NIC100001' });
    assert.deepEqual(parseCode('urn', '   '), { value: null });
  });

  it('refuses codes of the wrong shape, saying what a right one looks like', () => {
    assert.match(parseCode('odsCode', 'R').error ?? '', /3 to 6 letters and numbers/);
    assert.match(parseCode('odsCode', 'RX1-01').error ?? '', /ODS code/);
    assert.match(parseCode('urn', '12345').error ?? '', /6 digits/);
    assert.match(parseCode('urn', 'ABC123').error ?? '', /URN/);
    assert.match(parseCode('companyNumber', '123456789').error ?? '', /8 characters/);
    assert.match(parseCode('companyNumber', 'XY12').error ?? '', /Companies House/);
    assert.match(parseCode('charityNumber', '12345').error ?? '', /charity number/);
    assert.match(parseCode('charityNumber', '<script>').error ?? '', /charity number/);
  });

  it('describes the codes given, and reads a search as any code it could be', () => {
    assert.deepEqual(
      describeCodes({ odsCode: 'RX1', urn: null, companyNumber: null, charityNumber: '1089464' }),
      ['ODS code RX1', 'Charity number 1089464'],
    );
    assert.deepEqual(
      codeCandidates('100000').map((c) => c.code),
      ['odsCode', 'urn', 'companyNumber', 'charityNumber'],
    );
    assert.deepEqual(codeCandidates('Northshire Police'), []);
  });
});
