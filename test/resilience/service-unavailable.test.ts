/**
 * Issue 10.1, inside the app: `/readyz` (not ready until migrations are applied or while the
 * database is away), and the 503 page (JSON on /api) when the database has gone, with a posted
 * form given back — even when the database failed before the form was read (reading the session).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/client.ts';
import type { RemotePglite } from '../../src/db/pglite-remote.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import { createMailer } from '../../src/mail/mailer.ts';
import { themesFor } from '../helpers/return-fixtures.ts';
import { startTestApp, TEST_NOW, type TestApp, type TestClient } from '../helpers/test-app.ts';

const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';

describe('/readyz', () => {
  test('is not ready until every migration is applied, then ready', async () => {
    const database = await openDatabase({});
    const clock = new FixedClock(TEST_NOW);
    const app = await createApp({
      config: loadConfig({ NODE_ENV: 'test' }),
      database,
      mailer: createMailer(database.db, clock, null),
      clock,
    });
    try {
      const before = await app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(before.statusCode, 503);
      assert.equal(before.body, 'not ready: migrations not applied');
      await database.migrate();
      const after = await app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(after.statusCode, 200);
      assert.equal(after.body, 'ready');
    } finally {
      await app.close();
      await database.close();
    }
  });
});

// The embedded database's thread is made to fail here; on a PostgreSQL server the same is tested
// by database-restart.test.ts, against a server of its own.
const onServer = Boolean(process.env.TEST_DATABASE_URL);

describe('when the database has gone', {
  skip: onServer && 'covered on PostgreSQL by database-restart.test.ts',
}, () => {
  let t: TestApp;
  let lead: TestClient;
  let themePath: string;

  before(async () => {
    t = await startTestApp();
    lead = await t.signIn(COUNCIL_LEAD);
    const [theme] = await themesFor(t, 'council');
    themePath = `/returns/${t.ids.returnIds.council}/themes/${theme!.id}`;
    await lead.get(themePath);
    // The embedded database's thread fails; in memory, it cannot be brought back.
    await (t.database.db as unknown as { $client: RemotePglite }).$client.crashWorkerForTest();
  });
  after(async () => t.close());

  test('pages are the GOV.UK 503 page, with a link to try again', async () => {
    const page = await lead.get(themePath);
    assert.equal(page.status, 503);
    assert.equal(page.headers['retry-after'], '60');
    assert.match(page.body, /<h1 class="govuk-heading-l">\s*Sorry, there is a problem with the service/);
    assert.match(page.body, /Try again in a few minutes\./);
    assert.ok(page.body.includes(`href="${themePath}"`));
  });

  test('a posted form is given back, escaped, to send again to the same address', async () => {
    const typed = 'Our policy <b>"changed"</b> & was reviewed';
    const res = await lead.post(themePath, { 'q1-comment': typed, 'q2-response': 'yes', intent: 'continue' });
    assert.equal(res.status, 503);
    assert.match(res.body, /What you sent has not been saved yet/);
    assert.ok(res.body.includes(`<form method="post" action="${themePath}"`));
    // Every character escaped, so the value sent again is exactly what was typed.
    assert.ok(
      res.body.includes(
        'name="q1-comment" value="Our policy &lt;b>&#34;changed&#34;&lt;/b> &amp; was reviewed"',
      ),
    );
    assert.match(res.body, /name="q2-response" value="yes"/);
    assert.match(res.body, new RegExp(`name="_csrf" value="${lead.csrf}"`));
    assert.doesNotMatch(res.body, /<b>"changed"/);
  });

  test('the API answers 503 in JSON, and /readyz is not ready', async () => {
    const api = await t.app.inject({
      method: 'GET',
      url: '/api/v1/cycles',
      headers: { authorization: 'Bearer s11_0000000000000000000000000000' },
    });
    assert.equal(api.statusCode, 503);
    assert.equal(api.json().error.code, 'service_unavailable');
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(ready.statusCode, 503);
    assert.equal(ready.body, 'not ready: database unavailable');
  });
});
