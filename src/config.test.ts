import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig, loadDatabaseConfig } from './config.ts';

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

  it('runs in production when NODE_ENV is unset but a secret, an https base URL or a mail transport is given', () => {
    for (const given of [
      { SESSION_SECRET: 'a'.repeat(40) },
      { BASE_URL: 'https://section11.example.org' },
      { SMTP_URL: 'smtp://mail.example.org:25' },
    ]) {
      assert.throws(
        () => loadConfig(given),
        (e: unknown) => e instanceof ConfigError && /Missing or invalid in production/.test(e.message),
        JSON.stringify(given),
      );
    }
    const config = loadConfig({
      SESSION_SECRET: 'a'.repeat(40),
      BASE_URL: 'https://section11.example.org',
      SMTP_URL: 'smtp://mail.example.org:25',
    });
    assert.equal(config.env, 'production');
    assert.match(
      config.envReason,
      /NODE_ENV is not set and SESSION_SECRET, an https BASE_URL, a mail transport are given/,
    );
    assert.equal(config.devMail, false);
    assert.equal(config.demo, false);
    // Nothing given (a fresh machine): development, with the demo and its mailbox.
    const fresh = loadConfig({ NODE_ENV: '' });
    assert.equal(fresh.env, 'development');
    assert.equal(fresh.devMail, true);
    assert.equal(fresh.demo, true);
    // An http base URL alone is a developer's own address.
    assert.equal(loadConfig({ BASE_URL: 'http://localhost:4000' }).env, 'development');
  });

  it('serves the development mailbox only outside production and with no mail transport', () => {
    assert.equal(loadConfig({ NODE_ENV: 'development' }).devMail, true);
    assert.equal(loadConfig({ NODE_ENV: 'test' }).devMail, true);
    const withSmtp = loadConfig({ NODE_ENV: 'development', SMTP_URL: 'smtp://mail.example.org:25' });
    assert.equal(withSmtp.devMail, false);
    assert.equal(withSmtp.demo, false, 'no demo without the mailbox its links are read in');
    assert.throws(
      () => loadConfig({ NODE_ENV: 'test', SMTP_URL: 'smtp://mail.example.org:25', DEMO: 'true' }),
      /DEMO needs the development mailbox/,
    );
  });

  it('ends idle sessions after 30 minutes unless told otherwise', () => {
    assert.equal(loadConfig({}).sessionIdleMinutes, 30);
    assert.equal(loadConfig({ SESSION_IDLE_MINUTES: '45' }).sessionIdleMinutes, 45);
  });

  it('takes the app’s own database login only beside a PostgreSQL server’s, and refuses it alone', () => {
    const owner = 'postgres://section11@db/section11';
    const app = 'postgres://section11_web@db/section11';
    assert.equal(loadConfig({ DATABASE_URL: owner, DATABASE_APP_URL: app }).appDatabaseUrl, app);
    assert.equal(loadDatabaseConfig({ DATABASE_URL: owner, DATABASE_APP_URL: app }).appDatabaseUrl, app);
    assert.equal(loadConfig({ DATABASE_URL: owner }).appDatabaseUrl, undefined);
    // The embedded database has one user: an app login without a server is a mistake, said at start.
    assert.throws(() => loadConfig({ DATABASE_APP_URL: app }), ConfigError);
    assert.equal(loadDatabaseConfig({ DATABASE_APP_URL: app }).appDatabaseUrl, undefined);
  });

  it('rejects a malformed port', () => {
    assert.throws(() => loadConfig({ PORT: 'eighty' }), ConfigError);
  });
});
