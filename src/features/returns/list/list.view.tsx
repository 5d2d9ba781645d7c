/** The agency's list of its returns. */

import { formatDayAndTime } from '../../../lib/dates.ts';
import { Layout, type PageChrome } from '../../../views/layout.tsx';
import { ReturnsTable } from '../../../views/returns-table.tsx';
import { progressText } from '../return-presenters.ts';
import type { ReturnListItem } from '../returns.repository.ts';

export function ReturnsListPage(props: {
  chrome: PageChrome;
  /** `contributor`: the person answers only the themes assigned to them, and the progress is theirs. */
  items: Array<ReturnListItem & { completed: number; total: number; contributor?: boolean }>;
  now: Date;
  /** Agencies the person leads: they invite colleagues to them. */
  leadAgencies?: Array<{ agencyId: string; agencyName: string }>;
  /** The partnerships the person's agencies belong to: their guidance, FAQs and enquiries. */
  partnerships?: Array<{ id: string; name: string }>;
}): JSX.Element {
  return (
    <Layout title="Your returns" {...props.chrome}>
      <h1 class="govuk-heading-l">Your returns</h1>
      <PartnershipIntroductions items={props.items} />
      {(props.partnerships ?? []).length > 0 ? (
        <ul class="govuk-list">
          {(props.partnerships ?? []).map((p) => (
            <li>
              <a class="govuk-link" href={`/partnerships/${p.id}/guidance`}>
                Guidance<span class="govuk-visually-hidden" safe>{` from ${p.name}`}</span>
              </a>
              {' · '}
              <a class="govuk-link" href={`/partnerships/${p.id}/faq`}>
                Frequently asked questions<span class="govuk-visually-hidden" safe>{` for ${p.name}`}</span>
              </a>{' '}
              <span class="govuk-body-s" safe>{`(${p.name})`}</span>
            </li>
          ))}
          <li>
            <a class="govuk-link" href="/enquiries">
              Section 11 enquiries: ask your partnership a question
            </a>
          </li>
        </ul>
      ) : (
        ''
      )}
      {(props.leadAgencies ?? []).length > 0 ? (
        <ul class="govuk-list">
          {(props.leadAgencies ?? []).map((a) => (
            <li>
              <a class="govuk-link" href={`/agencies/${a.agencyId}/colleagues`}>
                Colleagues<span class="govuk-visually-hidden" safe>{` at ${a.agencyName}`}</span>
              </a>{' '}
              <span class="govuk-body-s" safe>{`(${a.agencyName})`}</span>
            </li>
          ))}
        </ul>
      ) : (
        ''
      )}
      {props.items.length === 0 ? (
        <p class="govuk-body">
          Your agency has not been invited to any Section 11 audits yet. Your partnership will email you when
          it is.
        </p>
      ) : (
        <ReturnsTable
          caption="Audits your agency is invited to"
          captionClasses="govuk-table__caption--m"
          rows={props.items}
          link={{
            header: 'Audit',
            href: (item) => `/returns/${item.id}`,
            text: (item) => item.cycleName,
            beneath: (item) => (
              <>
                <br />
                <span class="govuk-body-s" safe>
                  {item.partnershipName}
                </span>
                {props.now < item.opensAt ? (
                  <>
                    <br />
                    <span class="govuk-body-s" safe>
                      {`Opens on ${formatDayAndTime(item.opensAt)}. Preview the questions now.`}
                    </span>
                  </>
                ) : (
                  ''
                )}
              </>
            ),
          }}
          columns={[
            { header: 'Agency', text: (item) => item.agencyName },
            { header: 'Deadline', text: (item) => formatDayAndTime(item.closesAt) },
            {
              header: 'Progress',
              text: (item) =>
                item.contributor
                  ? item.total === 0
                    ? 'No themes assigned to you yet'
                    : `Your themes: ${progressText(item.completed, item.total)}`
                  : progressText(item.completed, item.total),
            },
          ]}
          tag={(item) =>
            props.now < item.opensAt ? { text: 'Not open yet', classes: 'govuk-tag--grey' } : undefined
          }
        />
      )}
    </Layout>
  );
}

/** What each partnership the agency's returns are for says to its agencies. */
function PartnershipIntroductions(props: {
  items: Array<Pick<ReturnListItem, 'partnershipId' | 'partnershipName' | 'partnershipIntroduction'>>;
}): JSX.Element {
  const seen = new Map<string, { name: string; introduction: string }>();
  for (const item of props.items)
    if (item.partnershipIntroduction && !seen.has(item.partnershipId))
      seen.set(item.partnershipId, {
        name: item.partnershipName,
        introduction: item.partnershipIntroduction,
      });
  return (
    <>
      {[...seen.values()].map((p) => (
        <div class="govuk-inset-text">
          {seen.size > 1 ? (
            <p class="govuk-body govuk-!-font-weight-bold" safe>
              {p.name}
            </p>
          ) : (
            ''
          )}
          <p class="govuk-body app-pre-wrap" safe>
            {p.introduction}
          </p>
        </div>
      ))}
    </>
  );
}
