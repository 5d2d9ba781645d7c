/** The organisation code fields of the agency form, and the codes as a line of text. */
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { Fieldset } from '../../views/govuk/fieldset.tsx';
import { Input } from '../../views/govuk/input.tsx';
import {
  CODE_HINTS,
  CODE_LABELS,
  describeCodes,
  ORGANISATION_CODES,
  type OrganisationCode,
  type OrganisationCodes,
} from './organisation-codes.ts';

export function OrganisationCodeFields(m: {
  typed: Record<OrganisationCode, string>;
  errors?: FormErrors | undefined;
}): JSX.Element {
  return (
    <Fieldset
      legend={{ text: 'Organisation codes (optional)', classes: 'govuk-fieldset__legend--s' }}
      describedBy="codes-hint"
    >
      <div id="codes-hint" class="govuk-hint">
        Codes that identify the agency, so that neighbouring partnerships can find it and ask to share it.
        They are the same in every partnership it belongs to.
      </div>
      {ORGANISATION_CODES.map((code) => (
        <Input
          name={code}
          label={{ text: CODE_LABELS[code] }}
          hint={{ text: CODE_HINTS[code] }}
          classes="govuk-input--width-10"
          spellcheck={false}
          autocapitalize="characters"
          value={m.typed[code]}
          errorMessage={fieldError(m.errors, code)}
        />
      ))}
    </Fieldset>
  );
}

/** "ODS code RX1, Charity number 1089464", or "None given". */
export function codesText(codes: OrganisationCodes): string {
  const described = describeCodes(codes);
  return described.length ? described.join(', ') : 'None given';
}
