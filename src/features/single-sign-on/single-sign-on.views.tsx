import { Layout, type PageChrome } from '../../views/layout.tsx';

/** Someone whose email domain a provider covers: where they are going, and the email link instead. */
export function OrganisationSignInPage(props: {
  chrome: PageChrome;
  domain: string;
  providerHost: string;
}): JSX.Element {
  return (
    <Layout title="Sign in with your organisation’s account" {...props.chrome}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">Sign in with your organisation’s account</h1>
          <p class="govuk-body">
            People with an email address ending <strong safe>@{props.domain}</strong> sign in to this service
            with the account they use at work.
          </p>
          <p class="govuk-body">
            We will send you to your organisation’s sign-in page at <strong safe>{props.providerHost}</strong>
            , then bring you back here.
          </p>
          <a
            href="/sign-in/oidc/start"
            role="button"
            draggable="false"
            class="govuk-button"
            data-module="govuk-button"
          >
            Continue to your organisation’s sign-in page
          </a>
          <p class="govuk-body">
            <a class="govuk-link" href="/sign-in?method=email">
              Sign in with an email link instead
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}
