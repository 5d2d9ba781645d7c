/**
 * Admins set their OpenID Connect provider: a partnership's for its people, the platform's for
 * anyone it covers. Checked over HTTP against a real provider running in the test process.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { identityProviders } from '../../src/db/schema.ts';
import { startTestProvider, type TestProvider } from '../helpers/oidc-test-provider.ts';
import { addOtherPartnership } from '../helpers/other-partnership.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const BASE_URL = 'http://localhost:3000';
const ADMIN = 'business.manager@nrscp.example';
const REVIEWER = 'scrutineer@nrscp.example';
const PLATFORM_ADMIN = 'service.desk@section11-hosting.example';
const LEAD = 'safeguarding.lead@northshire-council.example';

describe('setting the provider an organisation’s staff sign in with', () => {
  let t: TestApp;
  let provider: TestProvider;
  let admin: TestClient;
  let path: string;

  before(async () => {
    t = await startTestApp();
    provider = await startTestProvider(
      [
        { email: LEAD, emailVerified: true },
        { email: PLATFORM_ADMIN, emailVerified: true },
      ],
      [`${BASE_URL}/sign-in/oidc/callback`],
    );
    admin = await t.signIn(ADMIN);
    path = `/partnerships/${t.ids.partnershipId}/settings/sign-in`;
  });
  after(async () => {
    await t?.close();
    await provider?.close();
  });

  const goodForm = () => ({
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    domains: 'Northshire-Council.example',
  });

  it('is linked from the partnership’s settings and says what to register', async () => {
    const settings = await admin.get(`/partnerships/${t.ids.partnershipId}/settings`);
    assert.match(settings.body, new RegExp(`href="${path}"`));
    const page = await admin.get(path);
    assert.equal(page.status, 200);
    assert.match(page.body, /No provider is set/);
    assert.match(page.body, /http:\/\/localhost:3000\/sign-in\/oidc\/callback/);
  });

  it('reports every missing field at once (422), keeping what was typed', async () => {
    await admin.get(path);
    const res = await admin.post(path, { issuer: '', clientId: 'my-client', clientSecret: '', domains: '' });
    assert.equal(res.status, 422);
    assert.match(res.body, /govuk-error-summary/);
    for (const [field, message] of [
      ['issuer', 'Enter the issuer URL'],
      ['clientSecret', 'Enter the client secret'],
      ['domains', 'Enter at least one email domain'],
    ])
      assert.match(res.body, new RegExp(`href="#${field}"\\s*>${message}`));
    assert.match(res.body, /name="clientId" type="text" spellcheck="false" value="my-client"/);
  });

  it('refuses an issuer with no discovery document, never showing the secret typed back', async () => {
    await admin.get(path);
    const res = await admin.post(path, {
      ...goodForm(),
      issuer: `${provider.issuer}/not-the-issuer`,
    });
    assert.equal(res.status, 422);
    assert.match(res.body, /could not read the provider’s OpenID Connect discovery document/);
    assert.ok(!res.body.includes(provider.clientSecret), 'the secret is not in the page');
    assert.match(res.body, /Enter the client secret again/);
  });

  it('saves the provider (303), keeps the secret encrypted and shows only its last four characters', async () => {
    await admin.get(path);
    const res = await admin.post(path, goodForm());
    assert.equal(res.status, 303);
    assert.equal(res.location, `${path}?done=saved`);
    const page = await admin.get(res.location!);
    assert.match(page.body, /Provider saved/);
    assert.match(page.body, new RegExp(`Ending ${provider.clientSecret.slice(-4)}`));
    assert.match(page.body, /northshire-council\.example/);
    assert.ok(!page.body.includes(provider.clientSecret));
    const [row] = await t.database.db.select().from(identityProviders);
    assert.ok(row && !row.clientSecretEncrypted.includes(provider.clientSecret));
  });

  it('keeps the stored secret when a change leaves it empty, and its people then sign in through it', async () => {
    await admin.get(path);
    const res = await admin.post(path, { ...goodForm(), clientSecret: '' });
    assert.equal(res.status, 303);
    const client = t.client();
    await client.get('/sign-in');
    assert.equal((await client.post('/sign-in', { email: LEAD })).location, '/sign-in/organisation');
    const started = await client.get('/sign-in/oidc/start');
    const callback = await provider.walk(started.location!, `${BASE_URL}/`);
    const done = await client.get(callback.pathname + callback.search);
    assert.equal(done.status, 303, done.body.slice(0, 300));
  });

  it('lets no other provider cover a domain already covered', async () => {
    const other = await addOtherPartnership(t);
    const otherAdmin = await t.signIn(other.adminEmail);
    const otherPath = `/partnerships/${other.partnershipId}/settings/sign-in`;
    await otherAdmin.get(otherPath);
    const res = await otherAdmin.post(otherPath, {
      ...goodForm(),
      domains: 'westvale.example\nnorthshire-council.example',
    });
    assert.equal(res.status, 422);
    assert.match(res.body, /Another organisation’s provider already covers northshire-council\.example/);
    // Nor may they see or change this partnership's.
    assert.equal((await otherAdmin.get(path)).status, 404);
    assert.equal((await otherAdmin.post(path, goodForm())).status, 404);
  });

  it('is for the partnership’s admins only', async () => {
    const reviewer = await t.signIn(REVIEWER);
    assert.equal((await reviewer.get(path)).status, 403);
    await reviewer.get('/');
    assert.equal((await reviewer.post(path, goodForm())).status, 403);
    assert.equal((await reviewer.post(`${path}/remove`)).status, 403);
    assert.equal((await reviewer.get('/platform/sign-in')).status, 404);
    assert.equal((await admin.get('/platform/sign-in')).status, 404);
  });

  it('lets platform admins set the platform’s provider, which signs them in', async () => {
    const platform = await t.signIn(PLATFORM_ADMIN);
    const page = await platform.get('/platform/sign-in');
    assert.equal(page.status, 200);
    assert.match(page.body, /Platform/);
    const saved = await platform.post('/platform/sign-in', {
      ...goodForm(),
      domains: 'section11-hosting.example',
    });
    assert.equal(saved.status, 303, saved.body.slice(0, 400));
    const client = t.client();
    await client.get('/sign-in');
    await client.post('/sign-in', { email: PLATFORM_ADMIN });
    const started = await client.get('/sign-in/oidc/start');
    const callback = await provider.walk(started.location!, `${BASE_URL}/`);
    const done = await client.get(callback.pathname + callback.search);
    assert.equal(done.status, 303, done.body.slice(0, 300));
    assert.match((await client.get('/platform/partnerships')).body, /Create a partnership/);
  });

  it('removes the provider: everyone signs in with an email link again', async () => {
    await admin.get(path);
    const res = await admin.post(`${path}/remove`);
    assert.equal(res.status, 303);
    assert.match((await admin.get(res.location!)).body, /Provider removed/);
    const client = t.client();
    await client.get('/sign-in');
    assert.equal((await client.post('/sign-in', { email: LEAD })).location, '/sign-in/check-email');
  });
});
