/** The form that adds a theme to a draft or changes one. */
import { type FormErrors, fieldError } from '../../../views/form-errors.ts';
import { CharacterCount } from '../../../views/govuk/character-count.tsx';
import { Checkboxes } from '../../../views/govuk/checkboxes.tsx';
import { Input } from '../../../views/govuk/input.tsx';
import { Radios } from '../../../views/govuk/radios.tsx';
import type { PageChrome } from '../../../views/layout.tsx';
import { toHtml } from '../../../views/render.ts';
import { DescriptorFields, FormPage, KeyField } from '../authoring/authoring.view.tsx';
import { editBase, themeBase } from '../authoring/paths.ts';
import type { DraftTheme, EditableVersion } from '../draft-editing.repository.ts';
import { LIMITS } from '../draft-rules.ts';
import { type PartnershipRef, versionBase } from '../templates.view.tsx';
import type { ThemeState } from './theme.form.ts';

export function ThemeFormPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  partnership: PartnershipRef;
  draft: EditableVersion;
  theme: DraftTheme | null;
  state: ThemeState;
  localities: ReadonlyArray<{ id: string; name: string }>;
  sectors: ReadonlyArray<{ value: string; text: string }>;
  shown?: string | undefined;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const d = m.draft;
  const pid = m.partnership.id;
  const s = m.state;
  const action = m.theme
    ? `${themeBase(pid, d.id, m.theme.id)}/edit`
    : `${versionBase(pid, d.id)}/themes/new`;
  const back = m.theme
    ? { href: themeBase(pid, d.id, m.theme.id), text: 'Back to the theme' }
    : { href: editBase(pid, d.id), text: 'Back to the draft' };
  return (
    <FormPage
      chrome={m.chrome}
      title={m.theme ? 'Change the theme' : 'Add a theme'}
      caption={`${d.templateName}, version ${d.version}`}
      back={back}
      errors={m.errors}
      action={action}
      csrfToken={m.csrfToken}
      shown={m.shown}
      submit={m.theme ? 'Save theme' : 'Add theme'}
    >
      <Input
        name="title"
        label={{ text: 'Title', classes: 'govuk-label--s' }}
        hint={{ text: 'For example, Safer recruitment' }}
        value={s.title}
        errorMessage={fieldError(m.errors, 'title')}
      />
      <KeyField value={s.key} errors={m.errors} />
      <CharacterCount
        name="description"
        rows={3}
        maxlength={LIMITS.themeDescription}
        label={{ text: 'Description (optional)', classes: 'govuk-label--s' }}
        hint={{ text: 'One or two sentences: what this theme is about.' }}
        value={s.description}
        errorMessage={fieldError(m.errors, 'description')}
      />
      <CharacterCount
        name="guidance"
        rows={6}
        maxlength={LIMITS.guidance}
        label={{ text: 'Guidance (optional)', classes: 'govuk-label--s' }}
        hint={{
          text: 'Shown at the top of the theme page: what good looks like, and the evidence that shows it.',
        }}
        value={s.guidance}
        errorMessage={fieldError(m.errors, 'guidance')}
      />
      <Checkboxes
        name="localities"
        fieldset={{ legend: { text: 'Localities (optional)', classes: 'govuk-fieldset__legend--s' } }}
        hint={{ text: 'Ask only agencies serving one of these localities. Tick none for every locality.' }}
        errorMessage={fieldError(m.errors, 'localityIds')}
        classes="govuk-checkboxes--small"
        items={m.localities.map((l) => ({
          value: l.id,
          text: l.name,
          checked: s.localityIds.includes(l.id),
        }))}
      />
      <Checkboxes
        name="sectors"
        fieldset={{ legend: { text: 'Sectors (optional)', classes: 'govuk-fieldset__legend--s' } }}
        hint={{ text: 'Ask only agencies in one of these sectors. Tick none for every sector.' }}
        errorMessage={fieldError(m.errors, 'sectors')}
        classes="govuk-checkboxes--small"
        items={m.sectors.map((x) => ({ value: x.value, text: x.text, checked: s.sectors.includes(x.value) }))}
      />
      <Radios
        name="ownDescriptors"
        fieldset={{
          legend: {
            text: 'Does this theme have its own grade descriptors?',
            classes: 'govuk-fieldset__legend--s',
          },
        }}
        hint={{ text: 'Otherwise the template’s descriptors apply.' }}
        errorMessage={fieldError(m.errors, 'ownDescriptors')}
        items={[
          { value: 'no', text: 'No, use the template’s', checked: s.ownDescriptors !== 'yes' },
          {
            value: 'yes',
            text: 'Yes',
            checked: s.ownDescriptors === 'yes',
            conditional: {
              html: toHtml(<DescriptorFields state={s.descriptors} errors={m.errors} prefix="theme" />),
            },
          },
        ]}
      />
    </FormPage>
  );
}
