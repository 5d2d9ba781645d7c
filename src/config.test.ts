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

  it('rejects a malformed port', () => {
    assert.throws(() => loadConfig({ PORT: 'eighty' }), ConfigError);
  });
});
