/**
 * What the app answers whatever the feature: compressed pages, styles and scripts when asked, an
 * icon for browsers, and GOV.UK error pages (4xx, no error in the log) for bodies it cannot or will
 * not read: a broken multipart form, or a body that is not a form at all.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const ADMIN = 'business.manager@nrscp.example';

describe('responses and request bodies, for every feature', () => {
  let t: TestApp;
  let admin: TestClient;
  const lines: string[] = [];
  const errorLines = () => lines.map((l) => JSON.parse(l) as { level: number }).filter((l) => l.level >= 50);

  before(async () => {
    t = await startTestApp({ logStream: { write: (line) => lines.push(line) } });
    admin = await t.signIn(ADMIN);
  });
  after(async () => t.close());

  it('compresses a page when the browser asks, and not when it does not', async () => {
    const plain = await t.app.inject({ method: 'GET', url: '/sign-in' });
    assert.equal(plain.headers['content-encoding'], undefined);
    const gzipped = await t.app.inject({
      method: 'GET',
      url: '/sign-in',
      headers: { 'accept-encoding': 'gzip' },
    });
    assert.equal(gzipped.statusCode, 200);
    assert.equal(gzipped.headers['content-encoding'], 'gzip');
    const page = gunzipSync(gzipped.rawPayload).toString('utf8');
    assert.match(page, /<h1 class="govuk-heading-l">/);
    assert.ok(gzipped.rawPayload.length < page.length / 2, 'the page is much smaller compressed');
    assert.equal(gzipped.headers['x-content-type-options'], 'nosniff', 'the security headers stay');
  });

  it("switches off the old browsers' XSS filter on every answer, signed in or not", async () => {
    for (const res of [
      await t.client().get('/sign-in'),
      await admin.get('/'),
      await t.client().get('/nowhere'),
    ])
      assert.equal(res.headers['x-xss-protection'], '0');
  });

  it('compresses the stylesheet and the scripts, streamed from their files', async () => {
    const css = await t.app.inject({
      method: 'GET',
      url: '/build/app.css',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    assert.equal(css.statusCode, 200);
    assert.equal(css.headers['content-encoding'], 'br');
    assert.match(brotliDecompressSync(css.rawPayload).toString('utf8'), /\.govuk-header/);
    const js = await t.app.inject({
      method: 'GET',
      url: '/assets/govuk-frontend.min.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    assert.equal(js.statusCode, 200);
    assert.equal(js.headers['content-encoding'], 'gzip');
    assert.match(gunzipSync(js.rawPayload).toString('utf8'), /govuk-frontend/i);
  });

  it('leaves a spreadsheet download as it is (already compressed)', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/partnerships/${t.ids.partnershipId}/agencies/import/template.xlsx`,
      headers: { cookie: admin.cookieHeader(), 'accept-encoding': 'gzip' },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-encoding'], undefined);
    assert.equal(res.rawPayload.readUInt32LE(0), 0x04034b50, 'an XLSX file (a ZIP archive)');
  });

  it('serves an icon of its own at /favicon.ico, and pages link it', async () => {
    const icon = await t.app.inject({ method: 'GET', url: '/favicon.ico' });
    assert.equal(icon.statusCode, 200);
    assert.equal(icon.headers['content-type'], 'image/x-icon');
    assert.deepEqual([...icon.rawPayload.subarray(0, 4)], [0, 0, 1, 0], 'an ICO file');
    const page = await t.app.inject({ method: 'GET', url: '/sign-in' });
    assert.match(page.body, /<link rel="icon" sizes="48x48" href="\/favicon.ico"\/>/);
  });

  it('answers a broken multipart form with a 400 page and no error in the log', async () => {
    await admin.get(`/partnerships/${t.ids.partnershipId}/agencies/import`);
    const url = `/partnerships/${t.ids.partnershipId}/agencies/import`;
    const boundary = '----section11-boundary';
    const whole = `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${admin.csrf}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\nName,Sector\r\nA,Police\r\n--${boundary}--\r\n`;
    const cases = [
      { name: 'no boundary', type: 'multipart/form-data', payload: whole },
      { name: 'a wrong boundary', type: 'multipart/form-data; boundary=other', payload: whole },
      {
        name: 'a body cut short',
        type: `multipart/form-data; boundary=${boundary}`,
        payload: whole.slice(0, 150),
      },
    ];
    const logo = `/partnerships/${t.ids.partnershipId}/settings/branding/logo`;
    for (const c of cases.flatMap((c) => [
      { ...c, url },
      { ...c, url: logo, name: `${c.name} (logo)` },
    ])) {
      lines.length = 0;
      const res = await t.app.inject({
        method: 'POST',
        url: c.url,
        headers: { cookie: admin.cookieHeader(), 'content-type': c.type },
        payload: c.payload,
      });
      assert.equal(res.statusCode, 400, c.name);
      assert.match(res.headers['content-type'] as string, /^text\/html/, c.name);
      assert.match(res.body, /There is a problem with what was sent/, c.name);
      assert.match(res.body, /govuk-header/, `${c.name}: the app's own page`);
      assert.deepEqual(errorLines(), [], `${c.name}: nothing logged as an error`);
    }
  });

  it('takes only forms on its pages: JSON or plain text is 415 with its own page', async () => {
    await admin.get(`/partnerships/${t.ids.partnershipId}/agencies/new`);
    for (const [type, payload] of [
      ['application/json', JSON.stringify({ _csrf: admin.csrf, name: 'Json Agency' })],
      ['text/plain', 'name=Plain'],
    ] as const) {
      lines.length = 0;
      const res = await t.app.inject({
        method: 'POST',
        url: '/sign-in',
        headers: { cookie: admin.cookieHeader(), 'content-type': type },
        payload,
      });
      assert.equal(res.statusCode, 415, type);
      assert.match(res.body, /There is a problem with what was sent/, type);
      assert.deepEqual(errorLines(), [], type);
    }
    const form = await admin.post('/sign-in', { email: 'someone@example.org' });
    assert.equal(form.status, 303, 'a form still goes through');
  });
});
