/**
 * Fields an agency has in each partnership it takes part in: the localities it serves there and
 * where that partnership writes about its returns. Shared by the add/edit agency form and the
 * request to share another partnership's agency.
 */
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { Checkboxes } from '../../views/govuk/checkboxes.tsx';
import { Input } from '../../views/govuk/input.tsx';

export function LocalityFields(m: {
  legend: string;
  localities: Array<{ id: string; name: string }>;
  checked: readonly string[];
  errors?: FormErrors | undefined;
}): JSX.Element {
  return (
    <Checkboxes
      name="localities"
      idPrefix="localities"
      fieldset={{ legend: { text: m.legend, classes: 'govuk-fieldset__legend--s' } }}
      hint={{ text: 'Themes for one locality only appear in the returns of agencies serving it.' }}
      errorMessage={fieldError(m.errors, 'localities')}
      items={m.localities.map((l) => ({ value: l.id, text: l.name, checked: m.checked.includes(l.id) }))}
    />
  );
}

export function LeadContactEmailField(m: {
  label: string;
  hint: string;
  value: string;
  errors?: FormErrors | undefined;
}): JSX.Element {
  return (
    <Input
      name="leadContactEmail"
      type="email"
      autocomplete="email"
      spellcheck={false}
      label={{ text: m.label, classes: 'govuk-label--s' }}
      hint={{ text: m.hint }}
      value={m.value}
      errorMessage={fieldError(m.errors, 'leadContactEmail')}
    />
  );
}
