/** Section 11 enquiries: the agency's list and form, the partnership's inbox, and a thread. */
import type { EnquiryStatus } from '../../db/schema.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { CharacterCount } from '../../views/govuk/character-count.tsx';
import { Input } from '../../views/govuk/input.tsx';
import { NotificationBanner } from '../../views/govuk/notification-banner.tsx';
import { Panel } from '../../views/govuk/panel.tsx';
import { Radios } from '../../views/govuk/radios.tsx';
import { Select } from '../../views/govuk/select.tsx';
import { SummaryList } from '../../views/govuk/summary-list.tsx';
import { Tag } from '../../views/govuk/tag.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import type { AgencyPartnership } from '../partnerships/agency-partnerships.ts';
import type { EnquirySummary, EnquiryThread, ReturnOption } from './enquiries.repository.ts';
import {
  type EnquiryFormState,
  MESSAGE_MAX,
  type PublicEnquiryFormState,
  recipientValue,
  SUBJECT_MAX,
} from './enquiry-form.ts';

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
            <td class="govuk-table__cell govuk-body-s">
              <span safe>{props.side === 'partnership' ? e.agencyName : e.partnershipName}</span>
              {props.side === 'partnership' && e.publicSender ? (
                <>
                  {' '}
                  <Tag text="From the public" classes="govuk-tag--purple" />
                </>
              ) : (
                ''
              )}
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
              ...(t.publicSender
                ? [
                    { key: { text: 'From' }, value: { text: 'The public form (not signed in)' } },
                    { key: { text: 'Name' }, value: { text: t.publicSender.name } },
                    { key: { text: 'Email address' }, value: { text: t.publicSender.email } },
                    {
                      key: { text: 'Organisation' },
                      value: { text: t.publicSender.organisation || 'Not given' },
                    },
                  ]
                : [{ key: { text: 'Agency' }, value: { text: t.agencyName } }]),
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
                {...(t.publicSender
                  ? {
                      hint: {
                        text: `Your reply is emailed to ${t.publicSender.email}, who cannot sign in to read it here. Do not include information about individual children or families.`,
                      },
                    }
                  : {})}
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

/** The public enquiry form, for people not signed in, under the partnership's short name. */
export function PublicEnquiryFormPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  partnership: { name: string; shortName: string };
  state: PublicEnquiryFormState;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const base = `/p/${m.partnership.shortName}`;
  const { state, errors } = m;
  return (
    <Layout
      title="Send the partnership an enquiry"
      {...m.chrome}
      errors={errors}
      beforeContent={<BackLink href={`${base}/faq`} text="Frequently asked questions" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {m.partnership.name}
          </span>
          <h1 class="govuk-heading-l">Send the partnership an enquiry</h1>
          <p class="govuk-body">
            Ask about the partnership's Section 11 audits. The partnership replies by email. If your
            organisation already takes part, its people can sign in and send an enquiry from there.
          </p>
          <form method="post" action={`${base}/enquiries/new`} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <Input
              name="name"
              label={{ text: 'Your full name', classes: 'govuk-label--s' }}
              autocomplete="name"
              spellcheck={false}
              value={state.name}
              errorMessage={fieldError(errors, 'name')}
            />
            <Input
              name="email"
              type="email"
              label={{ text: 'Your email address', classes: 'govuk-label--s' }}
              hint={{ text: 'The partnership replies to this address.' }}
              autocomplete="email"
              spellcheck={false}
              value={state.email}
              errorMessage={fieldError(errors, 'email')}
            />
            <Input
              name="organisation"
              label={{ text: 'Your organisation (optional)', classes: 'govuk-label--s' }}
              autocomplete="organization"
              value={state.organisation}
              errorMessage={fieldError(errors, 'organisation')}
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

export function PublicEnquirySentPage(m: {
  chrome: PageChrome;
  partnership: { name: string; shortName: string };
}): JSX.Element {
  return (
    <Layout title="Enquiry sent" {...m.chrome}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <Panel titleText="Enquiry sent" text={m.partnership.name} />
          <p class="govuk-body">
            We are emailing you to confirm we received it. The partnership will reply to you by email.
          </p>
          <p class="govuk-body">
            <a class="govuk-link" href={`/p/${m.partnership.shortName}/guidance`}>
              Back to the partnership's guidance
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}
