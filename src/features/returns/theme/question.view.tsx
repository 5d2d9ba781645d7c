/** One question of a theme page, as the agency answers it (compiled per shape for speed). */

import type { DateParts } from '../../../lib/dates.ts';
import { type CompiledTemplate, compileTemplate, fillTemplate } from '../../../views/compiled-template.ts';
import { dateInputItems } from '../../../views/date-items.ts';
import { type FormErrors, fieldError } from '../../../views/form-errors.ts';
import { CharacterCount } from '../../../views/govuk/character-count.tsx';
import { Checkboxes } from '../../../views/govuk/checkboxes.tsx';
import { DateInput } from '../../../views/govuk/date-input.tsx';
import { Input } from '../../../views/govuk/input.tsx';
import { Radios } from '../../../views/govuk/radios.tsx';
import { Tag } from '../../../views/govuk/tag.tsx';
import { toHtml } from '../../../views/render.ts';
import { responseScale } from '../../templates/template-definition.ts';
import { actionAnswers, answerInput, answerOptions, isOfferedAnswer, orList } from '../answer-scales.ts';
import {
  CARRIED_FORWARD_TAG,
  FOCUS_QUESTION_TAG,
  QUESTION_CHANGE_TAGS,
  type QuestionFlags,
  UNCONFIRMED_TAG,
} from '../carry-forward.ts';
import type { QuestionInfo } from '../return-structure.ts';
import { fieldName, LONG_TEXT_MAX, type QuestionFormState, SHORT_TEXT_MAX } from './theme.form.ts';

/** The tags a question carries: focus question, new or changed since last audit, answer to confirm. */

export function QuestionTags(props: {
  flags?: QuestionFlags | undefined;
  awaiting?: boolean;
  /** Read-only pages say the answer was not confirmed rather than ask for it. */
  readOnly?: boolean;
}): JSX.Element {
  const tags = [
    props.flags?.focus ? FOCUS_QUESTION_TAG : null,
    props.flags?.change ? QUESTION_CHANGE_TAGS[props.flags.change] : null,
    props.awaiting ? (props.readOnly ? UNCONFIRMED_TAG : CARRIED_FORWARD_TAG) : null,
  ].filter((t) => t !== null);
  if (tags.length === 0) return '';
  return (
    <p class="govuk-body govuk-!-margin-bottom-2 app-question-tags">
      {tags.map((t) => (
        <>
          <Tag {...t} />{' '}
        </>
      ))}
    </p>
  );
}

export function ActionFields(props: {
  actionName: string;
  dateName: string;
  action: string;
  date: DateParts;
  errors?: FormErrors | undefined;
  context: string;
}): JSX.Element {
  const dateError = fieldError(props.errors, props.dateName);
  return (
    <>
      <CharacterCount
        id={props.actionName}
        name={props.actionName}
        maxlength={LONG_TEXT_MAX}
        rows={3}
        label={{ text: `Area for development${props.context}` }}
        hint={{ text: 'What you will do to meet the standard. This becomes an action in your action plan.' }}
        value={props.action}
        errorMessage={fieldError(props.errors, props.actionName)}
      />
      <DateInput
        id={props.dateName}
        namePrefix={props.dateName}
        fieldset={{ legend: { text: `Target date${props.context}`, classes: 'govuk-fieldset__legend--s' } }}
        hint={{ text: 'For example, 31 3 2027' }}
        errorMessage={dateError}
        items={dateInputItems(props.date, dateError !== undefined)}
      />
    </>
  );
}

/** The question and its answer field, by scale: radios, checkboxes, a text area, a number or a date. */
function AnswerField(props: {
  q: QuestionInfo;
  s: QuestionFormState;
  errors?: FormErrors | undefined;
  naConditional: string;
}): JSX.Element {
  const { q, s, errors } = props;
  const n = q.number;
  const name = fieldName.response(n);
  const heading = `${n}. ${q.text}${q.required ? '' : ' (optional)'}`;
  const hint = q.guidance ? { text: q.guidance } : undefined;
  const errorMessage = fieldError(errors, name);
  switch (answerInput(q)) {
    case 'one':
      return (
        <Radios
          idPrefix={name}
          name={name}
          classes="govuk-radios--small"
          fieldset={{ legend: { text: heading, classes: 'govuk-fieldset__legend--s' } }}
          hint={hint}
          errorMessage={errorMessage}
          items={answerOptions(q).map((o) => ({
            value: o.key,
            text: o.label,
            checked: s.response === o.key,
            conditional:
              o.key === 'na' && responseScale(q.scale).hasNa ? { html: props.naConditional } : undefined,
          }))}
        />
      );
    case 'many':
      return (
        <Checkboxes
          idPrefix={name}
          name={name}
          classes="govuk-checkboxes--small"
          fieldset={{ legend: { text: heading, classes: 'govuk-fieldset__legend--s' } }}
          hint={{ text: q.guidance ? `${q.guidance} Select all that apply.` : 'Select all that apply.' }}
          errorMessage={errorMessage}
          items={answerOptions(q).map((o) => ({
            value: o.key,
            text: o.label,
            checked: s.choices.includes(o.key),
          }))}
        />
      );
    case 'text':
      return (
        <CharacterCount
          id={name}
          name={name}
          maxlength={LONG_TEXT_MAX}
          rows={4}
          label={{ text: heading, classes: 'govuk-label--s' }}
          hint={hint}
          value={s.value}
          errorMessage={errorMessage}
        />
      );
    case 'number':
      return (
        <Input
          id={name}
          name={name}
          inputmode="numeric"
          spellcheck={false}
          classes="govuk-input--width-10"
          label={{ text: heading, classes: 'govuk-label--s' }}
          hint={hint}
          value={s.value}
          errorMessage={errorMessage}
        />
      );
    case 'date':
      return (
        <DateInput
          id={name}
          namePrefix={name}
          fieldset={{ legend: { text: heading, classes: 'govuk-fieldset__legend--s' } }}
          hint={{ text: q.guidance ? `${q.guidance} For example, 31 3 2027` : 'For example, 31 3 2027' }}
          errorMessage={errorMessage}
          items={dateInputItems(s.date, errorMessage !== undefined)}
        />
      );
  }
}

export function Question(props: {
  q: QuestionInfo;
  s: QuestionFormState;
  errors?: FormErrors | undefined;
  themeTitle: string;
  flags?: QuestionFlags | undefined;
  awaiting?: boolean;
}): JSX.Element {
  const { q, s, errors } = props;
  const n = q.number;
  const context = ` for question ${n}`;
  const naConditional = toHtml(
    <CharacterCount
      id={fieldName.naReason(n)}
      name={fieldName.naReason(n)}
      maxlength={LONG_TEXT_MAX}
      rows={3}
      label={{ text: 'Why does this not apply, and what is in place instead?' }}
      value={s.naReason}
      errorMessage={fieldError(errors, fieldName.naReason(n))}
    />,
  );
  const actions = actionAnswers(q);
  return (
    <div class="app-question" id={`question-${n}`}>
      <QuestionTags flags={props.flags} awaiting={props.awaiting === true} />
      <AnswerField q={q} s={s} errors={errors} naConditional={naConditional} />
      {actions.length > 0 ? (
        <div
          class="govuk-inset-text govuk-!-margin-top-0"
          data-app-reveal-for={fieldName.response(n)}
          data-app-reveal-when={actions.map((o) => o.key).join(' ')}
        >
          <p class="govuk-body govuk-!-font-weight-bold" safe>
            {`If you answered ${orList(actions.map((o) => o.label))}`}
          </p>
          <ActionFields
            actionName={fieldName.action(n)}
            dateName={fieldName.targetDate(n)}
            action={s.action}
            date={s.targetDate}
            errors={errors}
            context={context}
          />
        </div>
      ) : (
        ''
      )}
      <CharacterCount
        id={fieldName.evidenceDocument(n)}
        name={fieldName.evidenceDocument(n)}
        maxlength={SHORT_TEXT_MAX}
        rows={2}
        label={{ text: `Evidence${context} (optional)` }}
        hint={{
          text: q.evidencePrompt
            ? `The document or record. For example: ${q.evidencePrompt}`
            : 'The document or record',
        }}
        value={s.evidenceDocument}
        errorMessage={fieldError(errors, fieldName.evidenceDocument(n))}
      />
      <CharacterCount
        id={fieldName.evidenceLocation(n)}
        name={fieldName.evidenceLocation(n)}
        maxlength={SHORT_TEXT_MAX}
        rows={2}
        label={{ text: `Where the evidence is kept${context} (optional)` }}
        hint={{ text: 'For example, a shared drive folder, an intranet page or a named officer' }}
        value={s.evidenceLocation}
        errorMessage={fieldError(errors, fieldName.evidenceLocation(n))}
      />
      <CharacterCount
        id={fieldName.comment(n)}
        name={fieldName.comment(n)}
        maxlength={LONG_TEXT_MAX}
        rows={3}
        label={{ text: `Comments${context} (optional)` }}
        value={s.comment}
        errorMessage={fieldError(errors, fieldName.comment(n))}
      />
      <CharacterCount
        id={fieldName.impact(n)}
        name={fieldName.impact(n)}
        maxlength={LONG_TEXT_MAX}
        rows={3}
        label={{ text: `Impact on children${context} (optional)` }}
        hint={{ text: 'So what? How does this make a difference to children and young people?' }}
        value={s.impact}
        errorMessage={fieldError(errors, fieldName.impact(n))}
      />
    </div>
  );
}

/** A question's free-text values, in the order of the compiled template's slots. */
function questionValues(s: QuestionFormState): string[] {
  return [
    s.naReason,
    s.evidenceDocument,
    s.evidenceLocation,
    s.comment,
    s.impact,
    s.action,
    s.targetDate.day,
    s.targetDate.month,
    s.targetDate.year,
    s.value,
    s.date.day,
    s.date.month,
    s.date.year,
  ];
}

function questionWithValues(s: QuestionFormState, values: readonly string[]): QuestionFormState {
  const [
    naReason,
    evidenceDocument,
    evidenceLocation,
    comment,
    impact,
    action,
    day,
    month,
    year,
    value,
    dd,
    mm,
    yyyy,
  ] = values;
  return {
    response: s.response,
    choices: s.choices,
    value: value!,
    date: { day: dd!, month: mm!, year: yyyy! },
    naReason: naReason!,
    evidenceDocument: evidenceDocument!,
    evidenceLocation: evidenceLocation!,
    comment: comment!,
    impact: impact!,
    action: action!,
    targetDate: { day: day!, month: month!, year: year! },
  };
}

/**
 * Compiled questions, per question object (published versions' structures are cached, so their
 * question objects recur; a draft's are new on every load and fall away) and shape.
 */
const compiledQuestions = new WeakMap<QuestionInfo, Map<string, CompiledTemplate | null>>();

/**
 * A question's markup: without errors (a page as saved), from its compiled template for the chosen
 * response; with errors, rendered in full. Both give the same HTML.
 */
export function renderQuestion(
  q: QuestionInfo,
  s: QuestionFormState,
  errors: FormErrors | undefined,
  themeTitle: string,
  tags: { flags?: QuestionFlags | undefined; awaiting?: boolean } = {},
): JSX.Element {
  const full = () => (
    <Question
      q={q}
      s={s}
      errors={errors}
      themeTitle={themeTitle}
      flags={tags.flags}
      awaiting={tags.awaiting}
    />
  );
  if (errors) return full();
  const template = compiledQuestion(q, s, themeTitle, tags);
  return template ? fillTemplate(template, questionValues(s)) : full();
}

/**
 * The question's compiled markup for the shape of `s` (its chosen answers and tags), made on first
 * use; null when it cannot be compiled (an answer the question does not offer).
 */
export function compiledQuestion(
  q: QuestionInfo,
  s: QuestionFormState,
  themeTitle: string,
  tags: { flags?: QuestionFlags | undefined; awaiting?: boolean } = {},
): CompiledTemplate | null {
  const known =
    (s.response === '' || isOfferedAnswer(q, s.response)) && s.choices.every((c) => isOfferedAnswer(q, c));
  if (!known) return null;
  // The shape: everything but the free-text values (the chosen answers and the question's tags).
  const shape = `${s.response}|${s.choices.join(' ')}|${tags.flags?.focus ? 'focus' : ''}|${tags.flags?.change ?? ''}|${tags.awaiting ? 'awaiting' : ''}`;
  let byShape = compiledQuestions.get(q);
  if (!byShape) {
    byShape = new Map();
    compiledQuestions.set(q, byShape);
  }
  let template = byShape.get(shape);
  if (template === undefined) {
    template = compileTemplate(questionValues(s).length, (marks) =>
      toHtml(
        <Question
          q={q}
          s={questionWithValues(s, marks)}
          themeTitle={themeTitle}
          flags={tags.flags}
          awaiting={tags.awaiting}
        />,
      ),
    );
    byShape.set(shape, template);
  }
  return template;
}

export function hasQuestionError(errors: FormErrors | undefined, q: QuestionInfo): boolean {
  return errors !== undefined && Object.keys(errors.byField).some((f) => f.startsWith(`q${q.number}-`));
}
