/** The name and email fields of every invitation form (partnership people, agency people, colleagues). */
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { Input } from '../../views/govuk/input.tsx';

export function PersonFields(m: { state: { name: string; email: string }; errors: FormErrors | undefined }) {
  return (
    <>
      <Input
        name="name"
        label={{ text: 'Full name', classes: 'govuk-label--s' }}
        autocomplete="off"
        value={m.state.name}
        errorMessage={fieldError(m.errors, 'name')}
      />
      <Input
        name="email"
        type="email"
        spellcheck={false}
        autocomplete="off"
        label={{ text: 'Email address', classes: 'govuk-label--s' }}
        value={m.state.email}
        errorMessage={fieldError(m.errors, 'email')}
      />
    </>
  );
}
