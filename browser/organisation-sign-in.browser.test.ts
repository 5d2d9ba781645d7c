/**
 * In a browser: a partnership admin sets the partnership's OpenID Connect provider, and an agency
 * lead whose email domain it covers signs in through it (a real provider running in the test).
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startTestProvider, type TestProvider } from '../test/helpers/oidc-test-provider.ts';
import { type BrowserHarness, expectAxeClean, skipBrowser, startBrowserHarness } from './helpers/browser.ts';

const ADMIN = 'business.manager@nrscp.example';
const LEAD = 'safeguarding.lead@northshire-council.example';
const STRANGER = 'stranger@northshire-council.example';

/** A port free now, so the app's BASE_URL (the provider's redirect URI) can name it before it listens. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('in a browser: signing in with an organisation’s account', { skip: skipBrowser }, () => {
  let h: BrowserHarness;
  let provider: TestProvider;
  before(async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    provider = await startTestProvider(
      [
        { email: LEAD, emailVerified: true, name: 'Sam Lead' },
        { email: STRANGER, emailVerified: true },
      ],
      [`${baseUrl}/sign-in/oidc/callback`],
    );
    h = await startBrowserHarness({ env: { BASE_URL: baseUrl } }, { port });
  });
  after(async () => {
    await h?.close();
    await provider?.close();
  });

  it('the admin sets the provider, then the lead signs in through it and a stranger is refused', async () => {
    const admin = await (await h.context()).newPage();
    await h.signIn(admin, ADMIN);
    await admin.goto(`/partnerships/${h.t.ids.partnershipId}/settings`);
    await admin.getByRole('link', { name: 'Sign-in with your organisation’s accounts' }).click();
    await expectAxeClean(admin, 'the provider settings');
    await admin.getByRole('button', { name: 'Save provider' }).click();
    // The click returns before the answer has loaded: wait for the refused form's error summary.
    await admin.locator('.govuk-error-summary').waitFor();
    assert.equal(await admin.locator('.govuk-error-summary li').count(), 4);
    await expectAxeClean(admin, 'the provider settings with errors');
    await admin.getByLabel('Issuer URL').fill(provider.issuer);
    await admin.getByLabel('Client ID').fill(provider.clientId);
    await admin.getByLabel('Client secret').fill(provider.clientSecret);
    await admin.getByLabel('Email domains').fill('northshire-council.example');
    await admin.getByRole('button', { name: 'Save provider' }).click();
    await admin.waitForURL(/\?done=saved/);
    assert.match(await admin.locator('.govuk-summary-card').innerText(), /Ending/);

    const lead = await (await h.context()).newPage();
    await lead.goto('/sign-in');
    await expectAxeClean(lead, 'the sign-in page');
    await lead.getByLabel('Email address').fill(LEAD);
    await lead.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await lead.waitForURL('**/sign-in/organisation');
    await expectAxeClean(lead, 'the organisation sign-in page');
    await lead.getByRole('button', { name: 'Continue to your organisation’s sign-in page' }).click();
    // Back from the provider, signed in, on their home page (an agency lead's is their returns).
    await lead.waitForURL((url) => url.origin === h.baseUrl && !url.pathname.startsWith('/sign-in'));
    await expectAxeClean(lead, 'the lead’s first page');
    await lead.goto('/returns');
    assert.match(await lead.locator('main').innerText(), /Northshire County Council/);
    assert.equal(await lead.getByRole('button', { name: 'Sign out' }).count(), 1);

    const stranger = await (await h.context()).newPage();
    await stranger.goto('/sign-in');
    await stranger.getByLabel('Email address').fill(STRANGER);
    await stranger.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await stranger.getByRole('button', { name: 'Continue to your organisation’s sign-in page' }).click();
    await stranger.waitForURL('**/sign-in/oidc/callback**');
    assert.equal(
      await stranger.getByRole('heading', { level: 1 }).innerText(),
      'You do not have an account on this service',
    );
    await expectAxeClean(stranger, 'the refusal page');
  });
});
