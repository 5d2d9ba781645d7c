/** A partnership's name, short name and contact email: the same fields when creating and changing one. */
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { Input } from '../../views/govuk/input.tsx';

export function PartnershipIdentityFields(props: {
  state: { name: string; shortName: string; contactEmail: string };
  errors?: FormErrors | undefined;
  nameHint?: string;
  shortNameHint: string;
  contactHint: string;
}): JSX.Element {
  const { state, errors } = props;
  return (
    <>
      <Input
        name="name"
        label={{ text: 'Name', classes: 'govuk-label--s' }}
        hint={props.nameHint ? { text: props.nameHint } : undefined}
        value={state.name}
        errorMessage={fieldError(errors, 'name')}
      />
      <Input
        name="shortName"
        label={{ text: 'Short name', classes: 'govuk-label--s' }}
        hint={{ text: props.shortNameHint }}
        classes="govuk-input--width-20"
        spellcheck={false}
        value={state.shortName}
        errorMessage={fieldError(errors, 'shortName')}
      />
      <Input
        name="contactEmail"
        type="email"
        autocomplete="off"
        spellcheck={false}
        label={{ text: 'Contact email address', classes: 'govuk-label--s' }}
        hint={{ text: props.contactHint }}
        value={state.contactEmail}
        errorMessage={fieldError(errors, 'contactEmail')}
      />
    </>
  );
}
