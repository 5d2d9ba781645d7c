/** The draft's details (name and description while it is the template's only version) and grades. */
import { type FormErrors, fieldError } from '../../../views/form-errors.ts';
import { CharacterCount } from '../../../views/govuk/character-count.tsx';
import { Input } from '../../../views/govuk/input.tsx';
import type { PageChrome } from '../../../views/layout.tsx';
import { DescriptorFields, FormPage } from '../authoring/authoring.view.tsx';
import { editBase } from '../authoring/paths.ts';
import type { EditableVersion } from '../draft-editing.repository.ts';
import { LIMITS } from '../draft-rules.ts';
import { type PartnershipRef, versionBase } from '../templates.view.tsx';
import type { DetailsState } from './details.form.ts';

export function DetailsFormPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  partnership: PartnershipRef;
  draft: EditableVersion;
  state: DetailsState;
  shown: string;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const d = m.draft;
  const version = versionBase(m.partnership.id, d.id);
  return (
    <FormPage
      chrome={m.chrome}
      title="Details and grades"
      caption={`${d.templateName}, version ${d.version}`}
      back={{ href: editBase(m.partnership.id, d.id), text: 'Back to the draft' }}
      errors={m.errors}
      action={`${version}/details`}
      csrfToken={m.csrfToken}
      shown={m.shown}
      submit="Save"
    >
      {d.otherVersions === 0 ? (
        <>
          <Input
            name="name"
            label={{ text: 'Name', classes: 'govuk-label--s' }}
            value={m.state.name}
            errorMessage={fieldError(m.errors, 'name')}
          />
          <CharacterCount
            name="description"
            maxlength={LIMITS.templateDescription}
            label={{ text: 'Description (optional)', classes: 'govuk-label--s' }}
            value={m.state.description}
            errorMessage={fieldError(m.errors, 'description')}
          />
        </>
      ) : (
        <div class="govuk-inset-text">
          <p class="govuk-body" safe>{`Name: ${d.templateName}`}</p>
          <p class="govuk-body">
            The name and description are shared by every version of this template, and a published version
            never changes, so they stay as they are. To use a new name, create a new template.
          </p>
        </div>
      )}
      <h2 class="govuk-heading-m">Grade descriptors</h2>
      <p class="govuk-body">
        Agencies read these when they rate each theme Red, Amber or Green. A theme can have its own.
      </p>
      <DescriptorFields state={m.state} errors={m.errors} />
    </FormPage>
  );
}
