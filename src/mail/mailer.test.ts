import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAIL_CONCURRENCY, SMTP_TIMEOUTS, smtpUrlWithTimeouts } from './mailer.ts';
import { rateLimiter } from './notify.ts';

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

  it('keeps a pool of connections, one for each message delivered at once', () => {
    const url = new URL(smtpUrlWithTimeouts('smtp://localhost:2525'));
    assert.equal(url.searchParams.get('pool'), 'true');
    assert.equal(url.searchParams.get('maxConnections'), String(MAIL_CONCURRENCY));
    assert.equal(new URL(smtpUrlWithTimeouts('smtp://h?pool=false')).searchParams.get('pool'), 'false');
  });
});

describe('GOV.UK Notify rate limit', () => {
  it('starts at most the given number of requests a second', async () => {
    const wait = rateLimiter(50);
    const started = Date.now();
    await Promise.all(Array.from({ length: 11 }, () => wait()));
    // Eleven requests at 50 a second: the last starts 200 ms after the first.
    assert.ok(Date.now() - started >= 190, `${Date.now() - started} ms`);
  });
});
