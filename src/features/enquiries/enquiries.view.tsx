/** Section 11 enquiries: the agency's list and form, the partnership's inbox, and a thread. */
import type { EnquiryStatus } from '../../db/schema.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { CharacterCount } from '../../views/govuk/character-count.tsx';
import { Input } from '../../views/govuk/input.tsx';
import { NotificationBanner } from '../../views/govuk/notification-banner.tsx';
import { Radios } from '../../views/govuk/radios.tsx';
import { Select } from '../../views/govuk/select.tsx';
import { SummaryList } from '../../views/govuk/summary-list.tsx';
import { Tag } from '../../views/govuk/tag.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import type { AgencyPartnership } from '../partnerships/agency-partnerships.ts';
import type { EnquirySummary, EnquiryThread, ReturnOption } from './enquiries.repository.ts';
import { type EnquiryFormState, MESSAGE_MAX, recipientValue, SUBJECT_MAX } from './enquiry-form.ts';

export const ENQUIRY_STATUS_TAGS: Record<EnquiryStatus, { text: string; classes: string }> = {
  open: { text: 'Open', classes: 'govuk-tag--blue' },
  answered: { text: 'Answered', classes: 'govuk-tag--green' },
  closed: { text: 'Closed', classes: 'govuk-tag--grey' },
};

function EnquiryTable(props: {
  items: EnquirySummary[];
  hrefFor: (id: string) => string;
  side: 'agency' | 'partnership';
}) {
  return (
    <table class="govuk-table">
      <caption class="govuk-table__caption govuk-visually-hidden">Enquiries, newest activity first</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">
            Subject
          </th>
          <th scope="col" class="govuk-table__header">
            {props.side === 'partnership' ? 'Agency' : 'Partnership'}
          </th>
          <th scope="col" class="govuk-table__header">
            Last activity
          </th>
          <th scope="col" class="govuk-table__header">
            Status
          </th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {props.items.map((e) => (
          <tr class="govuk-table__row">
            <td class="govuk-table__cell app-break-word">
              <a class="govuk-link" href={props.hrefFor(e.id)} safe>
                {e.subject}
              </a>
              {props.side === 'partnership' && e.unread > 0 ? (
                <>
                  {' '}
                  <Tag text={`${e.unread} unread`} classes="govuk-tag--red" />
                </>
              ) : (
                ''
              )}
              {e.returnLabel ? (
                <span class="govuk-body-s govuk-!-display-block" safe>{`About: ${e.returnLabel}`}</span>
              ) : (
                ''
              )}
            </td>
            <td class="govuk-table__cell govuk-body-s" safe>
              {props.side === 'partnership' ? e.agencyName : e.partnershipName}
            </td>
            <td class="govuk-table__cell govuk-body-s" safe>
              {formatDateTime(e.lastActivityAt)}
            </td>
            <td class="govuk-table__cell">
              <Tag {...ENQUIRY_STATUS_TAGS[e.status]} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AgencyEnquiriesPage(m: {
  chrome: PageChrome;
  items: EnquirySummary[];
  canWrite: boolean;
  notice?: string | undefined;
}): JSX.Element {
  return (
    <Layout
      title="Section 11 enquiries"
      {...m.chrome}
      beforeContent={<BackLink href="/returns" text="Your returns" />}
    >
      {m.notice ? <NotificationBanner type="success" text={m.notice} /> : ''}
      <h1 class="govuk-heading-l">Section 11 enquiries</h1>
      <p class="govuk-body">
        Ask your safeguarding partnership a question about the Section 11 audit or your agency’s return. You
        will get an email when it replies.
      </p>
      {m.canWrite ? (
        <Button text="Send an enquiry" href="/enquiries/new" />
      ) : (
        <p class="govuk-body">Your agency is not taking part in any partnership at the moment.</p>
      )}
      {m.items.length ? (
        <EnquiryTable items={m.items} side="agency" hrefFor={(id) => `/enquiries/${id}`} />
      ) : (
        <p class="govuk-body">Your agency has not sent any enquiries yet.</p>
      )}
    </Layout>
  );
}

export function EnquiryFormPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  recipients: AgencyPartnership[];
  returns: ReturnOption[];
  state: EnquiryFormState;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const { state, errors } = m;
  const severalAgencies = new Set(m.recipients.map((r) => r.agencyId)).size > 1;
  const severalPartnerships = m.recipients.length > 1;
  const only = m.recipients.length === 1 ? m.recipients[0] : undefined;
  const partnershipName = (r: { partnershipId: string }) =>
    m.recipients.find((x) => x.partnershipId === r.partnershipId)?.partnershipName ?? '';
  return (
    <Layout
      title="Send a Section 11 enquiry"
      {...m.chrome}
      errors={errors}
      beforeContent={<BackLink href="/enquiries" text="Section 11 enquiries" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">Send a Section 11 enquiry</h1>
          {only ? (
            <p class="govuk-body" safe>
              {`Your enquiry will go to ${only.partnershipName}.`}
            </p>
          ) : (
            ''
          )}
          <form method="post" action="/enquiries/new" novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            {severalPartnerships ? (
              <Radios
                name="recipient"
                idPrefix="recipient"
                fieldset={{
                  legend: {
                    text: 'Which partnership is your enquiry for?',
                    classes: 'govuk-fieldset__legend--s',
                  },
                }}
                hint={{ text: 'Your agency takes part in the audits of more than one partnership.' }}
                value={state.recipient}
                errorMessage={fieldError(errors, 'recipient')}
                items={m.recipients.map((r) => ({
                  value: recipientValue(r),
                  text: severalAgencies ? `${r.partnershipName} (for ${r.agencyName})` : r.partnershipName,
                }))}
              />
            ) : (
              ''
            )}
            {m.returns.length ? (
              <Select
                name="returnId"
                label={{ text: 'Which return is it about? (optional)', classes: 'govuk-label--s' }}
                value={state.returnId}
                errorMessage={fieldError(errors, 'returnId')}
                items={[
                  { value: '', text: 'Not about a particular return' },
                  ...m.returns.map((r) => ({
                    value: r.id,
                    text: severalPartnerships ? `${r.label} – ${partnershipName(r)}` : r.label,
                  })),
                ]}
              />
            ) : (
              ''
            )}
            <Input
              name="subject"
              label={{ text: 'Subject', classes: 'govuk-label--s' }}
              hint={{ text: `A few words about what you are asking, up to ${SUBJECT_MAX} characters.` }}
              value={state.subject}
              errorMessage={fieldError(errors, 'subject')}
            />
            <CharacterCount
              name="message"
              rows={8}
              maxlength={MESSAGE_MAX}
              label={{ text: 'Your message', classes: 'govuk-label--s' }}
              hint={{ text: 'Do not include information about individual children or families.' }}
              value={state.message}
              errorMessage={fieldError(errors, 'message')}
            />
            <Button text="Send enquiry" attributes={{ 'data-prevent-double-click': 'true' }} />
          </form>
        </div>
      </div>
    </Layout>
  );
}

export function InboxPage(m: {
  chrome: PageChrome;
  partnership: { id: string; name: string };
  items: EnquirySummary[];
}): JSX.Element {
  const unread = m.items.reduce((n, e) => n + e.unread, 0);
  const open = m.items.filter((e) => e.status === 'open').length;
  return (
    <Layout title="Section 11 enquiries" {...m.chrome} beforeContent={<BackLink href="/" text="Home" />}>
      <span class="govuk-caption-l" safe>
        {m.partnership.name}
      </span>
      <h1 class="govuk-heading-l">Section 11 enquiries</h1>
      <p class="govuk-body" safe>
        {`${open} open ${open === 1 ? 'enquiry waits' : 'enquiries wait'} for a reply. ${unread} unread ${unread === 1 ? 'message' : 'messages'}.`}
      </p>
      {m.items.length ? (
        <EnquiryTable
          items={m.items}
          side="partnership"
          hrefFor={(id) => `/partnerships/${m.partnership.id}/enquiries/${id}`}
        />
      ) : (
        <p class="govuk-body">No agency has sent an enquiry yet.</p>
      )}
    </Layout>
  );
}

export function ThreadPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  thread: EnquiryThread;
  side: 'agency' | 'partnership';
  /** Where the thread's forms post (reply here; `/close` and `/reopen` beside it). */
  action: string;
  backHref: string;
  canReply: boolean;
  canClose: boolean;
  message: string;
  errors?: FormErrors | undefined;
  notice?: string | undefined;
}): JSX.Element {
  const t = m.thread;
  const closed = t.status === 'closed';
  return (
    <Layout
      title={t.subject}
      {...m.chrome}
      errors={m.errors}
      beforeContent={<BackLink href={m.backHref} text="Section 11 enquiries" />}
    >
      {m.notice ? <NotificationBanner type="success" text={m.notice} /> : ''}
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l">Section 11 enquiry</span>
          <h1 class="govuk-heading-l app-break-word" safe>
            {t.subject}
          </h1>
          <SummaryList
            rows={[
              { key: { text: 'Agency' }, value: { text: t.agencyName } },
              { key: { text: 'Partnership' }, value: { text: t.partnershipName } },
              t.returnLabel ? { key: { text: 'About the return' }, value: { text: t.returnLabel } } : null,
              { key: { text: 'Started' }, value: { text: formatDateTime(t.createdAt) } },
              {
                key: { text: 'Status' },
                value: { html: Tag(ENQUIRY_STATUS_TAGS[t.status]) as string },
              },
            ]}
          />
          <h2 class="govuk-heading-m">Messages</h2>
          <ol class="govuk-list app-thread">
            {t.messages.map((msg) => (
              <li class="govuk-!-margin-bottom-6">
                <h3 class="govuk-heading-s govuk-!-margin-bottom-1" safe>
                  {msg.authorName}
                </h3>
                <p class="govuk-body-s govuk-!-margin-bottom-2" safe>
                  {`${msg.fromPartnership ? t.partnershipName : t.agencyName} · ${formatDateTime(msg.createdAt)}`}
                </p>
                <p class="govuk-body app-pre-wrap app-break-word" safe>
                  {msg.body}
                </p>
                <hr class="govuk-section-break govuk-section-break--visible" />
              </li>
            ))}
          </ol>
          {m.canReply && !closed ? (
            <form method="post" action={m.action} novalidate>
              <input type="hidden" name="_csrf" value={m.csrfToken} />
              <CharacterCount
                name="message"
                rows={6}
                maxlength={MESSAGE_MAX}
                label={{ text: 'Reply', classes: 'govuk-label--m', isPageHeading: false }}
                value={m.message}
                errorMessage={fieldError(m.errors, 'message')}
              />
              <Button text="Send reply" attributes={{ 'data-prevent-double-click': 'true' }} />
            </form>
          ) : (
            ''
          )}
          {closed ? (
            <p class="govuk-body">
              {m.side === 'agency'
                ? 'This enquiry is closed. If you have another question, send a new enquiry.'
                : 'This enquiry is closed. Reopen it to reply.'}
            </p>
          ) : (
            ''
          )}
          {m.canClose ? (
            <form method="post" action={`${m.action}/${closed ? 'reopen' : 'close'}`}>
              <input type="hidden" name="_csrf" value={m.csrfToken} />
              <Button text={closed ? 'Reopen enquiry' : 'Close enquiry'} classes="govuk-button--secondary" />
            </form>
          ) : (
            ''
          )}
        </div>
      </div>
    </Layout>
  );
}
