/** A partnership's API tokens: the list, the form for a new one, and the new token shown once. */
import { escapeHtml } from '@kitajs/html';
import { formatDateTime } from '../../lib/dates.ts';
import { dateInputItems } from '../../views/date-items.ts';
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { DateInput } from '../../views/govuk/date-input.tsx';
import { Input } from '../../views/govuk/input.tsx';
import { NotificationBanner } from '../../views/govuk/notification-banner.tsx';
import { Table } from '../../views/govuk/table.tsx';
import { Tag } from '../../views/govuk/tag.tsx';
import { WarningText } from '../../views/govuk/warning-text.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import { toHtml } from '../../views/render.ts';
import type { PartnershipAccess } from '../partnerships/partnership-access.ts';
import type { ApiTokenFormState } from './api-token-form.ts';
import type { ApiTokenSummary } from './api-tokens.repository.ts';

export const tokensPath = (partnershipId: string) => `/partnerships/${partnershipId}/api-tokens`;

function tokenState(t: ApiTokenSummary, now: Date): { text: string; classes: string } {
  if (t.revokedAt) return { text: 'Revoked', classes: 'govuk-tag--grey' };
  if (t.expiresAt && t.expiresAt <= now) return { text: 'Expired', classes: 'govuk-tag--grey' };
  return { text: 'Active', classes: 'govuk-tag--green' };
}

export function ApiTokensPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  partnership: PartnershipAccess;
  tokens: ApiTokenSummary[];
  now: Date;
  state: ApiTokenFormState;
  errors?: FormErrors | undefined;
  done?: 'revoked' | undefined;
}): JSX.Element {
  const base = tokensPath(m.partnership.id);
  const expiresError = fieldError(m.errors, 'expires');
  return (
    <Layout
      title="API tokens"
      {...m.chrome}
      errors={m.errors}
      beforeContent={<BackLink href="/" text="Home" />}
    >
      {m.done === 'revoked' ? <NotificationBanner type="success" text="Token revoked" /> : ''}
      <span class="govuk-caption-l" safe>
        {m.partnership.name}
      </span>
      <h1 class="govuk-heading-l">API tokens</h1>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <p class="govuk-body">
            Your analysts can read your partnership’s audits, returns, answers, ratings, moderated grades and
            actions from Power BI, Excel or their own tools through the{' '}
            <a class="govuk-link" href="/api">
              read-only API
            </a>
            . Each tool needs a token. A token reads your partnership’s data only and cannot change anything.
          </p>
        </div>
      </div>
      <h2 class="govuk-heading-m">Your tokens</h2>
      {m.tokens.length === 0 ? (
        <p class="govuk-body">There are no tokens yet.</p>
      ) : (
        <Table
          caption="API tokens"
          captionClasses="govuk-visually-hidden"
          firstCellIsHeader
          head={[
            { text: 'Name' },
            { text: 'Starts with' },
            { text: 'Created' },
            { text: 'Expires' },
            { text: 'Last used' },
            { text: 'Status' },
            { html: '<span class="govuk-visually-hidden">Action</span>' },
          ]}
          rows={m.tokens.map((t) => {
            const state = tokenState(t, m.now);
            return [
              { text: t.name },
              { html: `<code>${escapeHtml(t.prefix)}…</code>` },
              { text: `${formatDateTime(t.createdAt)}${t.createdByName ? ` by ${t.createdByName}` : ''}` },
              { text: t.expiresAt ? formatDateTime(t.expiresAt) : 'Never' },
              { text: t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'Not used yet' },
              { html: toHtml(<Tag {...state} />) },
              {
                html:
                  state.text === 'Active'
                    ? toHtml(
                        <form method="post" action={`${base}/${t.id}/revoke`} class="app-inline-form">
                          <input type="hidden" name="_csrf" value={m.csrfToken} />
                          <button
                            type="submit"
                            class="govuk-button govuk-button--warning govuk-!-margin-bottom-0"
                          >
                            Revoke<span class="govuk-visually-hidden" safe>{` ${t.name}`}</span>
                          </button>
                        </form>,
                      )
                    : '',
              },
            ];
          })}
        />
      )}
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h2 class="govuk-heading-m">Create a token</h2>
          <form method="post" action={base} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <Input
              name="name"
              label={{ text: 'Name', classes: 'govuk-label--s' }}
              hint={{ text: 'What it is for, so you know which to revoke. For example, Power BI dashboard.' }}
              value={m.state.name}
              errorMessage={fieldError(m.errors, 'name')}
            />
            <DateInput
              id="expires"
              namePrefix="expires"
              fieldset={{ legend: { text: 'Expiry date (optional)', classes: 'govuk-fieldset__legend--s' } }}
              hint={{
                text: 'The token stops working at the end of this day. Leave it blank for no expiry. For example, 31 3 2027',
              }}
              errorMessage={expiresError}
              items={dateInputItems(m.state.expires, expiresError !== undefined)}
            />
            <Button text="Create token" preventDoubleClick />
          </form>
        </div>
      </div>
    </Layout>
  );
}

export function NewApiTokenPage(m: {
  chrome: PageChrome;
  partnership: PartnershipAccess;
  name: string;
  token: string;
  expiresAt: Date | null;
}): JSX.Element {
  return (
    <Layout title="Copy your new token" {...m.chrome}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {m.name}
          </span>
          <h1 class="govuk-heading-l">Copy your new token</h1>
          <WarningText text="This is the only time the token is shown. Copy it now and keep it somewhere safe, like a password manager." />
          <p class="govuk-body">
            <label class="govuk-label govuk-label--s" for="token">
              Token
            </label>
            <input
              class="govuk-input govuk-input--extra-letter-spacing"
              id="token"
              type="text"
              readonly
              spellcheck="false"
              autocomplete="off"
              value={m.token}
            />
          </p>
          <p class="govuk-body">
            {escapeHtml(
              m.expiresAt
                ? `It works until ${formatDateTime(m.expiresAt)}.`
                : 'It works until you revoke it.',
            )}
          </p>
          <p class="govuk-body">
            Send it in the <code>Authorization</code> header of each request, as <code>Bearer</code> followed
            by the token. The{' '}
            <a class="govuk-link" href="/api">
              API documentation
            </a>{' '}
            explains the rest.
          </p>
          <p class="govuk-body">
            <a class="govuk-link" href={tokensPath(m.partnership.id)}>
              Back to API tokens
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}
