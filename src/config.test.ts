import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('runs the demo on the embedded database in development', () => {
    const config = loadConfig({});
    assert.equal(config.demo, true);
    assert.equal(config.databaseUrl, undefined);
    assert.equal(config.baseUrl, 'http://localhost:3000');
  });

  it('fails fast in production when a secret, base URL or mail transport is missing', () => {
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production' }),
      (e: unknown) => {
        assert.ok(e instanceof ConfigError);
        assert.match(e.message, /SESSION_SECRET/);
        assert.match(e.message, /BASE_URL/);
        assert.match(e.message, /SMTP_URL/);
        return true;
      },
    );
  });

  it('never runs the demo in production', () => {
    const production = {
      NODE_ENV: 'production',
      SESSION_SECRET: 'a'.repeat(40),
      BASE_URL: 'https://section11.example.org',
      SMTP_URL: 'smtp://mail.example.org:25',
    };
    assert.equal(loadConfig(production).demo, false);
    assert.throws(() => loadConfig({ ...production, DEMO: 'true' }), /DEMO must not be true/);
  });

  it('accepts GOV.UK Notify instead of SMTP in production, and refuses a malformed key or both at once', () => {
    const production = {
      NODE_ENV: 'production',
      SESSION_SECRET: 'a'.repeat(40),
      BASE_URL: 'https://section11.example.org',
    };
    const apiKey = 'live-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0';
    const config = loadConfig({ ...production, NOTIFY_API_KEY: apiKey, NOTIFY_TEMPLATE_ID: 't-1' });
    assert.deepEqual(config.notify, {
      apiKey,
      templateId: 't-1',
      baseUrl: 'https://api.notifications.service.gov.uk',
    });
    assert.equal(config.smtpUrl, undefined);
    assert.throws(
      () => loadConfig({ ...production, NOTIFY_API_KEY: 'not-a-key', NOTIFY_TEMPLATE_ID: 't-1' }),
      /NOTIFY_API_KEY must be a GOV.UK Notify API key/,
    );
    assert.throws(
      () => loadConfig({ ...production, NOTIFY_API_KEY: apiKey }),
      /NOTIFY_TEMPLATE_ID is needed/,
    );
    assert.throws(
      () =>
        loadConfig({
          ...production,
          NOTIFY_API_KEY: apiKey,
          NOTIFY_TEMPLATE_ID: 't-1',
          SMTP_URL: 'smtp://mail.example.org:25',
        }),
      /not both/,
    );
  });

  it('rejects a malformed port', () => {
    assert.throws(() => loadConfig({ PORT: 'eighty' }), ConfigError);
  });
});
