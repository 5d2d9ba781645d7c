/** A cycle's overdue evidence requests, and its challenge events. */
import { escapeHtml } from '@kitajs/html';
import { formatDate, formatDateTime } from '../../../lib/dates.ts';
import { Button } from '../../../views/govuk/button.tsx';
import { Table } from '../../../views/govuk/table.tsx';
import { Tag } from '../../../views/govuk/tag.tsx';
import { Layout, type PageChrome } from '../../../views/layout.tsx';
import { toHtml } from '../../../views/render.ts';
import type { ChallengeEventSummary } from '../challenge-events.repository.ts';
import type { OverdueEvidence } from '../review.repository.ts';
import { back, Caption, type Cycle } from './cycle-parts.tsx';

export function OverdueEvidencePage(m: {
  chrome: PageChrome;
  cycle: Cycle;
  overdue: OverdueEvidence[];
}): JSX.Element {
  return (
    <Layout title={`Overdue evidence requests – ${m.cycle.name}`} {...m.chrome} beforeContent={back(m.cycle)}>
      <Caption cycle={m.cycle} />
      <h1 class="govuk-heading-l">Overdue evidence requests</h1>
      <p class="govuk-body">
        Evidence the partnership asked for that is past the date it was needed by, with no answer from the
        agency yet.
      </p>
      {m.overdue.length === 0 ? (
        <p class="govuk-body" id="no-overdue">
          No evidence requests are overdue.
        </p>
      ) : (
        <Table
          caption="Overdue evidence requests"
          captionClasses="govuk-visually-hidden"
          attributes={{ id: 'overdue-evidence' }}
          firstCellIsHeader
          head={[{ text: 'Agency' }, { text: 'Evidence' }, { text: 'Needed by' }]}
          rows={m.overdue.map((o) => [
            { text: o.agencyName },
            {
              html: toHtml(
                <>
                  <a
                    class="govuk-link app-break-word"
                    href={`/returns/${o.returnId}/evidence/${o.requestId}`}
                    safe
                  >
                    {o.description}
                  </a>
                  <span class="govuk-body-s govuk-!-display-block" safe>
                    {o.themeTitle ?? 'The return as a whole'}
                  </span>
                </>,
              ),
            },
            {
              html: `<span class="govuk-!-display-block">${escapeHtml(formatDate(o.dueDate))}</span>${toHtml(<Tag text="Overdue" classes="govuk-tag--red" />)}`,
            },
          ])}
        />
      )}
    </Layout>
  );
}

export function EventListPage(m: {
  chrome: PageChrome;
  cycle: Cycle;
  events: ChallengeEventSummary[];
  now: Date;
}): JSX.Element {
  const base = `/cycles/${m.cycle.id}/challenge-events`;
  return (
    <Layout title={`Challenge events – ${m.cycle.name}`} {...m.chrome} beforeContent={back(m.cycle)}>
      <Caption cycle={m.cycle} />
      <h1 class="govuk-heading-l">Challenge events</h1>
      <p class="govuk-body">
        Meetings with one agency or a group about their returns: when and where, who chairs and attends, then
        the notes and the actions agreed, which join each agency’s action plan.
      </p>
      <Button text="Schedule a challenge event" href={`${base}/new`} />
      {m.events.length === 0 ? (
        <p class="govuk-body">No challenge events have been scheduled for this audit.</p>
      ) : (
        <Table
          caption="Challenge events"
          captionClasses="govuk-visually-hidden"
          attributes={{ id: 'events' }}
          firstCellIsHeader
          head={[{ text: 'Event' }, { text: 'When' }, { text: 'Agencies' }, { text: 'Notes' }]}
          rows={m.events.map((e) => [
            {
              html: toHtml(
                <>
                  <a class="govuk-link" href={`${base}/${e.id}`} safe>
                    {e.title}
                  </a>
                  <span
                    class="govuk-body-s govuk-!-display-block govuk-!-font-weight-regular app-break-word"
                    safe
                  >
                    {`${e.location} (chair: ${e.chair})`}
                  </span>
                </>,
              ),
            },
            { text: formatDateTime(e.startsAt), classes: 'govuk-body-s' },
            { text: e.agencyNames.join(', '), classes: 'govuk-body-s' },
            {
              html: toHtml(
                e.hasNotes ? (
                  <Tag text="Recorded" classes="govuk-tag--green" />
                ) : e.startsAt < m.now ? (
                  <Tag text="To record" classes="govuk-tag--orange" />
                ) : (
                  <Tag text="Upcoming" classes="govuk-tag--grey" />
                ),
              ),
            },
          ])}
        />
      )}
    </Layout>
  );
}
