import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkHeaderColour, checkLocalityName, parseDetails, sameLocalityName } from './partnership-form.ts';

const valid = {
  name: ' Westshire Safeguarding Children Partnership ',
  shortName: 'westshire-scp',
  contactEmail: 'Section11@Westshire.example',
  introduction: 'Please complete by March.\r\n\r\nThank you.',
};

describe('partnership details form', () => {
  it('cleans valid details', () => {
    const { values } = parseDetails(valid);
    assert.deepEqual(values, {
      name: 'Westshire Safeguarding Children Partnership',
      shortName: 'westshire-scp',
      contactEmail: 'section11@westshire.example',
      introduction: 'Please complete by March.\n\nThank you.',
    });
  });

  it('reports every field at once', () => {
    const { errors } = parseDetails({
      name: '',
      shortName: '',
      contactEmail: 'nope',
      introduction: 'x'.repeat(2001),
    });
    assert.deepEqual(Object.keys(errors!.byField).sort(), [
      'contactEmail',
      'introduction',
      'name',
      'shortName',
    ]);
  });

  it('allows only lowercase letters, digits and single hyphens between them in the short name', () => {
    for (const ok of ['nrscp', 'north-east-2', 'a1'])
      assert.ok(parseDetails({ ...valid, shortName: ok }).values, ok);
    for (const bad of [
      'NRSCP',
      'north east',
      '-north',
      'north-',
      'north--east',
      'north_east',
      'a',
      'x'.repeat(41),
      'nörth',
    ])
      assert.ok(parseDetails({ ...valid, shortName: bad }).errors?.byField.shortName, bad);
  });
});

describe('locality names', () => {
  it('trims and collapses spaces, refuses empty and long names', () => {
    assert.deepEqual(checkLocalityName('  North   Shire '), { name: 'North Shire' });
    assert.ok('error' in checkLocalityName('   '));
    assert.ok('error' in checkLocalityName('x'.repeat(101)));
  });

  it('compares names without regard to case or spacing', () => {
    assert.equal(sameLocalityName('Riverside', ' riverside '), true);
    assert.equal(sameLocalityName('River side', 'Riverside'), false);
  });
});

describe('header colour', () => {
  it('is optional', () => {
    assert.deepEqual(checkHeaderColour('  '), { colour: null });
  });
  it('accepts a dark colour and normalises it', () => {
    assert.deepEqual(checkHeaderColour('#1D70B8'), { colour: '#1d70b8' });
  });
  it('refuses a colour white text cannot be read on, and anything not a hex colour', () => {
    assert.match((checkHeaderColour('#ffdd00') as { error: string }).error, /4\.5:1/);
    assert.match((checkHeaderColour('red') as { error: string }).error, /hex code/);
    assert.match((checkHeaderColour('#000;} body{') as { error: string }).error, /hex code/);
  });
});
