/** The share requests a partnership made or was asked, and one request with its answer. */
import { escapeHtml } from '@kitajs/html';
import { formatDate } from '../../lib/dates.ts';
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { CharacterCount } from '../../views/govuk/character-count.tsx';
import { InsetText } from '../../views/govuk/inset-text.tsx';
import { NotificationBanner } from '../../views/govuk/notification-banner.tsx';
import { SummaryList } from '../../views/govuk/summary-list.tsx';
import { Tag } from '../../views/govuk/tag.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import type { PartnershipRef } from './agencies.view.tsx';
import { DECLINE_REASON_MAX } from './agency-share-form.ts';
import type { ShareRequest } from './agency-shares.repository.ts';
import { agenciesBase, identityRows, STATUS_TAGS, sharesBase } from './agency-shares.view.tsx';

function RequestsTable(m: {
  partnershipId: string;
  caption: string;
  requests: ShareRequest[];
  /** The partnership the request is with: the one asked (for requests sent) or the asker. */
  other: (r: ShareRequest) => string;
  otherHeading: string;
}): JSX.Element {
  return (
    <table class="govuk-table">
      <caption class="govuk-table__caption govuk-table__caption--m" safe>
        {m.caption}
      </caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">
            Agency
          </th>
          <th scope="col" class="govuk-table__header" safe>
            {m.otherHeading}
          </th>
          <th scope="col" class="govuk-table__header">
            Asked on
          </th>
          <th scope="col" class="govuk-table__header">
            Status
          </th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {m.requests.map((r) => (
          <tr class="govuk-table__row">
            <th scope="row" class="govuk-table__header">
              <a class="govuk-link" href={`${sharesBase(m.partnershipId)}/${r.id}`} safe>
                {r.agency.name}
              </a>
            </th>
            <td class="govuk-table__cell govuk-body-s" safe>
              {m.other(r)}
            </td>
            <td class="govuk-table__cell govuk-body-s" safe>
              {formatDate(r.createdAt)}
            </td>
            <td class="govuk-table__cell">
              <Tag {...STATUS_TAGS[r.status]} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ShareRequestsPage(m: {
  chrome: PageChrome;
  partnership: PartnershipRef;
  requests: ShareRequest[];
  notice?: string | undefined;
}): JSX.Element {
  const received = m.requests.filter((r) => r.askedPartnershipId === m.partnership.id);
  const sent = m.requests.filter((r) => r.partnershipId === m.partnership.id);
  const waiting = received.filter((r) => r.status === 'pending');
  const answered = received.filter((r) => r.status !== 'pending');
  return (
    <Layout
      title="Agencies shared with other partnerships"
      {...m.chrome}
      beforeContent={<BackLink href={agenciesBase(m.partnership.id)} text="Agencies" />}
    >
      {m.notice ? <NotificationBanner type="success" text={m.notice} /> : ''}
      <span class="govuk-caption-l" safe>
        {m.partnership.name}
      </span>
      <h1 class="govuk-heading-l">Agencies shared with other partnerships</h1>
      <p class="govuk-body">
        <a class="govuk-link" href={`${agenciesBase(m.partnership.id)}/find`}>
          Find an agency of another partnership and ask to share it
        </a>
      </p>
      {waiting.length ? (
        <RequestsTable
          partnershipId={m.partnership.id}
          caption="Waiting for your answer"
          requests={waiting}
          other={(r) => r.partnershipName}
          otherHeading="Asked by"
        />
      ) : (
        <p class="govuk-body">No requests are waiting for your answer.</p>
      )}
      {sent.length ? (
        <RequestsTable
          partnershipId={m.partnership.id}
          caption="Your requests"
          requests={sent}
          other={(r) => r.askedPartnershipName}
          otherHeading="Partnership asked"
        />
      ) : (
        ''
      )}
      {answered.length ? (
        <RequestsTable
          partnershipId={m.partnership.id}
          caption="Requests you have answered"
          requests={answered}
          other={(r) => r.partnershipName}
          otherHeading="Asked by"
        />
      ) : (
        ''
      )}
    </Layout>
  );
}

export function ShareRequestPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  partnership: PartnershipRef;
  request: ShareRequest;
  declineReason: string;
  notice?: string | undefined;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const { request: r, errors } = m;
  const base = `${sharesBase(m.partnership.id)}/${r.id}`;
  const asked = r.askedPartnershipId === m.partnership.id;
  return (
    <Layout
      title={`Sharing ${r.agency.name}`}
      {...m.chrome}
      errors={errors}
      beforeContent={
        <BackLink href={sharesBase(m.partnership.id)} text="Agencies shared with other partnerships" />
      }
    >
      {m.notice ? <NotificationBanner type="success" text={m.notice} /> : ''}
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l">Request to share an agency</span>
          <h1 class="govuk-heading-l" safe>
            {r.agency.name}
          </h1>
          <Tag {...STATUS_TAGS[r.status]} />
          <SummaryList
            classes="govuk-!-margin-top-6"
            rows={[
              ...identityRows(r.agency),
              { key: { text: 'Asked by' }, value: { text: r.partnershipName } },
              ...(r.requestedByName
                ? [{ key: { text: 'Asked by (person)' }, value: { text: r.requestedByName } }]
                : []),
              {
                key: { text: `${r.partnershipName}’s localities it would serve` },
                value: { text: r.localityNames.join(', ') || 'None' },
              },
              { key: { text: 'Asked on' }, value: { text: formatDate(r.createdAt) } },
              ...(r.decidedAt
                ? [{ key: { text: 'Answered on' }, value: { text: formatDate(r.decidedAt) } }]
                : []),
              ...(r.status === 'declined' && r.declineReason
                ? [{ key: { text: 'Reason for declining' }, value: { text: r.declineReason } }]
                : []),
            ]}
          />
          {r.status === 'pending' && asked ? (
            <>
              <InsetText
                text={`If you accept, ${r.agency.name} stays one agency with one set of people. It also becomes one of ${r.partnershipName}’s agencies, with its own localities and lead contact there, and can take part in its audits and in audits you run jointly. ${r.partnershipName} sees only the returns of its own audits and of joint audits, never those of your audits.`}
              />
              <form method="post" action={`${base}/accept`}>
                <input type="hidden" name="_csrf" value={m.csrfToken} />
                <h2 class="govuk-heading-m">Accept</h2>
                <Button text="Accept request" attributes={{ 'data-prevent-double-click': 'true' }} />
              </form>
              <form method="post" action={`${base}/decline`} novalidate>
                <input type="hidden" name="_csrf" value={m.csrfToken} />
                <h2 class="govuk-heading-m">Decline</h2>
                <CharacterCount
                  name="declineReason"
                  maxlength={DECLINE_REASON_MAX}
                  label={{ text: 'Why are you declining the request? (optional)', classes: 'govuk-label--s' }}
                  hint={{ text: `This is emailed to ${r.partnershipName}’s admins.` }}
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
          ) : r.status === 'pending' ? (
            <form method="post" action={`${base}/withdraw`}>
              <input type="hidden" name="_csrf" value={m.csrfToken} />
              <p class="govuk-body" safe>
                {`${r.askedPartnershipName}’s admins have been emailed your request. You will be emailed their answer.`}
              </p>
              <Button
                text="Withdraw request"
                classes="govuk-button--secondary"
                attributes={{ 'data-prevent-double-click': 'true' }}
              />
            </form>
          ) : r.status === 'accepted' && !asked ? (
            <p class="govuk-body">
              <a class="govuk-link" href={agenciesBase(m.partnership.id)}>
                {escapeHtml(`${r.agency.name} is now one of your agencies`)}
              </a>
            </p>
          ) : (
            ''
          )}
        </div>
      </div>
    </Layout>
  );
}
