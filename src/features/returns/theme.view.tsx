/** The theme page: guidance, each question with its options and details, then the theme's rating. */

import { escapeHtml } from '@kitajs/html';
import { RAG_LABELS } from '../../domain/rag.ts';
import type { DateParts } from '../../lib/dates.ts';
import { formatDateTime, formatDayAndTime } from '../../lib/dates.ts';
import { type CompiledTemplate, compileTemplate, fillTemplate } from '../../views/compiled-template.ts';
import { dateInputItems } from '../../views/date-items.ts';
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { CharacterCount } from '../../views/govuk/character-count.tsx';
import { Checkboxes } from '../../views/govuk/checkboxes.tsx';
import { DateInput } from '../../views/govuk/date-input.tsx';
import { Details } from '../../views/govuk/details.tsx';
import { Input } from '../../views/govuk/input.tsx';
import { Radios } from '../../views/govuk/radios.tsx';
import { Tag } from '../../views/govuk/tag.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import { toHtml } from '../../views/render.ts';
import { SHOWN_FIELD } from '../../web/form-version.ts';
import { responseScale } from '../templates/template-definition.ts';
import {
  actionAnswers,
  answerInput,
  answerOptions,
  isOfferedAnswer,
  orList,
  shownQuestions,
} from './answer-scales.ts';
import {
  CARRIED_FORWARD_TAG,
  FOCUS_QUESTION_TAG,
  QUESTION_CHANGE_TAGS,
  type QuestionFlags,
  UNCONFIRMED_TAG,
} from './carry-forward.ts';
import type { QuestionInfo, ThemeInfo } from './return-structure.ts';
import {
  fieldName,
  LONG_TEXT_MAX,
  type QuestionFormState,
  SHORT_TEXT_MAX,
  stateAnswers,
  stateFromSaved,
  type ThemeFormState,
} from './theme-form.ts';

export interface ThemePageModel {
  chrome: PageChrome;
  csrfToken: string;
  returnId: string;
  agencyName: string;
  cycleName: string;
  theme: ThemeInfo;
  themeCount: number;
  state: ThemeFormState;
  errors?: FormErrors | undefined;
  /** When what is shown was kept from a form that could not be accepted. */
  keptAt?: string | undefined;
  /** What the form shows, fingerprinted (src/web/form-version.ts): the conflict rule's base. */
  shown: string;
  /** Focus, new and changed questions. */
  flags?: ReadonlyMap<string, QuestionFlags> | undefined;
  /** Questions whose saved answer was carried forward from the last audit and is not confirmed. */
  awaiting?: ReadonlySet<string> | undefined;
}

/** The tags a question carries: focus question, new or changed since last audit, answer to confirm. */
/** A theme's description and guidance, as the agency reads them before its questions. */
function ThemeIntroduction({ theme }: { theme: ThemeInfo }): JSX.Element {
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

function ActionFields(props: {
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

/**
 * A theme's questions and its rating, as the agency answers them: inside the theme page's form, or
 * (`preview`) on their own, in no form, for a template author to try. A preview's conditional
 * questions are all shown without JavaScript (each says when it is asked); with it they appear and
 * disappear as on the agency's page.
 */
function ThemeFields(m: {
  theme: ThemeInfo;
  state: ThemeFormState;
  errors?: FormErrors | undefined;
  flags?: ReadonlyMap<string, QuestionFlags> | undefined;
  awaiting?: ReadonlySet<string> | undefined;
  preview?: boolean;
}): JSX.Element {
  const { theme, state, errors } = m;
  // Questions whose condition is not met are on the page but hidden (our script shows them live).
  const shown = new Set(shownQuestions(theme.questions, stateAnswers(state)).map((q) => q.id));
  const d = theme.gradeDescriptors;
  return (
    <>
      {theme.questions.some((q) => q.showWhen) ? (
        m.preview ? (
          <p class="govuk-body">
            Some questions depend on an earlier answer: each says when it is asked. Agencies see them only
            when it applies.
          </p>
        ) : (
          <p class="govuk-body">
            Some questions depend on an earlier answer. They appear when they apply: if one does not appear
            straight away, choose “Save and continue” and it will be shown.
          </p>
        )
      ) : (
        ''
      )}
      {theme.questions.map((q) => {
        const html = renderQuestion(q, state.questions[q.id]!, errors, theme.title, {
          flags: m.flags?.get(q.id),
          awaiting: m.awaiting?.has(q.id) ?? false,
        });
        const parent = q.showWhen ? theme.questions.find((p) => p.id === q.showWhen!.questionId) : undefined;
        if (!q.showWhen || !parent) return html;
        return (
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
          </div>
        );
      })}
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
    </>
  );
}

export function ThemePage(m: ThemePageModel): JSX.Element {
  const { theme, state, errors } = m;
  return (
    <Layout
      title={`${theme.title} – ${m.agencyName}`}
      {...m.chrome}
      errors={errors}
      beforeContent={<BackLink href={`/returns/${m.returnId}`} text="Back to your return" />}
    >
      <form method="post" action={`/returns/${m.returnId}/themes/${theme.id}`} novalidate>
        <input type="hidden" name="_csrf" value={m.csrfToken} />
        <input type="hidden" name={SHOWN_FIELD} value={m.shown} />
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-two-thirds">
            {m.keptAt ? (
              <div
                class="govuk-notification-banner"
                role="region"
                aria-labelledby="kept-title"
                data-module="govuk-notification-banner"
              >
                <div class="govuk-notification-banner__header">
                  <h2 class="govuk-notification-banner__title" id="kept-title">
                    Not saved yet
                  </h2>
                </div>
                <div class="govuk-notification-banner__content">
                  <p class="govuk-notification-banner__heading">
                    This page shows what you typed at {escapeHtml(formatDateTime(new Date(m.keptAt)))}. Check
                    it and save.
                  </p>
                </div>
              </div>
            ) : (
              ''
            )}
            <span class="govuk-caption-l">
              Theme {theme.number} of {m.themeCount} · {escapeHtml(m.agencyName)}
            </span>
            <h1 class="govuk-heading-l" safe>
              {theme.title}
            </h1>
            <ThemeIntroduction theme={theme} />
            <p class="govuk-body">
              Answer each question, say what evidence shows it and where it is kept. You can save and come
              back at any time.
            </p>
            {m.awaiting && theme.questions.some((q) => m.awaiting!.has(q.id)) ? (
              <div class="govuk-inset-text" id="carried-forward">
                <p class="govuk-body">
                  Answers marked “From last audit” are copied from your last submitted return. Check each one
                  and change anything that is different now.
                </p>
                <p class="govuk-body govuk-!-margin-bottom-0">
                  “Save and continue” confirms them as this year’s answers. “Save and continue later” keeps
                  them unconfirmed, and an unconfirmed answer counts as unanswered: if you submit without
                  confirming it, it is graded Red.
                </p>
              </div>
            ) : (
              ''
            )}
            <ThemeFields theme={theme} state={state} errors={errors} flags={m.flags} awaiting={m.awaiting} />
            <div class="govuk-button-group">
              <Button text="Save and continue" name="intent" value="continue" />
              <Button
                text="Save and continue later"
                name="intent"
                value="later"
                classes="govuk-button--secondary"
              />
            </div>
          </div>
        </div>
      </form>
    </Layout>
  );
}

/**
 * A read-only preview of a theme: an agency's before the audit opens, or (with `author`) a template
 * author's, shown exactly as agencies will see it, with links back to the template instead.
 */
export function ThemePreviewPage(m: {
  chrome: PageChrome;
  returnId: string;
  agencyName: string;
  opensAt: Date;
  theme: ThemeInfo;
  themeCount: number;
  previous: ThemeInfo | null;
  next: ThemeInfo | null;
  flags?: ReadonlyMap<string, QuestionFlags> | undefined;
  author?: { back: { href: string; text: string }; themeHref: (themeId: string) => string; notice: string };
}): JSX.Element {
  const { theme } = m;
  const base = `/returns/${m.returnId}`;
  const themeHref = m.author?.themeHref ?? ((id: string) => `${base}/themes/${id}`);
  const d = theme.gradeDescriptors;
  return (
    <Layout
      title={`Preview: ${theme.title} – ${m.agencyName}`}
      {...m.chrome}
      beforeContent={<BackLink {...(m.author?.back ?? { href: base, text: 'Back to your return' })} />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l">
            Theme {theme.number} of {m.themeCount} · {escapeHtml(m.agencyName)}
          </span>
          <h1 class="govuk-heading-l" safe>
            {theme.title}
          </h1>
          <div class="govuk-warning-text">
            <span class="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <div class="govuk-warning-text__text">
              <span class="govuk-visually-hidden">Warning</span>
              {m.author ? (
                escapeHtml(m.author.notice)
              ) : (
                <>
                  This is a preview. You can answer these questions when the audit opens on{' '}
                  {escapeHtml(formatDayAndTime(m.opensAt))}.
                </>
              )}
            </div>
          </div>
          <ThemeIntroduction theme={theme} />
          {m.author ? (
            <ThemeFields
              theme={theme}
              state={stateFromSaved(theme, new Map(), undefined)}
              flags={m.flags}
              preview
            />
          ) : (
            <>
              {theme.questions.map((q) => (
                <div class="app-question" id={`question-${q.number}`}>
                  <QuestionTags flags={m.flags?.get(q.id)} />
                  <h2 class="govuk-heading-s govuk-!-margin-bottom-2" safe>
                    {`${q.number}. ${q.text}`}
                  </h2>
                  {q.guidance ? (
                    <p class="govuk-hint" safe>
                      {q.guidance}
                    </p>
                  ) : (
                    ''
                  )}
                  <p class="govuk-body-s" safe>
                    {previewAnswerText(q)}
                  </p>
                  {q.showWhen ? (
                    <p class="govuk-body-s" safe>
                      {conditionText(q, theme)}
                    </p>
                  ) : (
                    ''
                  )}
                  {q.evidencePrompt ? (
                    <p class="govuk-body-s" safe>
                      {`Evidence you might reference: ${q.evidencePrompt}`}
                    </p>
                  ) : (
                    ''
                  )}
                </div>
              ))}
              <h2 class="govuk-heading-m">Your rating for this theme</h2>
              <p class="govuk-body">You will rate how well your organisation meets this theme:</p>
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
              </dl>
            </>
          )}
          <ul class="govuk-list">
            {m.previous ? (
              <li>
                <a class="govuk-link" href={themeHref(m.previous.id)}>
                  Previous theme<span class="govuk-visually-hidden">: </span>{' '}
                  <span safe>{m.previous.title}</span>
                </a>
              </li>
            ) : (
              ''
            )}
            {m.next ? (
              <li>
                <a class="govuk-link" href={themeHref(m.next.id)}>
                  Next theme<span class="govuk-visually-hidden">: </span> <span safe>{m.next.title}</span>
                </a>
              </li>
            ) : (
              ''
            )}
          </ul>
        </div>
      </div>
    </Layout>
  );
}

function hasQuestionError(errors: FormErrors | undefined, q: QuestionInfo): boolean {
  return errors !== undefined && Object.keys(errors.byField).some((f) => f.startsWith(`q${q.number}-`));
}

/** When a conditional question is asked: "Asked only if you answer Yes to question 2." */
export function conditionText(q: QuestionInfo, theme: ThemeInfo): string {
  const parent = theme.questions.find((p) => p.id === q.showWhen?.questionId);
  if (!parent || !q.showWhen) return '';
  const labels = answerOptions(parent)
    .filter((o) => q.showWhen!.answers.includes(o.key))
    .map((o) => o.label);
  return `Asked only if you answer ${orList(labels)} to question ${parent.number}.`;
}

/** How a question is answered, for the preview: its choices, or the kind of value asked for. */
export function previewAnswerText(q: QuestionInfo): string {
  const optional = q.required ? '' : ' (optional)';
  switch (answerInput(q)) {
    case 'one':
      return `Answer${optional}: ${answerOptions(q)
        .map((o) => o.label)
        .join(', ')}.`;
    case 'many':
      return `Answer${optional}, any of: ${answerOptions(q)
        .map((o) => o.label)
        .join(', ')}.`;
    case 'text':
      return `Answer${optional}: in your own words.`;
    case 'number':
      return `Answer${optional}: a number.`;
    case 'date':
      return `Answer${optional}: a date.`;
  }
}
