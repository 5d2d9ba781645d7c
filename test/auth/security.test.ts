/**
 * Issue 18: what the security assessment (OWASP ASVS 4, level 2) found in sign-in and sessions.
 * Each `describe` names the finding it covers.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createMailer } from '../../src/mail/mailer.ts';
import { startTestApp, type TestApp, TestClient } from '../helpers/test-app.ts';

const DEPLOYED = {
  SESSION_SECRET: 'a'.repeat(40),
  BASE_URL: 'https://section11.example.org',
  SMTP_URL: 'smtp://127.0.0.1:1',
};

/** The app as a deployment would build it from `env`, over the test's database. */
async function appWith(t: TestApp, env: Record<string, string>): Promise<FastifyInstance> {
  const app = await createApp({
    config: loadConfig(env),
    database: t.database,
    mailer: createMailer(t.database.db, t.clock, null),
    clock: t.clock,
  });
  await app.ready();
  return app;
}

describe('finding 1: the development mailbox', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => t.close());

  it('is not served when a mail transport is configured, whatever NODE_ENV says', async () => {
    for (const env of [
      { NODE_ENV: 'development', ...DEPLOYED },
      { NODE_ENV: 'test', ...DEPLOYED },
      { NODE_ENV: 'development', SMTP_URL: DEPLOYED.SMTP_URL },
      DEPLOYED,
    ]) {
      const app = await appWith(t, env);
      try {
        const client = new TestClient(app);
        assert.equal((await client.get('/dev/mail')).status, 404, JSON.stringify(env));
        assert.doesNotMatch((await client.get('/sign-in')).body, /Development mailbox|Demo accounts/);
      } finally {
        await app.close();
      }
    }
  });

  it('is served on a machine with nothing configured, with the demo accounts', async () => {
    const app = await appWith(t, { DATA_DIR: '/nonexistent' });
    try {
      const client = new TestClient(app);
      assert.equal((await client.get('/dev/mail')).status, 200);
      assert.match((await client.get('/sign-in')).body, /People in the demo/);
    } finally {
      await app.close();
    }
  });
});
