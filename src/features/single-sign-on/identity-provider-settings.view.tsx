/** The page where an admin sets the OpenID Connect provider their staff sign in with. */
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { Input } from '../../views/govuk/input.tsx';
import { NotificationBanner } from '../../views/govuk/notification-banner.tsx';
import { SummaryList } from '../../views/govuk/summary-list.tsx';
import { Textarea } from '../../views/govuk/textarea.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import type { ProviderFormState } from './identity-provider-form.ts';
import type { IdentityProvider } from './identity-providers.repository.ts';

export interface ProviderOwnerView {
  /** The partnership's name, or the platform's page. */
  caption: string;
  path: string;
  back: { href: string; text: string };
  /** Who the provider can sign in, in words. */
  whoCanSignIn: string;
}

export function IdentityProviderPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  owner: ProviderOwnerView;
  provider: IdentityProvider | null;
  redirectUri: string;
  state: ProviderFormState;
  /** A secret was typed into a form that could not be saved: it is not shown back. */
  secretTyped?: boolean;
  errors?: FormErrors | undefined;
  notice?: string | undefined;
}): JSX.Element {
  const { provider, state, errors, owner } = m;
  return (
    <Layout
      title="Sign-in with your organisation’s accounts"
      {...m.chrome}
      errors={errors}
      beforeContent={<BackLink href={owner.back.href} text={owner.back.text} />}
    >
      {m.notice ? <NotificationBanner type="success" text={m.notice} /> : ''}
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {owner.caption}
          </span>
          <h1 class="govuk-heading-l">Sign-in with your organisation’s accounts</h1>
          <p class="govuk-body">
            People whose email address ends with one of the domains below sign in through your OpenID Connect
            provider (such as Microsoft Entra ID) instead of an emailed link.
          </p>
          <p class="govuk-body" safe>
            {owner.whoCanSignIn}
          </p>
          <p class="govuk-body">
            The provider only proves who someone is: they still need an account here, and what they can do
            still comes from their roles in this service. Anyone can still ask for an email link instead.
          </p>
          {provider ? (
            <SummaryList
              card={{ title: { text: 'Provider in use' } }}
              rows={[
                { key: { text: 'Issuer URL' }, value: { text: provider.issuer } },
                { key: { text: 'Client ID' }, value: { text: provider.clientId } },
                { key: { text: 'Client secret' }, value: { text: `Ending ${provider.clientSecretHint}` } },
                { key: { text: 'Email domains' }, value: { text: provider.domains.join(', ') } },
              ]}
            />
          ) : (
            <p class="govuk-body">No provider is set: everyone signs in with an email link.</p>
          )}
          <h2 class="govuk-heading-m">{provider ? 'Change the provider' : 'Set a provider'}</h2>
          <p class="govuk-body">
            Register this service with your provider as a web application with this redirect URI:
          </p>
          <p class="govuk-body">
            <code class="app-break-word" safe>
              {m.redirectUri}
            </code>
          </p>
          <form method="post" action={owner.path} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <Input
              id="issuer"
              name="issuer"
              type="url"
              spellcheck={false}
              autocomplete="off"
              label={{ text: 'Issuer URL', classes: 'govuk-label--s' }}
              hint={{
                text: 'For Microsoft Entra ID: https://login.microsoftonline.com/ followed by your tenant ID and /v2.0',
              }}
              value={state.issuer}
              errorMessage={fieldError(errors, 'issuer')}
            />
            <Input
              id="clientId"
              name="clientId"
              spellcheck={false}
              autocomplete="off"
              label={{ text: 'Client ID', classes: 'govuk-label--s' }}
              hint={{ text: 'For Microsoft Entra ID: the application (client) ID' }}
              value={state.clientId}
              errorMessage={fieldError(errors, 'clientId')}
            />
            <Input
              id="clientSecret"
              name="clientSecret"
              type="password"
              spellcheck={false}
              autocomplete="off"
              label={{
                text: provider ? 'New client secret (optional)' : 'Client secret',
                classes: 'govuk-label--s',
              }}
              hint={{
                text: m.secretTyped
                  ? 'Enter the client secret again: we never show a secret back.'
                  : provider
                    ? 'Leave it empty to keep the secret ending with the characters shown above.'
                    : 'It is stored encrypted and never shown again.',
              }}
              value=""
              errorMessage={fieldError(errors, 'clientSecret')}
            />
            <Textarea
              name="domains"
              rows={3}
              spellcheck={false}
              label={{ text: 'Email domains', classes: 'govuk-label--s' }}
              hint={{
                text: 'The part of people’s email addresses after the @, one a line, like northshire.gov.uk',
              }}
              value={state.domains}
              errorMessage={fieldError(errors, 'domains')}
            />
            <Button text="Save provider" attributes={{ 'data-prevent-double-click': 'true' }} />
          </form>
          {provider ? (
            <form method="post" action={`${owner.path}/remove`}>
              <input type="hidden" name="_csrf" value={m.csrfToken} />
              <h2 class="govuk-heading-m">Stop using the provider</h2>
              <p class="govuk-body">Everyone will sign in with an email link again.</p>
              <Button text="Remove the provider" classes="govuk-button--warning" />
            </form>
          ) : (
            ''
          )}
        </div>
      </div>
    </Layout>
  );
}
