/** A deadline's date and time boxes (the `deadline-*` date fields and `time`), as every deadline form asks. */
import type { DateParts } from '../../lib/dates.ts';
import { dateInputItems } from '../../views/date-items.ts';
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { DateInput } from '../../views/govuk/date-input.tsx';
import { Input } from '../../views/govuk/input.tsx';

export function DeadlineFields(props: {
  legend: string;
  state: { date: DateParts; time: string };
  errors?: FormErrors | undefined;
}): JSX.Element {
  const dateError = fieldError(props.errors, 'deadline');
  return (
    <>
      <DateInput
        id="deadline"
        namePrefix="deadline"
        fieldset={{ legend: { text: props.legend, classes: 'govuk-fieldset__legend--s' } }}
        hint={{ text: 'For example, 31 1 2027' }}
        errorMessage={dateError}
        items={dateInputItems(props.state.date, dateError !== undefined)}
      />
      <Input
        name="time"
        label={{ text: 'Time', classes: 'govuk-label--s' }}
        hint={{ text: 'For example, 5pm or 17:00. Leave it blank for 5pm.' }}
        classes="govuk-input--width-5"
        value={props.state.time}
        errorMessage={fieldError(props.errors, 'time')}
      />
    </>
  );
}
