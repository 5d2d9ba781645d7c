/** The day, month and year items of a GOV.UK date input, marked in error together. */
import type { DateParts } from '../lib/dates.ts';

export function dateInputItems(parts: DateParts, hasError: boolean) {
  const err = hasError ? ' govuk-input--error' : '';
  return [
    { name: 'day', value: parts.day, classes: `govuk-input--width-2${err}` },
    { name: 'month', value: parts.month, classes: `govuk-input--width-2${err}` },
    { name: 'year', value: parts.year, classes: `govuk-input--width-4${err}` },
  ];
}
