/** A theme's introduction, questions and rating: the fields its page and its preview share. */

import { RAG_LABELS } from '../../../domain/rag.ts';
import { type FormErrors, fieldError } from '../../../views/form-errors.ts';
import { CharacterCount } from '../../../views/govuk/character-count.tsx';
import { Details } from '../../../views/govuk/details.tsx';
import { Radios } from '../../../views/govuk/radios.tsx';
import { toHtml } from '../../../views/render.ts';
import { shownQuestions } from '../answer-scales.ts';
import type { QuestionFlags } from '../carry-forward.ts';
import type { QuestionInfo, ThemeInfo } from '../return-structure.ts';
import { ActionFields, hasQuestionError, renderQuestion } from './question.view.tsx';
import { conditionText } from './question-text.ts';
import { fieldName, LONG_TEXT_MAX, stateAnswers, type ThemeFormState } from './theme.form.ts';

/** A theme's description and guidance, as the agency reads them before its questions. */
export function ThemeIntroduction({ theme }: { theme: ThemeInfo }): JSX.Element {
  return (
    <>
      {theme.description ? (
        <p class="govuk-body-l" safe>
          {theme.description}
        </p>
      ) : (
        ''
      )}
      {theme.guidance ? (
        <div class="govuk-inset-text app-pre-wrap" safe>
          {theme.guidance}
        </div>
      ) : (
        ''
      )}
    </>
  );
}

/**
 * A theme's questions and its rating, as the agency answers them: inside the theme page's form, or
 * (`preview`) on their own, in no form, for a template author to try. A preview's conditional
 * questions are all shown without JavaScript (each says when it is asked); with it they appear and
 * disappear as on the agency's page.
 */
export interface ThemeFieldsModel {
  theme: ThemeInfo;
  state: ThemeFormState;
  errors?: FormErrors | undefined;
  flags?: ReadonlyMap<string, QuestionFlags> | undefined;
  awaiting?: ReadonlySet<string> | undefined;
  preview?: boolean;
  /** What follows each question (its documents, on the agency's page). */
  afterQuestion?: ((q: QuestionInfo) => JSX.Element) | undefined;
}

export function ThemeFields(m: ThemeFieldsModel): JSX.Element {
  return themeFieldParts(m).join('');
}

/**
 * The same markup as a string a question (and one before and after them), for a page sent in parts
 * (src/views/page-parts.ts): a theme of 15 questions is over 100 KB.
 */
export function themeFieldParts(m: ThemeFieldsModel): string[] {
  const { theme, state, errors } = m;
  // Questions whose condition is not met are on the page but hidden (our script shows them live).
  const shown = new Set(shownQuestions(theme.questions, stateAnswers(state)).map((q) => q.id));
  const d = theme.gradeDescriptors;
  const before = toHtml(
    theme.questions.some((q) => q.showWhen) ? (
      m.preview ? (
        <p class="govuk-body">
          Some questions depend on an earlier answer: each says when it is asked. Agencies see them only when
          it applies.
        </p>
      ) : (
        <p class="govuk-body">
          Some questions depend on an earlier answer. They appear when they apply: if one does not appear
          straight away, choose “Save and continue” and it will be shown.
        </p>
      )
    ) : (
      ''
    ),
  );
  const questions = theme.questions.map((q) => {
    const question = renderQuestion(q, state.questions[q.id]!, errors, theme.title, {
      flags: m.flags?.get(q.id),
      awaiting: m.awaiting?.has(q.id) ?? false,
    });
    const html = m.afterQuestion ? (
      <>
        {question}
        {m.afterQuestion(q)}
      </>
    ) : (
      question
    );
    const parent = q.showWhen ? theme.questions.find((p) => p.id === q.showWhen!.questionId) : undefined;
    if (!q.showWhen || !parent) return toHtml(html);
    return toHtml(
      <div
        class="app-conditional-question"
        data-app-show-for={fieldName.response(parent.number)}
        data-app-show-when={q.showWhen.answers.join(' ')}
        // One with an error stays in view, so the error summary's link leads somewhere.
        hidden={!m.preview && !shown.has(q.id) && !hasQuestionError(errors, q)}
      >
        <p class="govuk-body-s govuk-!-margin-bottom-1 app-question-condition" safe>
          {conditionText(q, theme)}
        </p>
        {html}
      </div>,
    );
  });
  const after = toHtml(
    <>
      <h2 class="govuk-heading-m" id="rating-heading">
        Your rating for this theme
      </h2>
      <Details
        summaryText="What Red, Amber and Green mean"
        html={toHtml(
          <dl class="govuk-summary-list">
            {(['red', 'amber', 'green'] as const).map((rag) => (
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key" safe>
                  {RAG_LABELS[rag]}
                </dt>
                <dd class="govuk-summary-list__value" safe>
                  {d[rag]}
                </dd>
              </div>
            ))}
          </dl>,
        )}
      />
      <Radios
        idPrefix="rating"
        name="rating"
        fieldset={{
          legend: {
            text: 'How well does your organisation meet this theme?',
            classes: 'govuk-fieldset__legend--s',
          },
        }}
        errorMessage={fieldError(errors, 'rating')}
        items={[
          { value: 'red', text: 'Red', hint: { text: d.red }, checked: state.rating === 'red' },
          { value: 'amber', text: 'Amber', hint: { text: d.amber }, checked: state.rating === 'amber' },
          { value: 'green', text: 'Green', hint: { text: d.green }, checked: state.rating === 'green' },
        ]}
      />
      <div
        class="govuk-inset-text govuk-!-margin-top-0"
        data-app-reveal-for="rating"
        data-app-reveal-when="red amber"
      >
        <p class="govuk-body govuk-!-font-weight-bold">If you rated this theme Red or Amber</p>
        <ActionFields
          actionName="rating-action"
          dateName="rating-target-date"
          action={state.ratingAction}
          date={state.ratingTargetDate}
          errors={errors}
          context=" for this theme"
        />
      </div>
      <CharacterCount
        id="justification"
        name="justification"
        maxlength={LONG_TEXT_MAX}
        rows={5}
        label={{ text: 'Why did you choose this rating?', classes: 'govuk-label--s' }}
        hint={{
          text: 'Give enough detail for the partnership to follow up: what is in place, what is not, and the evidence.',
        }}
        value={state.justification}
        errorMessage={fieldError(errors, 'justification')}
      />
      <Radios
        idPrefix="completed"
        name="completed"
        classes="govuk-radios--inline"
        fieldset={{
          legend: { text: 'Have you completed this theme?', classes: 'govuk-fieldset__legend--m' },
        }}
        hint={{ text: 'We will check every question is answered before marking it complete.' }}
        errorMessage={fieldError(errors, 'completed')}
        items={[
          {
            value: 'yes',
            text: 'Yes, I have completed this theme',
            checked: state.completed === 'yes',
          },
          { value: 'no', text: 'No, I will come back to it later', checked: state.completed === 'no' },
        ]}
      />
    </>,
  );
  return [before, ...questions, after];
}
