/** The form that changes a cycle's automatic reminders. */

import type { CycleInfo } from '../../domain/cycle-access.ts';
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { Input } from '../../views/govuk/input.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import { SHOWN_FIELD } from '../../web/form-version.ts';
import { describeSchedule, type ReminderSchedule, type ReminderScheduleState } from './reminder-schedule.ts';

export function ReminderSchedulePage(m: {
  chrome: PageChrome;
  csrfToken: string;
  cycle: CycleInfo;
  /** The schedule saved now. */
  current: ReminderSchedule;
  state: ReminderScheduleState;
  /** What the form showed, for the conflict rule. */
  shown: string;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const { cycle, state, errors } = m;
  const title = 'Change the automatic reminders';
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
          <h1 class="govuk-heading-l">{title}</h1>
          <p class="govuk-body">
            Each agency lead whose return is not submitted is emailed a reminder on these days, counted from
            the agency’s own deadline (a later one if it has been given more time). Each reminder is sent
            once. Reminders already sent are not sent again.
          </p>
          <p class="govuk-body" safe>
            {describeSchedule(m.current)}
          </p>
          <form method="post" action={`/cycles/${cycle.id}/reminder-schedule`} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <input type="hidden" name={SHOWN_FIELD} value={m.shown} />
            <Input
              name="before"
              label={{ text: 'Days before the deadline', classes: 'govuk-label--s' }}
              hint={{
                text: 'Separate the numbers with commas, for example, 14, 3. Leave it blank for none.',
              }}
              classes="govuk-input--width-20"
              value={state.before}
              errorMessage={fieldError(errors, 'before')}
            />
            <Input
              name="after"
              label={{
                text: 'Days after the deadline, while the return is overdue',
                classes: 'govuk-label--s',
              }}
              hint={{ text: 'For example, 1. Leave it blank for none.' }}
              classes="govuk-input--width-20"
              value={state.after}
              errorMessage={fieldError(errors, 'after')}
            />
            <Button text="Save the reminders" attributes={{ 'data-prevent-double-click': 'true' }} />
          </form>
        </div>
      </div>
    </Layout>
  );
}
