import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SMTP_TIMEOUTS, smtpUrlWithTimeouts } from './mailer.ts';

describe('SMTP timeouts', () => {
  it('keeps every wait inside the delivery job’s two minutes, so a retry never overlaps a try', () => {
    const url = new URL(smtpUrlWithTimeouts('smtps://user:p%40ss@smtp.example.org:465'));
    assert.equal(url.username, 'user');
    assert.equal(url.password, 'p%40ss');
    assert.equal(url.host, 'smtp.example.org:465');
    for (const [key, ms] of Object.entries(SMTP_TIMEOUTS)) {
      assert.equal(url.searchParams.get(key), String(ms));
      assert.ok(ms < 120_000, key);
    }
  });

  it('lets SMTP_URL set its own', () => {
    const url = new URL(smtpUrlWithTimeouts('smtp://localhost:2525?socketTimeout=5000'));
    assert.equal(url.searchParams.get('socketTimeout'), '5000');
    assert.equal(url.searchParams.get('greetingTimeout'), String(SMTP_TIMEOUTS.greetingTimeout));
  });
});
