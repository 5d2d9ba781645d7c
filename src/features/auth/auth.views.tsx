import { escapeHtml } from '@kitajs/html';
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { Button } from '../../views/govuk/button.tsx';
import { Input } from '../../views/govuk/input.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';

export interface DemoAccount {
  email: string;
  name: string;
  description: string;
}

export function SignInPage(props: {
  chrome: PageChrome;
  csrfToken: string;
  email: string;
  next: string | null;
  /** Asked for an email link even where the person's organisation signs them in. */
  emailLink?: boolean;
  errors?: FormErrors;
  notice?: string | undefined;
  demoAccounts: DemoAccount[];
}): JSX.Element {
  return (
    <Layout title="Sign in" {...props.chrome} errors={props.errors}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          {props.notice ? (
            <div class="govuk-inset-text" safe>
              {props.notice}
            </div>
          ) : (
            ''
          )}
          <h1 class="govuk-heading-l">Sign in</h1>
          <p class="govuk-body">
            Enter the email address your partnership or agency holds for you. We will email you a link to sign
            in: there is no password.
          </p>
          {props.emailLink ? (
            ''
          ) : (
            <p class="govuk-body">
              If your organisation signs you in to this service with your work account, we will send you to
              its sign-in page instead.
            </p>
          )}
          <form method="post" action="/sign-in" novalidate>
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            {props.next ? <input type="hidden" name="next" value={props.next} /> : ''}
            {props.emailLink ? <input type="hidden" name="method" value="email" /> : ''}
            <Input
              id="email"
              name="email"
              type="email"
              autocomplete="email"
              spellcheck={false}
              label={{ text: 'Email address', classes: 'govuk-label--s' }}
              value={props.email}
              errorMessage={fieldError(props.errors, 'email')}
            />
            <Button text="Email me a sign-in link" />
          </form>
          <h2 class="govuk-heading-m">Not taking part yet?</h2>
          <p class="govuk-body">
            Voluntary, community and faith organisations can{' '}
            <a class="govuk-link" href="/join">
              ask to take part in a partnership’s Section 11 audit
            </a>
            .
          </p>
          {props.demoAccounts.length > 0 ? (
            <>
              <h2 class="govuk-heading-m">Demo accounts</h2>
              <p class="govuk-body">
                This is a demonstration. Choose an account to be sent its sign-in link, then open the link
                from the development mailbox.
              </p>
              <table class="govuk-table">
                <caption class="govuk-table__caption govuk-table__caption--s">People in the demo</caption>
                <thead class="govuk-table__head">
                  <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">
                      Person
                    </th>
                    <th scope="col" class="govuk-table__header">
                      Role
                    </th>
                    <th scope="col" class="govuk-table__header">
                      <span class="govuk-visually-hidden">Action</span>
                    </th>
                  </tr>
                </thead>
                <tbody class="govuk-table__body">
                  {props.demoAccounts.map((account) => (
                    <tr class="govuk-table__row">
                      <td class="govuk-table__cell">
                        {escapeHtml(account.name)}
                        <br />
                        <span class="govuk-hint govuk-!-margin-bottom-0" safe>
                          {account.email}
                        </span>
                      </td>
                      <td class="govuk-table__cell" safe>
                        {account.description}
                      </td>
                      <td class="govuk-table__cell">
                        <form method="post" action="/sign-in">
                          <input type="hidden" name="_csrf" value={props.csrfToken} />
                          <input type="hidden" name="email" value={account.email} />
                          {props.next ? <input type="hidden" name="next" value={props.next} /> : ''}
                          <button
                            type="submit"
                            class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                          >
                            Send link<span class="govuk-visually-hidden" safe>{` to ${account.name}`}</span>
                          </button>
                        </form>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : (
            ''
          )}
        </div>
      </div>
    </Layout>
  );
}

export function CheckEmailPage(props: { chrome: PageChrome; demo: boolean }): JSX.Element {
  return (
    <Layout title="Check your email" {...props.chrome}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">Check your email</h1>
          <p class="govuk-body">
            If we hold that email address, we are sending a sign-in link to it now. It should arrive within a
            minute or two. The link works once and expires in 15 minutes.
          </p>
          <p class="govuk-body">
            If nothing arrives within a few minutes, check your junk folder or ask your partnership's business
            manager to check the address we hold.
          </p>
          {props.demo ? (
            <p class="govuk-body">
              In this demonstration, emails are not sent: open the{' '}
              <a class="govuk-link" href="/dev/mail">
                development mailbox
              </a>
              .
            </p>
          ) : (
            ''
          )}
          <p class="govuk-body">
            <a class="govuk-link" href="/sign-in">
              Use a different email address
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}

export function ContinueSignInPage(props: {
  chrome: PageChrome;
  csrfToken: string;
  token: string;
}): JSX.Element {
  return (
    <Layout title="Sign in" {...props.chrome}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">Continue to sign in</h1>
          <p class="govuk-body">Your sign-in link is valid.</p>
          <form method="post" action="/sign-in/link">
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <input type="hidden" name="token" value={props.token} />
            <Button text="Continue" />
          </form>
        </div>
      </div>
    </Layout>
  );
}
