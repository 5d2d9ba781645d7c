/** One challenge event: when and where, its notes, and the actions agreed at it. */
import { escapeHtml } from '@kitajs/html';
import { formatDate, formatDateTime, londonClock, londonDate } from '../../../lib/dates.ts';
import { dateInputItems } from '../../../views/date-items.ts';
import { fieldError } from '../../../views/form-errors.ts';
import { BackLink } from '../../../views/govuk/back-link.tsx';
import { Button } from '../../../views/govuk/button.tsx';
import { CharacterCount } from '../../../views/govuk/character-count.tsx';
import { DateInput } from '../../../views/govuk/date-input.tsx';
import { Input } from '../../../views/govuk/input.tsx';
import { NotificationBanner } from '../../../views/govuk/notification-banner.tsx';
import { Select } from '../../../views/govuk/select.tsx';
import { SummaryList } from '../../../views/govuk/summary-list.tsx';
import { Table } from '../../../views/govuk/table.tsx';
import { Layout } from '../../../views/layout.tsx';
import { SHOWN_FIELD } from '../../../web/form-version.ts';
import type { ThemeInfo } from '../../returns/return-structure.ts';
import type { AgreedAction, ChallengeEvent } from '../challenge-events.repository.ts';
import type { FormChrome } from '../review-kit.ts';
import { ACTION_MAX, type AgreedActionState } from './agreed-action.form.ts';
import type { Cycle } from './cycle-parts.tsx';
import { NOTES_MAX } from './notes.form.ts';

export function EventPage(
  m: {
    cycle: Cycle;
    event: ChallengeEvent;
    themes: ThemeInfo[];
    actions: AgreedAction[];
    notes: string;
    /** What the notes form showed, for the conflict rule. */
    shown: string;
    action: AgreedActionState;
    notice?: string | undefined;
  } & FormChrome,
): JSX.Element {
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
            <input type="hidden" name={SHOWN_FIELD} value={m.shown} />
            <CharacterCount
              id="notes"
              name="notes"
              maxlength={NOTES_MAX}
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
            <CharacterCount
              id="description"
              name="description"
              maxlength={ACTION_MAX}
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
