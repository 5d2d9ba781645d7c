/** The form that adds a question to a theme of a draft or changes one. */
import { escapeHtml } from '@kitajs/html';
import { type FormErrors, fieldError } from '../../../views/form-errors.ts';
import { Button } from '../../../views/govuk/button.tsx';
import { CharacterCount } from '../../../views/govuk/character-count.tsx';
import { Checkboxes } from '../../../views/govuk/checkboxes.tsx';
import { Input } from '../../../views/govuk/input.tsx';
import { Radios } from '../../../views/govuk/radios.tsx';
import type { PageChrome } from '../../../views/layout.tsx';
import { toHtml } from '../../../views/render.ts';
import { FormPage, KeyField } from '../authoring/authoring.view.tsx';
import { questionBase, themeBase } from '../authoring/paths.ts';
import type { DraftQuestion, DraftTheme, EditableVersion } from '../draft-editing.repository.ts';
import { type EarlierQuestion, LIMITS } from '../draft-rules.ts';
import { RESPONSE_SCALES } from '../template-definition.ts';
import type { PartnershipRef } from '../templates.view.tsx';
import { answersField, optionField, optionRowsToShow, type QuestionState } from './question.form.ts';

export function QuestionFormPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  partnership: PartnershipRef;
  draft: EditableVersion;
  theme: DraftTheme;
  question: DraftQuestion | null;
  number: number;
  state: QuestionState;
  earlier: readonly EarlierQuestion[];
  shown?: string | undefined;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const d = m.draft;
  const pid = m.partnership.id;
  const s = m.state;
  const action = m.question
    ? questionBase(pid, d.id, m.theme.id, m.question.id)
    : `${themeBase(pid, d.id, m.theme.id)}/questions/new`;
  const withOptions = RESPONSE_SCALES.filter((x) => x.hasOptions);
  const rows = optionRowsToShow(s.options);
  return (
    <FormPage
      chrome={m.chrome}
      title={m.question ? `Change question ${m.number}` : 'Add a question'}
      caption={m.theme.title}
      back={{ href: themeBase(pid, d.id, m.theme.id), text: 'Back to the theme' }}
      errors={m.errors}
      action={action}
      csrfToken={m.csrfToken}
      shown={m.shown}
      submit={m.question ? 'Save question' : 'Add question'}
    >
      {withOptions.length > 0 ? (
        // Pressing Enter in a field submits with the form's first button: let it be saving, not
        // removing an option row.
        <button type="submit" hidden>
          {m.question ? 'Save question' : 'Add question'}
        </button>
      ) : (
        ''
      )}
      <CharacterCount
        name="text"
        rows={3}
        maxlength={LIMITS.questionText}
        label={{ text: 'Question or statement', classes: 'govuk-label--s' }}
        hint={{
          text: 'In the agency’s voice where it is a statement, for example “We have a safeguarding lead”.',
        }}
        value={s.text}
        errorMessage={fieldError(m.errors, 'text')}
      />
      <KeyField value={s.key} errors={m.errors} />
      <CharacterCount
        name="guidance"
        rows={4}
        maxlength={LIMITS.guidance}
        label={{ text: 'Guidance (optional)', classes: 'govuk-label--s' }}
        hint={{ text: 'What a good answer looks like.' }}
        value={s.guidance}
        errorMessage={fieldError(m.errors, 'guidance')}
      />
      <Radios
        name="scale"
        fieldset={{ legend: { text: 'How is it answered?', classes: 'govuk-fieldset__legend--s' } }}
        errorMessage={fieldError(m.errors, 'scale')}
        items={RESPONSE_SCALES.map((x) => ({
          value: x.value,
          text: x.label,
          checked: s.scale === x.value,
          hint: x.hasOptions ? { text: 'You name the levels or choices below.' } : undefined,
        }))}
      />
      {withOptions.length > 0 ? (
        <div data-app-reveal-for="scale" data-app-reveal-when={withOptions.map((x) => x.value).join(' ')}>
          <fieldset class="govuk-fieldset" aria-describedby="options-hint">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Levels or choices</legend>
            <div class="govuk-hint" id="options-hint" safe>
              {`Only for ${withOptions
                .map(
                  (x) =>
                    `${x.label} (${x.options?.exactly ? `exactly ${x.options.exactly}` : `at least ${x.options?.atLeast ?? 2}`})`,
                )
                .join(', ')}. Blank rows are ignored.`}
            </div>
            {fieldError(m.errors, 'options') ? (
              <p class="govuk-error-message">
                <span class="govuk-visually-hidden">Error:</span>{' '}
                {escapeHtml(fieldError(m.errors, 'options')!.text)}
              </p>
            ) : (
              ''
            )}
            <input type="hidden" name="optionRows" value={String(rows.length)} />
            {rows.map((o, i) => (
              <div class="app-option-row govuk-!-margin-bottom-6">
                <h2 class="govuk-heading-s govuk-!-margin-bottom-2" safe>{`Option ${i + 1}`}</h2>
                <Input
                  name={optionField(i, 'label')}
                  label={{ text: `Label of option ${i + 1}` }}
                  value={o.label}
                  errorMessage={fieldError(m.errors, optionField(i, 'label'))}
                />
                <Input
                  name={optionField(i, 'key')}
                  label={{ text: `Key of option ${i + 1} (optional)` }}
                  classes="govuk-input--width-20"
                  spellcheck={false}
                  value={o.key}
                  errorMessage={fieldError(m.errors, optionField(i, 'key'))}
                />
                <Checkboxes
                  name={`option-${i}-flags`}
                  idPrefix={`option-${i}-flags`}
                  classes="govuk-checkboxes--small"
                  fieldset={{ legend: { text: `Option ${i + 1}`, classes: 'govuk-visually-hidden' } }}
                  items={[
                    { name: optionField(i, 'met'), value: 'yes', text: 'Counts as met', checked: o.met },
                    {
                      name: optionField(i, 'action'),
                      value: 'yes',
                      text: 'Needs an area for development (an action)',
                      checked: o.action,
                    },
                  ]}
                />
                <Button
                  html={`Remove<span class="govuk-visually-hidden"> option ${i + 1}</span>`}
                  name="intent"
                  value={`remove-option-${i}`}
                  classes="govuk-button--secondary govuk-!-margin-bottom-0"
                />
              </div>
            ))}
            {rows.length < LIMITS.options ? (
              <Button
                text="Add another option"
                name="intent"
                value="add-option"
                classes="govuk-button--secondary"
              />
            ) : (
              ''
            )}
          </fieldset>
        </div>
      ) : (
        ''
      )}
      <Radios
        name="required"
        classes="govuk-radios--inline"
        fieldset={{ legend: { text: 'Must agencies answer it?', classes: 'govuk-fieldset__legend--s' } }}
        hint={{ text: 'An optional question may be left unanswered without counting as Red.' }}
        errorMessage={fieldError(m.errors, 'required')}
        items={[
          { value: 'yes', text: 'Yes, required', checked: s.required === 'yes' },
          { value: 'no', text: 'No, optional', checked: s.required === 'no' },
        ]}
      />
      <CharacterCount
        name="evidencePrompt"
        rows={2}
        maxlength={LIMITS.evidencePrompt}
        label={{ text: 'Evidence prompt (optional)', classes: 'govuk-label--s' }}
        hint={{ text: 'Examples of evidence the agency might reference.' }}
        value={s.evidencePrompt}
        errorMessage={fieldError(m.errors, 'evidencePrompt')}
      />
      <Input
        name="weight"
        label={{ text: 'Weight in scores', classes: 'govuk-label--s' }}
        hint={{ text: `A whole number from 0 to ${LIMITS.weight}. Usually 1; 0 leaves it out of scores.` }}
        classes="govuk-input--width-2"
        inputmode="numeric"
        value={s.weight}
        errorMessage={fieldError(m.errors, 'weight')}
      />
      <Radios
        name="showWhen"
        fieldset={{ legend: { text: 'When is it shown?', classes: 'govuk-fieldset__legend--s' } }}
        hint={{
          text:
            m.earlier.length === 0
              ? 'A question can depend on the answer to an earlier question of this theme. There is none to choose yet.'
              : 'A question can depend on the answer to an earlier question of this theme.',
        }}
        errorMessage={fieldError(m.errors, 'showWhen')}
        items={[
          { value: '', text: 'Always', checked: s.showWhen === '' },
          ...m.earlier.map((q) => ({
            value: q.id,
            text: `Only when question ${q.number} has certain answers`,
            hint: { text: q.text },
            checked: s.showWhen === q.id,
            conditional: {
              html: toHtml(
                <Checkboxes
                  name={answersField(q.id)}
                  classes="govuk-checkboxes--small"
                  fieldset={{ legend: { text: `Show it when question ${q.number} is` } }}
                  errorMessage={fieldError(m.errors, answersField(q.id))}
                  items={q.answers.map((a) => ({
                    value: a.value,
                    text: a.label,
                    checked: (s.showWhenAnswers[q.id] ?? []).includes(a.value),
                  }))}
                />,
              ),
            },
          })),
        ]}
      />
    </FormPage>
  );
}
