/** Section 11 enquiries listed: the agency's enquiries and the partnership's inbox. */
import type { EnquiryStatus } from '../../db/schema.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { NotificationBanner } from '../../views/govuk/notification-banner.tsx';
import { Tag } from '../../views/govuk/tag.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import type { EnquirySummary } from './enquiries.repository.ts';

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
