/** Asking to take part (public pages) and deciding on the requests (the partnership's admins). */
import { escapeHtml } from '@kitajs/html';
import { formatDate } from '../../lib/dates.ts';
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { CharacterCount } from '../../views/govuk/character-count.tsx';
import { Checkboxes } from '../../views/govuk/checkboxes.tsx';
import { Input } from '../../views/govuk/input.tsx';
import { NotificationBanner } from '../../views/govuk/notification-banner.tsx';
import { Panel } from '../../views/govuk/panel.tsx';
import { Radios } from '../../views/govuk/radios.tsx';
import { SummaryList } from '../../views/govuk/summary-list.tsx';
import { Table } from '../../views/govuk/table.tsx';
import { Tag } from '../../views/govuk/tag.tsx';
import { WarningText } from '../../views/govuk/warning-text.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import type { PartnershipRef } from '../agencies/agencies.view.tsx';
import { SECTOR_LABELS } from '../agencies/sectors.ts';
import { JOIN_SECTORS, type JoinFormState, REASON_MAX } from './join-request-form.ts';
import type { JoinRequest } from './join-requests.repository.ts';

type Locality = { id: string; name: string };

export function ChoosePartnershipPage(m: {
  chrome: PageChrome;
  partnerships: PartnershipRef[];
}): JSX.Element {
  return (
    <Layout
      title="Ask to take part"
      {...m.chrome}
      beforeContent={<BackLink href="/sign-in" text="Sign in" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">Ask to take part</h1>
          <p class="govuk-body">
            Section 11 of the Children Act 2004 does not apply by law to voluntary, community and faith
            organisations, but they can take part in a safeguarding partnership’s Section 11 audits
            voluntarily. Choose the partnership for the area your organisation works in.
          </p>
          {m.partnerships.length ? (
            <ul class="govuk-list">
              {m.partnerships.map((p) => (
                <li>
                  <a class="govuk-link" href={`/join/${p.id}`} safe>
                    {p.name}
                  </a>
                </li>
              ))}
            </ul>
          ) : (
            <p class="govuk-body">No partnership uses this service yet.</p>
          )}
        </div>
      </div>
    </Layout>
  );
}

export function JoinFormPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  partnership: PartnershipRef;
  localities: Locality[];
  state: JoinFormState;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const { state, errors } = m;
  return (
    <Layout
      title={`Ask to take part in ${m.partnership.name}`}
      {...m.chrome}
      errors={errors}
      beforeContent={<BackLink href="/join" text="Partnerships" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {m.partnership.name}
          </span>
          <h1 class="govuk-heading-l">Ask to take part in the Section 11 audit</h1>
          <p class="govuk-body">
            For voluntary, community and faith organisations and others that take part voluntarily. The
            partnership will look at your request and email you its decision.
          </p>
          <form method="post" action={`/join/${m.partnership.id}`} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <Input
              name="organisationName"
              label={{ text: 'Organisation’s name', classes: 'govuk-label--s' }}
              autocomplete="organization"
              value={state.organisationName}
              errorMessage={fieldError(errors, 'organisationName')}
            />
            <Radios
              name="sector"
              fieldset={{
                legend: { text: 'What kind of organisation is it?', classes: 'govuk-fieldset__legend--s' },
              }}
              value={state.sector}
              errorMessage={fieldError(errors, 'sector')}
              items={JOIN_SECTORS.map((s) => ({ value: s, text: SECTOR_LABELS[s] }))}
            />
            <Checkboxes
              name="localities"
              idPrefix="localities"
              fieldset={{
                legend: { text: 'Which areas does it work in?', classes: 'govuk-fieldset__legend--s' },
              }}
              hint={{ text: 'Select all that apply.' }}
              errorMessage={fieldError(errors, 'localities')}
              items={m.localities.map((l) => ({
                value: l.id,
                text: l.name,
                checked: state.localityIds.includes(l.id),
              }))}
            />
            <Input
              name="contactName"
              label={{ text: 'Your full name', classes: 'govuk-label--s' }}
              hint={{
                text: 'If the request is approved, you will be the organisation’s lead for the audit.',
              }}
              autocomplete="name"
              spellcheck={false}
              value={state.contactName}
              errorMessage={fieldError(errors, 'contactName')}
            />
            <Input
              name="contactEmail"
              type="email"
              label={{ text: 'Your email address', classes: 'govuk-label--s' }}
              hint={{ text: 'We will email you when the partnership has decided.' }}
              autocomplete="email"
              spellcheck={false}
              value={state.contactEmail}
              errorMessage={fieldError(errors, 'contactEmail')}
            />
            <CharacterCount
              name="reason"
              maxlength={REASON_MAX}
              label={{ text: 'Why does your organisation want to take part?', classes: 'govuk-label--s' }}
              hint={{ text: 'For example, the work it does with children and families.' }}
              value={state.reason}
              errorMessage={fieldError(errors, 'reason')}
            />
            <div hidden>
              <Input
                name="website"
                label={{ text: 'Leave this empty' }}
                autocomplete="off"
                value={state.website}
                attributes={{ tabindex: '-1' }}
              />
            </div>
            <Button text="Send request" attributes={{ 'data-prevent-double-click': 'true' }} />
          </form>
        </div>
      </div>
    </Layout>
  );
}

export function JoinSentPage(m: { chrome: PageChrome; partnership: PartnershipRef }): JSX.Element {
  return (
    <Layout title="Request sent" {...m.chrome}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <Panel titleText="Request sent" text={m.partnership.name} />
          <p class="govuk-body">
            We are emailing you to confirm we received it. The partnership will look at your request and email
            you its decision.
          </p>
        </div>
      </div>
    </Layout>
  );
}

const STATUS_TAGS = {
  pending: { text: 'Waiting for a decision', classes: 'govuk-tag--yellow' },
  approved: { text: 'Approved', classes: 'govuk-tag--green' },
  declined: { text: 'Declined', classes: 'govuk-tag--grey' },
} as const;

export function JoinRequestsPage(m: {
  chrome: PageChrome;
  partnership: PartnershipRef;
  joinUrl: string;
  requests: JoinRequest[];
  notice?: string | undefined;
}): JSX.Element {
  const base = `/partnerships/${m.partnership.id}/join-requests`;
  const pending = m.requests.filter((r) => r.status === 'pending');
  const decided = m.requests.filter((r) => r.status !== 'pending');
  const table = (items: JoinRequest[], caption: string) => (
    <Table
      caption={caption}
      captionClasses="govuk-table__caption--m"
      firstCellIsHeader
      head={[{ text: 'Organisation' }, { text: 'Contact' }, { text: 'Received' }, { text: 'Status' }]}
      rows={items.map((r) => [
        {
          html: `<a class="govuk-link" href="${base}/${r.id}">${escapeHtml(r.organisationName)}</a>`,
        },
        { text: `${r.contactName} (${r.contactEmail})`, classes: 'app-break-word' },
        { text: formatDate(r.createdAt) },
        { html: Tag(STATUS_TAGS[r.status]) as string },
      ])}
    />
  );
  return (
    <Layout
      title="Requests to take part"
      {...m.chrome}
      beforeContent={<BackLink href={`/partnerships/${m.partnership.id}/agencies`} text="Agencies" />}
    >
      {m.notice ? <NotificationBanner type="success" text={m.notice} /> : ''}
      <span class="govuk-caption-l" safe>
        {m.partnership.name}
      </span>
      <h1 class="govuk-heading-l">Requests to take part</h1>
      <p class="govuk-body" safe>
        {`Voluntary, community and faith organisations can ask to take part at ${m.joinUrl}`}
      </p>
      {pending.length ? (
        table(pending, 'Waiting for a decision')
      ) : (
        <p class="govuk-body">No requests are waiting for a decision.</p>
      )}
      {decided.length ? table(decided, 'Decided') : ''}
    </Layout>
  );
}

export function JoinRequestPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  partnership: PartnershipRef;
  request: JoinRequest;
  localityNames: string[];
  /** An agency of the partnership already has this name. */
  sameNameAgency: boolean;
  declineReason: string;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const { request: r, errors } = m;
  const base = `/partnerships/${m.partnership.id}/join-requests`;
  return (
    <Layout
      title={r.organisationName}
      {...m.chrome}
      errors={errors}
      beforeContent={<BackLink href={base} text="Requests to take part" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l">Request to take part</span>
          <h1 class="govuk-heading-l" safe>
            {r.organisationName}
          </h1>
          <Tag {...STATUS_TAGS[r.status]} />
          <SummaryList
            classes="govuk-!-margin-top-6"
            rows={[
              { key: { text: 'Kind of organisation' }, value: { text: SECTOR_LABELS[r.sector] } },
              {
                key: { text: 'Areas it works in' },
                value: { text: m.localityNames.join(', ') || 'None given' },
              },
              { key: { text: 'Contact' }, value: { text: r.contactName } },
              {
                key: { text: 'Contact’s email address' },
                value: { text: r.contactEmail, classes: 'app-break-word' },
              },
              { key: { text: 'Why it wants to take part' }, value: { text: r.reason } },
              { key: { text: 'Received' }, value: { text: formatDate(r.createdAt) } },
              ...(r.status === 'declined'
                ? [{ key: { text: 'Reason for declining' }, value: { text: r.declineReason ?? '' } }]
                : []),
            ]}
          />
          {r.status === 'pending' && m.sameNameAgency ? (
            <WarningText text="An agency with this name already takes part in the partnership. Check it is not the same organisation before approving." />
          ) : (
            ''
          )}
          {r.status === 'pending' ? (
            <>
              <form method="post" action={`${base}/${r.id}/approve`}>
                <input type="hidden" name="_csrf" value={m.csrfToken} />
                <h2 class="govuk-heading-m">Approve</h2>
                <p class="govuk-body">
                  The organisation becomes one of the partnership’s agencies, taking part voluntarily, and its
                  contact is emailed a sign-in link as its agency lead.
                </p>
                <Button text="Approve request" attributes={{ 'data-prevent-double-click': 'true' }} />
              </form>
              <form method="post" action={`${base}/${r.id}/decline`} novalidate>
                <input type="hidden" name="_csrf" value={m.csrfToken} />
                {/* A reason refused with the session comes back on this page, not the post's address. */}
                <input type="hidden" name="_returnTo" value={`${base}/${r.id}`} />
                <h2 class="govuk-heading-m">Decline</h2>
                <CharacterCount
                  name="declineReason"
                  maxlength={REASON_MAX}
                  label={{ text: 'Why are you declining the request?', classes: 'govuk-label--s' }}
                  hint={{ text: 'This is emailed to the contact.' }}
                  value={m.declineReason}
                  errorMessage={fieldError(errors, 'declineReason')}
                />
                <Button
                  text="Decline request"
                  classes="govuk-button--warning"
                  attributes={{ 'data-prevent-double-click': 'true' }}
                />
              </form>
            </>
          ) : (
            ''
          )}
        </div>
      </div>
    </Layout>
  );
}
