import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateToParts, formatDate, formatDateTime, londonDate, londonTime, parseDateParts } from './dates.ts';

describe('dates', () => {
  it('shows times in Europe/London with the day of the week, across summer time', () => {
    assert.equal(formatDateTime(new Date('2022-05-13T16:00:00Z')), '5:00pm on Friday 13 May 2022');
    assert.equal(formatDateTime(new Date('2022-02-28T08:00:00Z')), '8:00am on Monday 28 February 2022');
    assert.equal(formatDateTime(new Date('2022-02-28T12:15:00Z')), '12:15pm on Monday 28 February 2022');
  });
  it('shows the day first, with GOV.UK times', async () => {
    const { formatDayAndTime } = await import('./dates.ts');
    assert.equal(formatDayAndTime(new Date('2026-12-18T17:00:00Z')), 'Friday 18 December 2026 at 5pm');
    assert.equal(formatDayAndTime(new Date('2022-05-13T08:30:00Z')), 'Friday 13 May 2022 at 9:30am');
    assert.equal(formatDayAndTime(new Date('2026-12-18T12:00:00Z')), 'Friday 18 December 2026 at midday');
    assert.equal(formatDayAndTime(new Date('2026-12-18T00:00:00Z')), 'Friday 18 December 2026 at midnight');
  });
  it('formats a calendar date', () => {
    assert.equal(formatDate('2026-03-01'), '1 March 2026');
  });
  it('gives the London date near midnight in summer', () => {
    assert.equal(londonDate(new Date('2026-06-30T23:30:00Z')), '2026-07-01');
  });
  it('parses real dates and explains bad ones', () => {
    assert.deepEqual(parseDateParts({ day: '3', month: '4', year: '2027' }, 'Target date'), {
      value: '2027-04-03',
    });
    assert.equal(
      parseDateParts({ day: '31', month: '2', year: '2027' }, 'Target date').error,
      'Target date must be a real date',
    );
    assert.equal(
      parseDateParts({ day: '', month: '2', year: '' }, 'Target date').error,
      'Target date must include a day and year',
    );
    assert.deepEqual(parseDateParts({ day: '', month: '', year: '' }, 'Target date'), { value: null });
    assert.deepEqual(dateToParts('2027-04-03'), { day: '3', month: '4', year: '2027' });
  });
});

describe('londonTime', () => {
  it('reads a wall-clock time in London in summer and winter', () => {
    assert.equal(londonTime('2022-05-13', '17:00').toISOString(), '2022-05-13T16:00:00.000Z');
    assert.equal(londonTime('2022-02-28', '08:00').toISOString(), '2022-02-28T08:00:00.000Z');
  });
});

describe('times of day as people write them', () => {
  it('reads 12-hour and 24-hour times', async () => {
    const { parseTimeOfDay } = await import('./dates.ts');
    const cases: Array<[string, string | null]> = [
      ['5pm', '17:00'],
      ['5:30 pm', '17:30'],
      ['12pm', '12:00'],
      ['12am', '00:00'],
      ['9am', '09:00'],
      ['17:00', '17:00'],
      ['17.45', '17:45'],
      ['midday', '12:00'],
      ['5', null],
      ['25:00', null],
      ['13pm', null],
      ['5:60pm', null],
      ['tea time', null],
    ];
    for (const [text, expected] of cases) assert.equal(parseTimeOfDay(text), expected, text);
  });
});
