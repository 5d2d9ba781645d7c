/** Scheduling a challenge event with one agency or a group. */
import { dateInputItems } from '../../../views/date-items.ts';
import { fieldError } from '../../../views/form-errors.ts';
import { BackLink } from '../../../views/govuk/back-link.tsx';
import { Button } from '../../../views/govuk/button.tsx';
import { CharacterCount } from '../../../views/govuk/character-count.tsx';
import { Checkboxes } from '../../../views/govuk/checkboxes.tsx';
import { DateInput } from '../../../views/govuk/date-input.tsx';
import { Input } from '../../../views/govuk/input.tsx';
import { Layout } from '../../../views/layout.tsx';
import type { FormChrome } from '../review-kit.ts';
import { Caption, type Cycle } from './cycle-parts.tsx';
import { ATTENDEES_MAX, type EventState, LOCATION_MAX } from './event.form.ts';

export function EventFormPage(
  m: {
    cycle: Cycle;
    agencies: Array<{ returnId: string; agencyName: string }>;
    state: EventState;
  } & FormChrome,
): JSX.Element {
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
            <CharacterCount
              id="location"
              name="location"
              maxlength={LOCATION_MAX}
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
            <CharacterCount
              id="attendees"
              name="attendees"
              maxlength={ATTENDEES_MAX}
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
