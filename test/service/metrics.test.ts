/**
 * Issue 12.3, watching it run: `/healthz` (alive, without the database), `/readyz` (including the
 * job queue's workers) and `/metrics` for Prometheus, never public: absent without METRICS_TOKEN and
 * 401 without the token.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bearerMatches } from '../../src/lib/metrics.ts';
import { randomToken } from '../../src/lib/tokens.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const TOKEN = 'metrics-token-for-the-test-0123456789';

/** The value of one sample in Prometheus's text format, or undefined when it is not there. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z0-9_:]+)\{([^}]*)\} (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = m[2]!.split(',');
    if (wanted.every((w) => have.includes(w))) return Number(m[3]);
  }
  return undefined;
}

describe('/metrics', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ env: { METRICS_TOKEN: TOKEN }, queue: true });
  });
  after(async () => t.close());

  const scrape = (authorization?: string) =>
    t.app.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });

  it('refuses a scrape without the bearer token, or with another', async () => {
    for (const header of [undefined, `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, TOKEN]) {
      const res = await scrape(header);
      assert.equal(res.statusCode, 401, String(header));
      assert.equal(res.headers['www-authenticate'], 'Bearer realm="metrics"');
      assert.doesNotMatch(res.body, /s11_/);
    }
  });

  it('counts requests by route pattern and status, never by their address', async () => {
    const secret = randomToken();
    await t.app.inject({ method: 'GET', url: '/sign-in' });
    await t.app.inject({ method: 'GET', url: '/sign-in' });
    await t.app.inject({ method: 'GET', url: `/sign-in/link/${secret}` });
    await t.app.inject({ method: 'GET', url: '/no-such-page' });
    const res = await scrape(`Bearer ${TOKEN}`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    const requests = (route: string, status: string) =>
      sample(res.body, 's11_http_requests_total', { method: 'GET', route, status });
    assert.equal(requests('/sign-in', '200'), 2);
    assert.match(
      res.body,
      /^s11_http_requests_total\{method="GET",route="\/sign-in\/link\/:token",status="\d{3}"\} 1$/m,
      'the link counted under its route pattern',
    );
    assert.equal(requests('(no route)', '404'), 1);
    assert.equal(
      sample(res.body, 's11_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/sign-in',
        status: '200',
      }),
      2,
    );
    assert.ok(!res.body.includes(secret), 'the token in the address is not a label');
    assert.match(res.body, /^s11_process_resident_memory_bytes \d+/m, "Node's own figures");
  });

  it('gives the job queue’s depth and failed jobs, and mail by status, from the database', async () => {
    await t.queue!.send('cycle-events', { test: 'queued by the metrics test' });
    const client = t.client();
    await client.get('/sign-in');
    await client.post('/sign-in', { email: 'safeguarding.lead@northshire-council.example' });
    await t.mailTo('safeguarding.lead@northshire-council.example');
    const res = await scrape(`Bearer ${TOKEN}`);
    assert.ok(
      (sample(res.body, 's11_jobs', { queue: 'cycle-events', state: 'created' }) ?? 0) >= 1,
      res.body,
    );
    assert.ok((sample(res.body, 's11_mail_messages', { status: 'kept' }) ?? 0) >= 1, 'the sign-in link');
    assert.equal(sample(res.body, 's11_mail_messages', { status: 'failed' }), 0);
    if (t.database.kind === 'postgres') {
      assert.notEqual(sample(res.body, 's11_db_connections', { state: 'in_use' }), undefined);
      assert.equal(sample(res.body, 's11_db_connections', { state: 'waiting' }), 0);
    }
  });

  it('compares the bearer token whole', () => {
    assert.equal(bearerMatches(`Bearer ${TOKEN}`, TOKEN), true);
    assert.equal(bearerMatches(`bearer  ${TOKEN} `, TOKEN), true);
    assert.equal(bearerMatches(`Bearer ${TOKEN.slice(0, -1)}`, TOKEN), false);
    assert.equal(bearerMatches(undefined, TOKEN), false);
  });
});

describe('/metrics without METRICS_TOKEN, /healthz and /readyz', () => {
  let t: TestApp;
  let jobsRunning = true;
  before(async () => {
    t = await startTestApp({ jobsRunning: () => jobsRunning });
  });
  after(async () => t.close());

  it('has no /metrics at all', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    assert.equal(res.statusCode, 404);
    assert.doesNotMatch(res.body, /s11_/);
  });

  it('answers /healthz without asking the database, and /readyz only while the job queue runs', async () => {
    assert.equal((await t.app.inject({ method: 'GET', url: '/readyz' })).body, 'ready');
    jobsRunning = false;
    const notReady = await t.app.inject({ method: 'GET', url: '/readyz' });
    assert.equal(notReady.statusCode, 503);
    assert.equal(notReady.body, 'not ready: job queue not running');
    jobsRunning = true;
    const original = t.database.executeSql;
    t.database.executeSql = async () => {
      throw new Error('the database must not be asked');
    };
    try {
      const health = await t.app.inject({ method: 'GET', url: '/healthz' });
      assert.equal(health.statusCode, 200);
      assert.equal(health.body, 'ok');
    } finally {
      t.database.executeSql = original;
    }
  });
});
