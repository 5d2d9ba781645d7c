/**
 * Signing in through an OpenID Connect provider with openid-client: the authorization code flow with
 * PKCE, state and nonce; the ID token is verified by openid-client (signature against the provider's
 * keys, issuer, audience, expiry, nonce). The person is then matched by their verified email address;
 * what they may do still comes from this app's roles.
 */
import * as client from 'openid-client';
import type { Db } from '../../db/client.ts';
import { findUserByEmail } from '../auth/users.repository.ts';
import { decryptClientSecret } from './client-secret.ts';
import {
  findProviderById,
  type IdentityProvider,
  providerMaySignIn,
} from './identity-providers.repository.ts';

export const CALLBACK_PATH = '/sign-in/oidc/callback';
/** Scopes asked for: the ID token then carries the email address and whether it is verified. */
export const SCOPES = 'openid email profile';
/** Discovery documents are read again after this, to follow a provider's changes. */
const DISCOVERY_KEPT_MS = 60 * 60_000;
/** Seconds allowed for each call to a provider. */
const PROVIDER_TIMEOUT_SECONDS = 10;

export interface OidcSettings {
  baseUrl: string;
  sessionSecret: string;
  /** Outside production an http issuer is allowed (a provider running beside the tests). */
  allowHttp: boolean;
}

/** What the browser keeps between leaving for the provider and coming back (a signed cookie). */
export interface PendingOidcSignIn {
  providerId: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  next: string | null;
}

export type OidcRefusal =
  | 'provider-unavailable'
  | 'wrong-state'
  | 'provider-said-no'
  | 'code-not-accepted'
  | 'token-not-valid'
  | 'no-email'
  | 'email-not-verified'
  | 'domain-not-covered'
  | 'unknown-person'
  | 'not-for-this-provider';

export type OidcResult = { ok: true; userId: string } | { ok: false; reason: OidcRefusal; email?: string };

export class OidcSignIn {
  private readonly configurations = new Map<
    string,
    { updatedAt: number; fetchedAt: number; configuration: client.Configuration }
  >();

  constructor(
    private readonly db: Db,
    private readonly settings: OidcSettings,
    private readonly onProblem: (what: string, code: string | undefined) => void,
  ) {}

  get redirectUri(): string {
    return `${this.settings.baseUrl}${CALLBACK_PATH}`;
  }

  /** The provider's configuration from its discovery document (kept for an hour). */
  async configuration(provider: IdentityProvider): Promise<client.Configuration> {
    const kept = this.configurations.get(provider.id);
    const now = Date.now();
    if (kept && kept.updatedAt === provider.updatedAt.getTime() && now - kept.fetchedAt < DISCOVERY_KEPT_MS)
      return kept.configuration;
    const secret = decryptClientSecret(this.settings.sessionSecret, provider.clientSecretEncrypted);
    if (secret === null) throw new Error('the client secret cannot be read: enter it again');
    const configuration = await client.discovery(
      new URL(provider.issuer),
      provider.clientId,
      { client_secret: secret },
      client.ClientSecretPost(secret),
      {
        timeout: PROVIDER_TIMEOUT_SECONDS,
        ...(this.settings.allowHttp ? { execute: [client.allowInsecureRequests] } : {}),
      },
    );
    this.configurations.set(provider.id, {
      updatedAt: provider.updatedAt.getTime(),
      fetchedAt: now,
      configuration,
    });
    return configuration;
  }

  /** Where to send the browser, and what it must keep until it comes back; null if the provider fails. */
  async start(
    providerId: string,
    loginHint: string | null,
    next: string | null,
  ): Promise<{ url: string; pending: PendingOidcSignIn } | null> {
    const provider = await findProviderById(this.db, providerId);
    if (!provider) return null;
    let configuration: client.Configuration;
    try {
      configuration = await this.configuration(provider);
    } catch (error) {
      this.onProblem('discovery failed', errorCode(error));
      return null;
    }
    const codeVerifier = client.randomPKCECodeVerifier();
    const pending: PendingOidcSignIn = {
      providerId,
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier,
      next,
    };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: SCOPES,
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
      ...(loginHint ? { login_hint: loginHint } : {}),
    });
    return { url: url.href, pending };
  }

  /** Completes the sign-in from the provider's answer (`callbackUrl`, the address it sent the browser to). */
  async finish(pending: PendingOidcSignIn, callbackUrl: URL): Promise<OidcResult> {
    if (callbackUrl.searchParams.get('state') !== pending.state) return { ok: false, reason: 'wrong-state' };
    if (callbackUrl.searchParams.has('error')) return { ok: false, reason: 'provider-said-no' };
    const provider = await findProviderById(this.db, pending.providerId);
    if (!provider) return { ok: false, reason: 'provider-unavailable' };
    let configuration: client.Configuration;
    try {
      configuration = await this.configuration(provider);
    } catch (error) {
      this.onProblem('discovery failed', errorCode(error));
      return { ok: false, reason: 'provider-unavailable' };
    }
    let claims: client.IDToken | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (error) {
      const code = errorCode(error);
      this.onProblem('the provider’s answer was refused', code);
      if (error instanceof client.ResponseBodyError) return { ok: false, reason: 'code-not-accepted' };
      if (error instanceof client.AuthorizationResponseError)
        return { ok: false, reason: 'provider-said-no' };
      return { ok: false, reason: 'token-not-valid' };
    }
    if (!claims) return { ok: false, reason: 'token-not-valid' };
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
    if (!email) return { ok: false, reason: 'no-email' };
    // Microsoft Entra ID sends no email_verified; its xms_edov (optional claim) says the domain's
    // owner verified the address.
    if (claims.email_verified !== true && claims.xms_edov !== true)
      return { ok: false, reason: 'email-not-verified', email };
    if (!provider.domains.includes(email.slice(email.lastIndexOf('@') + 1)))
      return { ok: false, reason: 'domain-not-covered', email };
    const user = await findUserByEmail(this.db, email);
    if (!user) return { ok: false, reason: 'unknown-person', email };
    if (!(await providerMaySignIn(this.db, provider.partnershipId, user.id)))
      return { ok: false, reason: 'not-for-this-provider', email };
    return { ok: true, userId: user.id };
  }
}

/** Whether the issuer's discovery document can be read (checked when a provider is saved). */
export async function issuerAnswers(issuer: string, allowHttp: boolean): Promise<boolean> {
  try {
    await client.discovery(new URL(issuer), 'check', undefined, client.None(), {
      timeout: PROVIDER_TIMEOUT_SECONDS,
      ...(allowHttp ? { execute: [client.allowInsecureRequests] } : {}),
    });
    return true;
  } catch {
    return false;
  }
}

/** An error's code or name only: never its message, which may carry what the provider sent. */
function errorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; error?: unknown; name?: unknown };
  const code = typeof e?.error === 'string' ? e.error : typeof e?.code === 'string' ? e.code : undefined;
  return code ?? (typeof e?.name === 'string' ? e.name : undefined);
}
