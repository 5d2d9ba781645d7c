/** Setting up a new audit cycle. */
import { AGENCY_SECTORS, CYCLE_KINDS } from '../../db/schema.ts';
import { dateInputItems } from '../../views/date-items.ts';
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { CharacterCount } from '../../views/govuk/character-count.tsx';
import { Checkboxes } from '../../views/govuk/checkboxes.tsx';
import { DateInput } from '../../views/govuk/date-input.tsx';
import { ErrorMessage } from '../../views/govuk/error-message.tsx';
import { Input } from '../../views/govuk/input.tsx';
import { Radios } from '../../views/govuk/radios.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import { toHtml } from '../../views/render.ts';
import { SHOWN_FIELD } from '../../web/form-version.ts';
import { SECTOR_LABELS } from '../agencies/sectors.ts';
import type { ReturnStructure } from '../returns/return-structure.ts';
import {
  CYCLE_KIND_LABELS,
  type CycleDetailsState,
  type CycleFormState,
  INTRODUCTION_MAX,
} from './cycle-form.ts';
import type { CycleSettings, PublishedVersion } from './cycles.repository.ts';

function KindRadios(props: { value: string; errors?: FormErrors | undefined }): JSX.Element {
  return (
    <Radios
      name="kind"
      idPrefix="kind"
      fieldset={{ legend: { text: 'How often this audit runs', classes: 'govuk-fieldset__legend--s' } }}
      value={props.value}
      errorMessage={fieldError(props.errors, 'kind')}
      items={CYCLE_KINDS.map((k) => ({ value: k, text: CYCLE_KIND_LABELS[k] }))}
    />
  );
}

function IntroductionField(props: { value: string; errors?: FormErrors | undefined }): JSX.Element {
  return (
    <CharacterCount
      name="introduction"
      maxlength={INTRODUCTION_MAX}
      label={{ text: 'Introduction for agencies (optional)', classes: 'govuk-label--s' }}
      hint={{
        text: 'Agencies see this at the top of their return: what this audit is for, what is new this time and who to contact with questions.',
      }}
      rows={5}
      value={props.value}
      errorMessage={fieldError(props.errors, 'introduction')}
    />
  );
}

/**
 * The template version's questions as checkboxes grouped by theme. `anchor` puts the id the error
 * summary links to on the first checkbox.
 */
export function FocusQuestionFields(props: {
  structure: ReturnStructure;
  selected: string[];
  anchor: boolean;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const error = fieldError(props.errors, 'focusQuestionIds');
  return (
    <div class={`govuk-form-group${error && props.anchor ? ' govuk-form-group--error' : ''}`}>
      <h2 class="govuk-heading-s govuk-!-margin-bottom-1">Focus questions (optional)</h2>
      <p class="govuk-hint">
        Questions you want agencies to pay most attention to this time. They are marked “Focus question” on
        the agency’s return.
      </p>
      {error && props.anchor ? <ErrorMessage {...error} /> : ''}
      {props.structure.themes.map((theme, t) => (
        <Checkboxes
          name="focusQuestionIds"
          idPrefix={`focus-${theme.id}`}
          classes="govuk-checkboxes--small"
          fieldset={{
            legend: { text: `${theme.number}. ${theme.title}`, classes: 'govuk-fieldset__legend--s' },
          }}
          items={theme.questions.map((q, i) => ({
            value: q.id,
            text: `${q.number}. ${q.text}`,
            checked: props.selected.includes(q.id),
            ...(props.anchor && t === 0 && i === 0 ? { id: 'focusQuestionIds' } : {}),
          }))}
        />
      ))}
    </div>
  );
}

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
  /** Each published version's themes and questions, for choosing focus questions. */
  structures: ReturnStructure[];
  localities: Array<{ id: string; name: string }>;
  /** Partnerships sharing agencies with this one, that it may run the audit jointly with. */
  jointChoices: Array<{ id: string; name: string }>;
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
            <KindRadios value={state.kind} errors={errors} />
            <Radios
              name="templateVersionId"
              idPrefix="templateVersionId"
              fieldset={{ legend: { text: 'Template', classes: 'govuk-fieldset__legend--s' } }}
              hint={{ text: 'Only published templates can be used. A published template never changes.' }}
              value={state.templateVersionId}
              errorMessage={fieldError(errors, 'templateVersionId')}
              items={m.versions.map((v) => {
                const structure = m.structures.find((st) => st.templateVersionId === v.id);
                const anchor =
                  v.id === state.templateVersionId ||
                  (!m.versions.some((x) => x.id === state.templateVersionId) && v.id === m.versions[0]?.id);
                return {
                  value: v.id,
                  text: `${v.name}, version ${v.version}`,
                  conditional: structure
                    ? {
                        html: toHtml(
                          <FocusQuestionFields
                            structure={structure}
                            selected={state.focusQuestionIds}
                            anchor={anchor}
                            errors={errors}
                          />,
                        ),
                      }
                    : undefined,
                };
              })}
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
                checked: state.localities.includes(l.id),
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
            {m.jointChoices.length > 0 ? (
              <Checkboxes
                name="jointPartnershipIds"
                idPrefix="jointPartnershipIds"
                fieldset={{
                  legend: {
                    text: 'Run jointly with other partnerships (optional)',
                    classes: 'govuk-fieldset__legend--s',
                  },
                }}
                hint={{
                  text: 'Partnerships that share agencies with yours. Their agencies in every one of their localities are invited too; an agency belonging to both completes one return that both partnerships receive. Their admins and reviewers can read the returns of their own agencies. Your partnership runs the audit: only you change its deadlines, reminders and details.',
                }}
                errorMessage={fieldError(errors, 'jointPartnershipIds')}
                items={m.jointChoices.map((p) => ({
                  value: p.id,
                  text: p.name,
                  checked: state.jointPartnershipIds.includes(p.id),
                }))}
              />
            ) : (
              ''
            )}
            <IntroductionField value={state.introduction} errors={errors} />
            <Radios
              name="carryForward"
              idPrefix="carryForward"
              fieldset={{
                legend: {
                  text: 'Pre-fill each return from the agency’s last audit?',
                  classes: 'govuk-fieldset__legend--s',
                },
              }}
              hint={{
                text: 'Answers to questions that have not changed, and actions still open, are copied from the agency’s last submitted return. The agency checks and confirms each answer: until then it counts as unanswered.',
              }}
              value={state.carryForward}
              errorMessage={fieldError(errors, 'carryForward')}
              items={[
                { value: 'yes', text: 'Yes, pre-fill from the last audit' },
                { value: 'no', text: 'No, start every return empty' },
              ]}
            />
            <Button text="Set up audit" attributes={{ 'data-prevent-double-click': 'true' }} />
          </form>
        </div>
      </div>
    </Layout>
  );
}

export function ChangeCyclePage(m: {
  chrome: PageChrome;
  csrfToken: string;
  cycle: CycleSettings;
  structure: ReturnStructure;
  state: CycleDetailsState;
  /** What the form showed, for the conflict rule. */
  shown: string;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const { state, errors } = m;
  const back = `/cycles/${m.cycle.id}`;
  return (
    <Layout
      title={`Change ${m.cycle.name}`}
      {...m.chrome}
      errors={errors}
      beforeContent={<BackLink href={back} text="Back to the audit" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {m.cycle.name}
          </span>
          <h1 class="govuk-heading-l">Change the audit’s name, introduction and focus questions</h1>
          <p class="govuk-body">
            Agencies see the changes straight away. To change when the audit opens or closes, change the{' '}
            <a class="govuk-link" href={`${back}/deadline`}>
              deadline
            </a>
            .
          </p>
          <form method="post" action={`${back}/change`} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <input type="hidden" name={SHOWN_FIELD} value={m.shown} />
            <Input
              name="name"
              label={{ text: 'Name', classes: 'govuk-label--s' }}
              value={state.name}
              errorMessage={fieldError(errors, 'name')}
            />
            <KindRadios value={state.kind} errors={errors} />
            <IntroductionField value={state.introduction} errors={errors} />
            <FocusQuestionFields
              structure={m.structure}
              selected={state.focusQuestionIds}
              anchor={true}
              errors={errors}
            />
            <Button text="Save changes" />
          </form>
        </div>
      </div>
    </Layout>
  );
}
