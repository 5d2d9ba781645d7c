import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validate } from '../../web/form-route.ts';
import { describeDays, describeSchedule, reminderScheduleSchema } from './reminder-schedule.ts';

const parse = (state: { before: string; after: string }) => {
  const checked = validate(reminderScheduleSchema, state);
  return checked.ok ? { value: checked.values } : { errors: checked.errors };
};

describe('the automatic reminders form', () => {
  it('reads days separated by commas or spaces, dropping repeats, nearest the deadline last', () => {
    assert.deepEqual(parse({ before: '3, 14 7,3', after: ' 7 1 ' }).value, {
      daysBefore: [14, 7, 3],
      daysAfter: [1, 7],
    });
    assert.deepEqual(parse({ before: '', after: '' }).value, {
      daysBefore: [],
      daysAfter: [],
    });
  });

  it('refuses anything but whole days from 1 to 365, and more than six', () => {
    const errors = parse({ before: '14, two', after: '0' }).errors;
    assert.equal(errors?.byField.before, 'Enter whole numbers of days separated by commas, like 14, 3');
    assert.equal(errors?.byField.after, 'Each number of days must be between 1 and 365');
    assert.equal(
      parse({ before: '1 2 3 4 5 6 7', after: '-1' }).errors?.byField.before,
      'Enter 6 reminders or fewer',
    );
    assert.ok(parse({ before: '1.5', after: '' }).errors?.byField.before);
    assert.ok(parse({ before: '400', after: '' }).errors?.byField.before);
  });

  it('describes a schedule in words', () => {
    assert.equal(describeDays([14, 7, 3]), '14, 7 and 3 days');
    assert.equal(describeDays([1]), '1 day');
    assert.equal(
      describeSchedule({ daysBefore: [14, 3], daysAfter: [1] }),
      'Reminders now: 14 and 3 days before the deadline; 1 day after it while the return is overdue.',
    );
    assert.equal(
      describeSchedule({ daysBefore: [], daysAfter: [] }),
      'Reminders now: no reminders before the deadline; none after it.',
    );
  });
});
