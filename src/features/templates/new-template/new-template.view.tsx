/** Creating a template: its name, key and description; it starts as an empty draft. */
import { type FormErrors, fieldError } from '../../../views/form-errors.ts';
import { CharacterCount } from '../../../views/govuk/character-count.tsx';
import { Input } from '../../../views/govuk/input.tsx';
import type { PageChrome } from '../../../views/layout.tsx';
import { FormPage, KeyField } from '../authoring/authoring.view.tsx';
import { LIMITS } from '../draft-rules.ts';
import { type PartnershipRef, templatesBase } from '../templates.view.tsx';
import type { NewTemplateState } from './new-template.form.ts';

export function NewTemplatePage(m: {
  chrome: PageChrome;
  csrfToken: string;
  partnership: PartnershipRef;
  state: NewTemplateState;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const base = templatesBase(m.partnership.id);
  return (
    <FormPage
      chrome={m.chrome}
      title="Create a template"
      caption={m.partnership.name}
      back={{ href: base, text: 'Templates' }}
      errors={m.errors}
      action={`${base}/new`}
      csrfToken={m.csrfToken}
      submit="Create draft"
    >
      <p class="govuk-body">
        The template starts as an empty draft. Add its themes and questions, preview them, then publish it.
      </p>
      <Input
        name="name"
        label={{ text: 'Name', classes: 'govuk-label--s' }}
        hint={{ text: 'For example, Section 11 self-assessment 2027' }}
        value={m.state.name}
        errorMessage={fieldError(m.errors, 'name')}
      />
      <KeyField value={m.state.key} errors={m.errors} />
      <CharacterCount
        name="description"
        maxlength={LIMITS.templateDescription}
        label={{ text: 'Description (optional)', classes: 'govuk-label--s' }}
        hint={{ text: 'Who the template is for and what it covers.' }}
        value={m.state.description}
        errorMessage={fieldError(m.errors, 'description')}
      />
    </FormPage>
  );
}
