import { formatDateTime } from '../../lib/dates.ts';
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { CharacterCount } from '../../views/govuk/character-count.tsx';
import { NotificationBanner } from '../../views/govuk/notification-banner.tsx';
import { SummaryList } from '../../views/govuk/summary-list.tsx';
import { Tag } from '../../views/govuk/tag.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import type { EnquiryThread } from './enquiries.repository.ts';
import { MESSAGE_MAX } from './enquiry-form.ts';

import { ENQUIRY_STATUS_TAGS } from './enquiry-list.view.tsx';

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
