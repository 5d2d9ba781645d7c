/** Setting up a new audit cycle. */
import { AGENCY_SECTORS } from '../../db/schema.ts';
import { dateInputItems } from '../../views/date-items.ts';
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { Checkboxes } from '../../views/govuk/checkboxes.tsx';
import { DateInput } from '../../views/govuk/date-input.tsx';
import { Input } from '../../views/govuk/input.tsx';
import { Radios } from '../../views/govuk/radios.tsx';
import { Textarea } from '../../views/govuk/textarea.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import { toHtml } from '../../views/render.ts';
import { SECTOR_LABELS } from '../agencies/sectors.ts';
import type { CycleFormState } from './cycle-form.ts';
import type { PublishedVersion } from './cycles.repository.ts';

function DateTimeFields(props: {
  name: 'opens' | 'closes';
  legend: string;
  parts: CycleFormState['opens'];
  time: string;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const dateError = fieldError(props.errors, props.name);
  return (
    <>
      <DateInput
        id={props.name}
        namePrefix={props.name}
        fieldset={{ legend: { text: props.legend, classes: 'govuk-fieldset__legend--s' } }}
        hint={{ text: 'For example, 12 1 2027' }}
        errorMessage={dateError}
        items={dateInputItems(props.parts, dateError !== undefined)}
      />
      <Input
        name={`${props.name}Time`}
        label={{ text: `Time (${props.name === 'opens' ? 'opening' : 'closing'})` }}
        hint={{ text: 'For example, 9am or 17:00. Times are UK time.' }}
        classes="govuk-input--width-5"
        value={props.time}
        errorMessage={fieldError(props.errors, `${props.name}Time`)}
      />
    </>
  );
}

export function NewCyclePage(m: {
  chrome: PageChrome;
  csrfToken: string;
  partnership: { id: string; name: string };
  versions: PublishedVersion[];
  localities: Array<{ id: string; name: string }>;
  state: CycleFormState;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const { state, errors } = m;
  const sectorChoices = toHtml(
    <Checkboxes
      name="sectors"
      idPrefix="sectors"
      classes="govuk-checkboxes--small"
      fieldset={{ legend: { text: 'Sectors to invite', classes: 'govuk-fieldset__legend--s' } }}
      errorMessage={fieldError(errors, 'sectors')}
      items={AGENCY_SECTORS.map((s) => ({
        value: s,
        text: SECTOR_LABELS[s],
        checked: state.sectors.includes(s),
      }))}
    />,
  );
  return (
    <Layout
      title="Set up a new audit"
      {...m.chrome}
      errors={errors}
      beforeContent={<BackLink href="/" text="Home" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {m.partnership.name}
          </span>
          <h1 class="govuk-heading-l">Set up a new audit</h1>
          <p class="govuk-body">
            Each invited agency gets a return to complete. Agencies can read the questions before the audit
            opens, answer them while it is open, and not after it closes unless you give them more time.
          </p>
          <form method="post" action={`/partnerships/${m.partnership.id}/cycles`} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <Input
              name="name"
              label={{ text: 'Name', classes: 'govuk-label--s' }}
              hint={{ text: 'Agencies see this name, for example Section 11 audit 2027' }}
              value={state.name}
              errorMessage={fieldError(errors, 'name')}
            />
            <Radios
              name="templateVersionId"
              idPrefix="templateVersionId"
              fieldset={{ legend: { text: 'Template', classes: 'govuk-fieldset__legend--s' } }}
              hint={{ text: 'Only published templates can be used. A published template never changes.' }}
              value={state.templateVersionId}
              errorMessage={fieldError(errors, 'templateVersionId')}
              items={m.versions.map((v) => ({ value: v.id, text: `${v.name}, version ${v.version}` }))}
            />
            <DateTimeFields
              name="opens"
              legend="Opens"
              parts={state.opens}
              time={state.opensTime}
              errors={errors}
            />
            <DateTimeFields
              name="closes"
              legend="Closes"
              parts={state.closes}
              time={state.closesTime}
              errors={errors}
            />
            <Checkboxes
              name="localities"
              idPrefix="localities"
              fieldset={{ legend: { text: 'Localities taking part', classes: 'govuk-fieldset__legend--s' } }}
              errorMessage={fieldError(errors, 'localities')}
              items={m.localities.map((l) => ({
                value: l.id,
                text: l.name,
                checked: state.localityIds.includes(l.id),
              }))}
            />
            <Radios
              name="invite"
              idPrefix="invite"
              fieldset={{
                legend: { text: 'Which agencies to invite', classes: 'govuk-fieldset__legend--s' },
              }}
              hint={{
                text: 'Agencies serving the localities taking part. Archived agencies are never invited.',
              }}
              value={state.invite}
              errorMessage={fieldError(errors, 'invite')}
              items={[
                { value: 'all', text: 'Every agency' },
                {
                  value: 'sectors',
                  text: 'Agencies in chosen sectors',
                  conditional: { html: sectorChoices },
                },
              ]}
            />
            <Textarea
              name="introduction"
              label={{ text: 'Introduction for agencies (optional)', classes: 'govuk-label--s' }}
              hint={{
                text: 'What this audit is for, what is new this time and who to contact with questions.',
              }}
              rows={5}
              value={state.introduction}
              errorMessage={fieldError(errors, 'introduction')}
            />
            <Button text="Set up audit" attributes={{ 'data-prevent-double-click': 'true' }} />
          </form>
        </div>
      </div>
    </Layout>
  );
}
