import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apiTokenFormState, parseApiTokenForm } from './api-token-form.ts';

const now = new Date('2026-11-23T10:00:00Z');
const form = (fields: Record<string, string>) => parseApiTokenForm(apiTokenFormState(fields), now);

describe('the new-API-token form', () => {
  it('needs a name of at most 100 characters', () => {
    assert.deepEqual(form({ name: '  ' }).errors?.list, [
      { text: 'Enter a name for the token, like Power BI dashboard', href: '#name' },
    ]);
    assert.match(form({ name: 'x'.repeat(101) }).errors?.byField.name ?? '', /100 characters or fewer/);
    assert.deepEqual(form({ name: ' Power BI ' }).values, { name: 'Power BI', expiresAt: null });
  });

  it('takes an optional expiry date after today, ending at midnight UK time', () => {
    const ok = form({ name: 'BI', 'expires-day': '31', 'expires-month': '3', 'expires-year': '2027' });
    assert.equal(ok.values?.expiresAt?.toISOString(), '2027-03-31T22:59:00.000Z');
    const today = form({ name: 'BI', 'expires-day': '23', 'expires-month': '11', 'expires-year': '2026' });
    assert.deepEqual(today.errors?.list, [
      { text: 'The expiry date must be after today (23 November 2026)', href: '#expires-day' },
    ]);
    const bad = form({ name: '', 'expires-day': '31', 'expires-month': '2', 'expires-year': '2027' });
    assert.equal(bad.errors?.list.length, 2, 'every field’s error at once');
    assert.equal(bad.errors?.byField.expires, 'The expiry date must be a real date');
  });
});
