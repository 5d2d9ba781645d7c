/** The forms that move a deadline: for the whole audit, or for one agency. */

import type { CycleInfo } from '../../domain/cycle-access.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { dateInputItems } from '../../views/date-items.ts';
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { DateInput } from '../../views/govuk/date-input.tsx';
import { Input } from '../../views/govuk/input.tsx';
import { Textarea } from '../../views/govuk/textarea.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import type { DeadlineFormState } from './deadlines.ts';

export function DeadlinePage(m: {
  chrome: PageChrome;
  csrfToken: string;
  cycle: CycleInfo;
  /** Set when the form gives one agency more time. */
  agencyName?: string | undefined;
  currentDeadline: Date;
  action: string;
  state: DeadlineFormState;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const { cycle, state, errors } = m;
  const dateError = fieldError(errors, 'deadline');
  const title = m.agencyName ? `Give ${m.agencyName} more time` : 'Change the deadline for every agency';
  return (
    <Layout
      title={title}
      {...m.chrome}
      errors={errors}
      beforeContent={<BackLink href={`/cycles/${cycle.id}`} text="Back to the audit" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {cycle.name}
          </span>
          <h1 class="govuk-heading-l" safe>
            {title}
          </h1>
          <p class="govuk-body" safe>
            {`The deadline is now ${formatDateTime(m.currentDeadline)}.`}
          </p>
          <p class="govuk-body">
            {m.agencyName
              ? 'Only this agency’s deadline changes. Its agency lead is emailed the new deadline, and the change and its reason are kept in the return’s history.'
              : 'Every agency that has not submitted gets the new deadline, unless it already has a later one of its own. Agency leads are emailed, and the change and its reason are kept in each return’s history.'}
          </p>
          <form method="post" action={m.action} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <DateInput
              id="deadline"
              namePrefix="deadline"
              fieldset={{ legend: { text: 'New deadline', classes: 'govuk-fieldset__legend--s' } }}
              hint={{ text: 'For example, 31 1 2027' }}
              errorMessage={dateError}
              items={dateInputItems(state.date, dateError !== undefined)}
            />
            <Input
              name="time"
              label={{ text: 'Time', classes: 'govuk-label--s' }}
              hint={{ text: 'For example, 5pm or 17:00. Leave it blank for 5pm.' }}
              classes="govuk-input--width-5"
              value={state.time}
              errorMessage={fieldError(errors, 'time')}
            />
            <Textarea
              name="reason"
              label={{ text: 'Reason', classes: 'govuk-label--s' }}
              hint={{ text: 'Why the deadline is changing. The agency sees this in its return’s history.' }}
              rows={3}
              value={state.reason}
              errorMessage={fieldError(errors, 'reason')}
            />
            <Button text="Change the deadline" attributes={{ 'data-prevent-double-click': 'true' }} />
          </form>
        </div>
      </div>
    </Layout>
  );
}
