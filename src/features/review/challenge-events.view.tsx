/** A cycle's overdue evidence requests and its challenge events. */
import { escapeHtml } from '@kitajs/html';
import type { CycleInfo } from '../../domain/cycle-access.ts';
import { formatDate, formatDateTime, londonClock, londonDate } from '../../lib/dates.ts';
import { dateInputItems } from '../../views/date-items.ts';
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { Checkboxes } from '../../views/govuk/checkboxes.tsx';
import { DateInput } from '../../views/govuk/date-input.tsx';
import { Input } from '../../views/govuk/input.tsx';
import { NotificationBanner } from '../../views/govuk/notification-banner.tsx';
import { Select } from '../../views/govuk/select.tsx';
import { SummaryList } from '../../views/govuk/summary-list.tsx';
import { Table } from '../../views/govuk/table.tsx';
import { Tag } from '../../views/govuk/tag.tsx';
import { Textarea } from '../../views/govuk/textarea.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import { toHtml } from '../../views/render.ts';
import type { ThemeInfo } from '../returns/return-structure.ts';
import type { AgreedAction, ChallengeEvent, ChallengeEventSummary } from './challenge-events.repository.ts';
import type { OverdueEvidence } from './review.repository.ts';
import type { AgreedActionState, EventState } from './review-forms.ts';

type Cycle = Pick<CycleInfo, 'id' | 'name' | 'partnershipName'>;

function Caption(props: { cycle: Cycle }): JSX.Element {
  return (
    <span class="govuk-caption-l" safe>
      {props.cycle.name}
    </span>
  );
}

const back = (cycle: Cycle) => <BackLink href={`/cycles/${cycle.id}`} text="Back to the audit" />;

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

export function EventFormPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  cycle: Cycle;
  agencies: Array<{ returnId: string; agencyName: string }>;
  state: EventState;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const dateError = fieldError(m.errors, 'date');
  return (
    <Layout
      title={`Schedule a challenge event – ${m.cycle.name}`}
      {...m.chrome}
      errors={m.errors}
      beforeContent={
        <BackLink href={`/cycles/${m.cycle.id}/challenge-events`} text="Back to the challenge events" />
      }
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <Caption cycle={m.cycle} />
          <h1 class="govuk-heading-l">Schedule a challenge event</h1>
          <form method="post" action={`/cycles/${m.cycle.id}/challenge-events/new`} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <Input
              id="title"
              name="title"
              label={{ text: 'Name of the event', classes: 'govuk-label--s' }}
              hint={{ text: 'For example, Health agencies challenge panel' }}
              value={m.state.title}
              errorMessage={fieldError(m.errors, 'title')}
            />
            <Checkboxes
              idPrefix="returnIds"
              name="returnIds"
              values={m.state.returnIds}
              fieldset={{ legend: { text: 'Agencies taking part', classes: 'govuk-fieldset__legend--s' } }}
              hint={{ text: 'Choose one agency, or a group' }}
              errorMessage={fieldError(m.errors, 'returnIds')}
              classes="govuk-checkboxes--small"
              items={m.agencies.map((a) => ({ value: a.returnId, text: a.agencyName }))}
            />
            <DateInput
              id="date"
              namePrefix="date"
              fieldset={{ legend: { text: 'Date', classes: 'govuk-fieldset__legend--s' } }}
              hint={{ text: 'For example, 27 3 2027' }}
              errorMessage={dateError}
              items={dateInputItems(m.state.date, dateError !== undefined)}
            />
            <Input
              id="time"
              name="time"
              classes="govuk-input--width-5"
              label={{ text: 'Start time', classes: 'govuk-label--s' }}
              hint={{ text: 'UK time, for example 10am or 14:30' }}
              value={m.state.time}
              errorMessage={fieldError(m.errors, 'time')}
            />
            <Textarea
              id="location"
              name="location"
              rows={2}
              label={{ text: 'Where it is held, or the link to join', classes: 'govuk-label--s' }}
              value={m.state.location}
              errorMessage={fieldError(m.errors, 'location')}
            />
            <Input
              id="chair"
              name="chair"
              label={{ text: 'Chair', classes: 'govuk-label--s' }}
              hint={{ text: 'For example, the independent scrutineer' }}
              value={m.state.chair}
              errorMessage={fieldError(m.errors, 'chair')}
            />
            <Textarea
              id="attendees"
              name="attendees"
              rows={4}
              label={{ text: 'Attendees (optional)', classes: 'govuk-label--s' }}
              hint={{ text: 'Names and roles, one a line' }}
              value={m.state.attendees}
              errorMessage={fieldError(m.errors, 'attendees')}
            />
            <Button text="Schedule the event" preventDoubleClick />
          </form>
        </div>
      </div>
    </Layout>
  );
}

export function EventPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  cycle: Cycle;
  event: ChallengeEvent;
  themes: ThemeInfo[];
  actions: AgreedAction[];
  notes: string;
  action: AgreedActionState;
  errors?: FormErrors | undefined;
  notice?: string | undefined;
}): JSX.Element {
  const { event, cycle } = m;
  const base = `/cycles/${cycle.id}/challenge-events/${event.id}`;
  const agencyOf = (returnId: string) => event.returns.find((r) => r.returnId === returnId)?.agencyName ?? '';
  const themeOf = (themeId: string) => {
    const t = m.themes.find((x) => x.id === themeId);
    return t ? `${t.number}. ${t.title}` : '';
  };
  const dateError = fieldError(m.errors, 'targetDate');
  return (
    <Layout
      title={`${event.title} – challenge event`}
      {...m.chrome}
      errors={m.errors}
      beforeContent={
        <BackLink href={`/cycles/${cycle.id}/challenge-events`} text="Back to the challenge events" />
      }
    >
      {m.notice ? <NotificationBanner type="success" text={m.notice} /> : ''}
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {`Challenge event – ${cycle.name}`}
          </span>
          <h1 class="govuk-heading-l app-break-word" safe>
            {event.title}
          </h1>
          <SummaryList
            rows={[
              {
                key: { text: 'When' },
                value: { text: `${formatDateTime(event.startsAt)} (UK time ${londonClock(event.startsAt)})` },
              },
              {
                key: { text: 'Where' },
                value: { text: event.location, classes: 'app-pre-wrap app-break-word' },
              },
              { key: { text: 'Chair' }, value: { text: event.chair } },
              {
                key: { text: 'Attendees' },
                value: { text: event.attendees || 'Not recorded', classes: 'app-pre-wrap' },
              },
              {
                key: { text: 'Agencies' },
                value: {
                  html: `<ul class="govuk-list">${event.returns
                    .map(
                      (r) =>
                        `<li><a class="govuk-link" href="/returns/${r.returnId}/review">${escapeHtml(r.agencyName)}</a></li>`,
                    )
                    .join('')}</ul>`,
                },
              },
              { key: { text: 'Scheduled by' }, value: { text: event.createdByName ?? 'Not recorded' } },
            ]}
          />

          <h2 class="govuk-heading-m" id="event-notes">
            Notes
          </h2>
          {event.notesUpdatedAt ? (
            <p class="govuk-body-s" safe>
              {`Last saved ${formatDateTime(event.notesUpdatedAt)} by ${event.notesUpdatedByName ?? 'someone no longer here'}`}
            </p>
          ) : (
            ''
          )}
          <form method="post" action={`${base}/notes`} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <Textarea
              id="notes"
              name="notes"
              rows={10}
              label={{ text: 'Notes of the event', classes: 'govuk-label--s' }}
              hint={{ text: 'What was discussed, what the agencies said, and what was decided' }}
              value={m.notes}
              errorMessage={fieldError(m.errors, 'notes')}
            />
            <Button text="Save notes" classes="govuk-button--secondary" />
          </form>

          <h2 class="govuk-heading-m" id="agreed-actions">
            Agreed actions
          </h2>
          {m.actions.length === 0 ? (
            <p class="govuk-body">No actions agreed yet.</p>
          ) : (
            <Table
              caption="Agreed actions"
              captionClasses="govuk-visually-hidden"
              attributes={{ id: 'agreed-actions-table' }}
              head={[{ text: 'Agency and theme' }, { text: 'Action' }, { text: 'Lead and target date' }]}
              rows={m.actions.map((a) => [
                {
                  html: `<span class="govuk-!-display-block">${escapeHtml(agencyOf(a.returnId))}</span><span class="govuk-body-s">${escapeHtml(themeOf(a.themeId))}</span>`,
                },
                { text: a.description, classes: 'app-pre-wrap' },
                { text: `${a.leadPerson}, by ${formatDate(a.targetDate)}`, classes: 'govuk-body-s' },
              ])}
            />
          )}
          <form method="post" action={`${base}/actions`} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <h3 class="govuk-heading-s">Add an agreed action</h3>
            <p class="govuk-body">
              It joins the agency’s action plan, marked as agreed at this challenge event.
            </p>
            <Select
              id="returnId"
              name="returnId"
              label={{ text: 'Agency' }}
              value={m.action.returnId}
              errorMessage={fieldError(m.errors, 'returnId')}
              items={[
                { value: '', text: 'Choose an agency' },
                ...event.returns.map((r) => ({ value: r.returnId, text: r.agencyName })),
              ]}
            />
            <Select
              id="themeId"
              name="themeId"
              label={{ text: 'Theme' }}
              value={m.action.themeId}
              errorMessage={fieldError(m.errors, 'themeId')}
              items={[
                { value: '', text: 'Choose a theme' },
                ...m.themes.map((t) => ({ value: t.id, text: `${t.number}. ${t.title}` })),
              ]}
            />
            <Textarea
              id="description"
              name="description"
              rows={3}
              label={{ text: 'Action agreed' }}
              value={m.action.description}
              errorMessage={fieldError(m.errors, 'description')}
            />
            <Input
              id="leadPerson"
              name="leadPerson"
              label={{ text: 'Lead (name or role)' }}
              value={m.action.leadPerson}
              errorMessage={fieldError(m.errors, 'leadPerson')}
            />
            <DateInput
              id="targetDate"
              namePrefix="targetDate"
              fieldset={{ legend: { text: 'Target date', classes: 'govuk-fieldset__legend--s' } }}
              hint={{
                text: `For example, ${formatDate(londonDate(new Date(event.startsAt.getTime() + 90 * 86_400_000)))}`,
              }}
              errorMessage={dateError}
              items={dateInputItems(m.action.targetDate, dateError !== undefined)}
            />
            <Button text="Add the action" />
          </form>
        </div>
      </div>
    </Layout>
  );
}
