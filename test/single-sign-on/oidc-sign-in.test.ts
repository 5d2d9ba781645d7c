/**
 * Signing in through an organisation's OpenID Connect provider, against a real provider running in
 * the test process: the whole redirect dance over HTTP, and each way it is refused.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { users } from '../../src/db/schema.ts';
import { encryptClientSecret, secretHint } from '../../src/features/single-sign-on/client-secret.ts';
import { saveProvider } from '../../src/features/single-sign-on/identity-providers.repository.ts';
import { startTestProvider, type TestProvider } from '../helpers/oidc-test-provider.ts';
import { addOtherPartnership } from '../helpers/other-partnership.ts';
import { startTestApp, type TestApp, type TestClient, type TestResponse } from '../helpers/test-app.ts';

const BASE_URL = 'http://localhost:3000';
const LEAD = 'safeguarding.lead@northshire-council.example';
const HR = 'hr.adviser@northshire-council.example';
const STRANGER = 'stranger@northshire-council.example';
const OTHER_DOMAIN = 'someone@elsewhere.example';

describe('signing in through an organisation’s OpenID Connect provider', () => {
  let t: TestApp;
  let provider: TestProvider;
  const logs: string[] = [];

  before(async () => {
    t = await startTestApp({ logStream: { write: (line) => logs.push(line) } });
    provider = await startTestProvider(
      [
        { email: LEAD, emailVerified: true, name: 'Sam Lead' },
        { email: HR, emailVerified: false },
        { email: STRANGER, emailVerified: true },
        { email: OTHER_DOMAIN, emailVerified: true },
      ],
      [`${BASE_URL}/sign-in/oidc/callback`],
    );
    await saveProvider(
      t.database.db,
      t.ids.partnershipId,
      {
        issuer: provider.issuer,
        clientId: provider.clientId,
        secret: {
          encrypted: encryptClientSecret(t.app.deps.config.sessionSecret, provider.clientSecret),
          hint: secretHint(provider.clientSecret),
        },
        domains: ['northshire-council.example'],
      },
      t.ids.userIds.manager ?? Object.values(t.ids.userIds)[0]!,
      t.clock.now(),
    );
  });
  after(async () => {
    await t?.close();
    await provider?.close();
  });

  /** Asks to sign in as `email` and follows the app to the provider's authorization request. */
  async function toProvider(email: string): Promise<{ client: TestClient; authorizationUrl: URL }> {
    const client = t.client();
    await client.get('/sign-in');
    const asked = await client.post('/sign-in', { email });
    assert.equal(asked.status, 303);
    assert.equal(asked.location, '/sign-in/organisation');
    const page = await client.get('/sign-in/organisation');
    assert.equal(page.status, 200);
    assert.match(page.body, /href="\/sign-in\/oidc\/start"/);
    const started = await client.get('/sign-in/oidc/start');
    assert.equal(started.status, 302);
    return { client, authorizationUrl: new URL(started.location!) };
  }

  /** The provider's answer, as the address it sends the browser back to. */
  const throughProvider = (url: URL) => provider.walk(url.href, `${BASE_URL}/`);
  const back = (client: TestClient, callback: URL) => client.get(callback.pathname + callback.search);

  function assertRefused(res: TestResponse, status: number, heading: RegExp) {
    assert.equal(res.status, status, res.body.slice(0, 300));
    assert.match(res.body, /<h1 class="govuk-heading-l">/);
    assert.match(res.body, heading);
    assert.doesNotMatch(res.body, /Sign out/, 'nobody is signed in');
  }

  it('sends the provider a PKCE challenge, state and nonce, and signs the person in with their own roles', async () => {
    const { client, authorizationUrl } = await toProvider(LEAD);
    assert.equal(authorizationUrl.origin, provider.issuer);
    assert.equal(authorizationUrl.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(authorizationUrl.searchParams.get('code_challenge'));
    assert.ok(authorizationUrl.searchParams.get('state'));
    assert.ok(authorizationUrl.searchParams.get('nonce'));
    assert.equal(authorizationUrl.searchParams.get('login_hint'), LEAD);
    assert.equal(authorizationUrl.searchParams.get('redirect_uri'), `${BASE_URL}/sign-in/oidc/callback`);
    const callback = await throughProvider(authorizationUrl);
    assert.ok(callback.searchParams.get('code'));
    const done = await back(client, callback);
    assert.equal(done.status, 303, done.body.slice(0, 300));
    assert.equal(done.location, '/');
    const home = await client.get('/returns');
    assert.equal(home.status, 200);
    assert.match(home.body, /Sign out/);
    assert.match(home.body, /Northshire County Council/, 'the agency lead sees their agency’s return');
    const [user] = await t.database.db.select().from(users).where(eq(users.email, LEAD));
    assert.ok(user?.lastSignedInAt, 'the sign-in is recorded');
  });

  it('brings the person back to the page they asked for', async () => {
    const client = t.client();
    const asked = await client.get('/returns');
    assert.equal(asked.status, 303);
    const signInPage = await client.get(asked.location!);
    assert.match(signInPage.body, /name="next" value="\/returns"/);
    await client.post('/sign-in', { email: LEAD, next: '/returns' });
    const started = await client.get('/sign-in/oidc/start');
    const done = await back(client, await throughProvider(new URL(started.location!)));
    assert.equal(done.status, 303);
    assert.equal(done.location, '/returns');
  });

  it('keeps the email link for addresses no provider covers, and for anyone who asks for it', async () => {
    const client = t.client();
    await client.get('/sign-in');
    const other = await client.post('/sign-in', { email: 'business.manager@nrscp.example' });
    assert.equal(other.location, '/sign-in/check-email');
    const form = await client.get('/sign-in?method=email');
    assert.match(form.body, /name="method" value="email"/);
    const link = await client.post('/sign-in', { email: LEAD, method: 'email' });
    assert.equal(link.location, '/sign-in/check-email');
    const [mail] = await t.mailTo(LEAD);
    assert.match(mail?.bodyText ?? '', /\/sign-in\/link\//);
  });

  it('refuses a wrong state', async () => {
    const { client, authorizationUrl } = await toProvider(LEAD);
    const callback = await throughProvider(authorizationUrl);
    callback.searchParams.set('state', 'not-the-state-we-sent');
    assertRefused(await back(client, callback), 400, /Your sign-in could not be completed/);
  });

  it('refuses a code used a second time', async () => {
    const { client, authorizationUrl } = await toProvider(LEAD);
    const kept = client.cookieHeader();
    const callback = await throughProvider(authorizationUrl);
    assert.equal((await back(client, callback)).status, 303);
    // An attacker replays the same answer with the same cookie.
    const attacker = t.client();
    for (const pair of kept.split('; ')) {
      const at = pair.indexOf('=');
      attacker.setCookie(pair.slice(0, at), pair.slice(at + 1));
    }
    const replayed = await back(attacker, callback);
    assertRefused(replayed, 400, /did not accept this sign-in/);
  });

  it('refuses an answer with no sign-in started in this browser', async () => {
    const { authorizationUrl } = await toProvider(LEAD);
    const callback = await throughProvider(authorizationUrl);
    assertRefused(await back(t.client(), callback), 400, /started in another browser/);
  });

  it('refuses an ID token whose nonce is not the one sent', async () => {
    const { client, authorizationUrl } = await toProvider(LEAD);
    authorizationUrl.searchParams.set('nonce', 'a-nonce-from-somewhere-else');
    const callback = await throughProvider(authorizationUrl);
    assert.ok(callback.searchParams.get('code'), 'the provider gave a code');
    const before = logs.length;
    assertRefused(await back(client, callback), 400, /could not be checked/);
    const refused = logs.slice(before).map((line) => JSON.parse(line) as { code?: string; msg?: string });
    assert.ok(
      refused.some((line) => line.code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED'),
      `the ID token's nonce was refused: ${JSON.stringify(refused)}`,
    );
  });

  it('refuses an email address the provider has not verified', async () => {
    const { client, authorizationUrl } = await toProvider(HR);
    const res = await back(client, await throughProvider(authorizationUrl));
    assertRefused(res, 403, /We could not check your email address/);
  });

  it('refuses a person the provider knows but this service does not', async () => {
    const { client, authorizationUrl } = await toProvider(STRANGER);
    const res = await back(client, await throughProvider(authorizationUrl));
    assertRefused(res, 403, /You do not have an account on this service/);
    const [created] = await t.database.db.select().from(users).where(eq(users.email, STRANGER));
    assert.equal(created, undefined, 'no account is made for them');
  });

  it('refuses an address outside the domains the provider covers', async () => {
    const { client, authorizationUrl } = await toProvider(LEAD);
    provider.signInAs(OTHER_DOMAIN);
    const res = await back(client, await throughProvider(authorizationUrl));
    assertRefused(res, 403, /This account cannot sign in here/);
  });

  it('says so when the person turns the sign-in down at their provider', async () => {
    const { client, authorizationUrl } = await toProvider(LEAD);
    const state = authorizationUrl.searchParams.get('state')!;
    const res = await client.get(
      `/sign-in/oidc/callback?error=access_denied&state=${encodeURIComponent(state)}`,
    );
    assertRefused(res, 403, /Your organisation did not sign you in/);
  });

  it('offers the email link when the provider cannot be reached', async () => {
    const other = await addOtherPartnership(t, { slug: 'unreachable' });
    await saveProvider(
      t.database.db,
      other.partnershipId,
      {
        issuer: 'http://127.0.0.1:9/nobody-listens',
        clientId: 'x',
        secret: { encrypted: encryptClientSecret(t.app.deps.config.sessionSecret, 'secret'), hint: 'cret' },
        domains: ['unreachable.example'],
      },
      other.adminId,
      t.clock.now(),
    );
    const client = t.client();
    await client.get('/sign-in');
    assert.equal(
      (await client.post('/sign-in', { email: 'manager@unreachable.example' })).location,
      '/sign-in/organisation',
    );
    const res = await client.get('/sign-in/oidc/start');
    assertRefused(res, 503, /sign-in service is not available/);
    assert.match(res.body, /href="\/sign-in\?method=email"/);
  });

  it('refuses, through a partnership’s provider, someone who also works with another partnership', async () => {
    // Their agency now takes part in a second partnership too: the first one's provider (which its
    // admins control) may not sign them in, or it could be used to act in the other partnership.
    await addOtherPartnership(t, { shareAgencies: [t.ids.agencyIds.council!] });
    const { client, authorizationUrl } = await toProvider(LEAD);
    const res = await back(client, await throughProvider(authorizationUrl));
    assertRefused(res, 403, /is used with more than this partnership/);
    assert.match(res.body, /href="\/sign-in\?method=email"/);
  });

  it('logs no email address of anyone signing in', () => {
    assert.ok(logs.length > 0);
    for (const email of [LEAD, HR, STRANGER, OTHER_DOMAIN])
      assert.ok(!logs.some((line) => line.includes(email)), `${email} is not in the log`);
  });
});
