import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import {
  dateFieldId,
  dateFromToday,
  dateToToday,
  optionalText,
  requiredDate,
  requiredText,
} from './form-fields.ts';

const parts = (day: string, month: string, year: string) => ({ day, month, year });
const messages = (r: { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
  r.success ? [] : r.error!.issues.map((i) => i.message);

describe('the shared form pieces', () => {
  it('reads a date in three boxes as YYYY-MM-DD, saying when it is missing or not real', () => {
    const date = requiredDate('Target date', 'Enter a target date');
    assert.deepEqual(date.safeParse(parts('5', '3', '2027')).data, '2027-03-05');
    assert.deepEqual(messages(date.safeParse(parts('', '', ''))), ['Enter a target date']);
    assert.deepEqual(messages(date.safeParse(parts('31', '13', '2027'))), [
      'Target date must be a real date',
    ]);
  });

  it('lets the rules across a form run past a continuable date error, and stops them otherwise', () => {
    const form = (continuable: boolean) =>
      z
        .object({ date: requiredDate('The date', 'Enter the date', { continuable }), other: z.string() })
        .superRefine((_v, ctx) => ctx.addIssue({ code: 'custom', path: ['other'], message: 'Across' }));
    const blank = { date: parts('', '', ''), other: '' };
    assert.deepEqual(messages(form(true).safeParse(blank)), ['Enter the date', 'Across']);
    assert.deepEqual(messages(form(false).safeParse(blank)), ['Enter the date']);
  });

  it('keeps a date to today or later, or to today or earlier', () => {
    const from = dateFromToday('Due date', { missing: 'Enter it', past: 'Not past' }, '2026-12-05');
    assert.ok(from.safeParse(parts('5', '12', '2026')).success, 'today is fine');
    assert.deepEqual(messages(from.safeParse(parts('4', '12', '2026'))), ['Not past']);
    const to = dateToToday('Date of sign-off', { missing: 'Enter it', future: 'Not future' }, '2026-12-05');
    assert.ok(to.safeParse(parts('5', '12', '2026')).success, 'today is fine');
    assert.deepEqual(messages(to.safeParse(parts('6', '12', '2026'))), ['Not future']);
  });

  it('trims texts and names their limit', () => {
    assert.deepEqual(messages(requiredText('Enter a name', 5, 'The name').safeParse('  ')), ['Enter a name']);
    assert.deepEqual(messages(optionalText(2000, 'Progress update').safeParse('x'.repeat(2001))), [
      'Progress update must be 2,000 characters or fewer',
    ]);
    assert.equal(optionalText(5, 'Note').safeParse('  ok ').data, 'ok');
  });

  it('links a date’s error to its first box', () => {
    const id = dateFieldId('targetDate');
    assert.equal(id('targetDate'), 'targetDate-day');
    assert.equal(id('note'), 'note');
  });
});
