import { formatDayAndTime } from '../../../lib/dates.ts';
import { type FormErrors, fieldError } from '../../../views/form-errors.ts';
import { Button } from '../../../views/govuk/button.tsx';
import { CharacterCount } from '../../../views/govuk/character-count.tsx';
import { Panel } from '../../../views/govuk/panel.tsx';
import { Radios } from '../../../views/govuk/radios.tsx';
import { Layout, type PageChrome } from '../../../views/layout.tsx';
import type { ThemeInfo } from '../../returns/return-structure.ts';
import type { SurveyStatement } from '../survey.repository.ts';
import { ANSWER_ORDER } from '../survey.view.tsx';
import { type SurveyFormState, statementField } from '../survey-form.ts';
import { MIN_GROUP } from '../survey-results.ts';
import { COMMENT_MAX, FREE_TEXT_QUESTION, SURVEY_ANSWER_LABELS } from '../survey-statements.ts';

export interface SurveyFormModel {
  chrome: PageChrome;
  token: string;
  formToken: string;
  partnershipName: string;
  agencyName: string;
  closesAt: Date;
  themes: Array<{ theme: ThemeInfo; statements: SurveyStatement[] }>;
  state: SurveyFormState;
  errors?: FormErrors | undefined;
}

export function SurveyFormPage(m: SurveyFormModel): JSX.Element {
  const { state, errors } = m;
  const statementCount = m.themes.reduce((n, t) => n + t.statements.length, 0);
  return (
    <Layout title="Staff survey on safeguarding children" {...m.chrome} errors={errors}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {m.agencyName}
          </span>
          <h1 class="govuk-heading-l">Staff survey on safeguarding children</h1>
          <p class="govuk-body" safe>
            {`${m.partnershipName} asks staff in each of its partner organisations how safeguarding children works for them day to day. Your answers are set beside your organisation’s own assessment.`}
          </p>
          <h2 class="govuk-heading-m">Your answers are anonymous</h2>
          <ul class="govuk-list govuk-list--bullet">
            <li>We do not ask for your name or email address.</li>
            <li>We do not keep your network address, your browser’s details or the time you answered.</li>
            <li>{`Nobody sees results for your organisation until at least ${MIN_GROUP} people have answered.`}</li>
          </ul>
          <p class="govuk-body">
            Do not write anything in your answers that could identify you, a colleague or a child.
          </p>
          <p class="govuk-body" safe>
            {`There are ${statementCount} statements to answer, and it takes about ${Math.max(2, Math.ceil(statementCount / 4))} minutes. The survey closes on ${formatDayAndTime(m.closesAt)}.`}
          </p>
          <form method="post" action={`/survey/${m.token}`} novalidate>
            <input type="hidden" name="_form" value={m.formToken} />
            {m.themes.map(({ theme, statements }) => (
              <>
                <h2 class="govuk-heading-m" safe>
                  {theme.title}
                </h2>
                {statements.map((s) => (
                  <Radios
                    name={statementField(s.id)}
                    classes="govuk-radios--small"
                    fieldset={{
                      legend: { text: s.text, classes: 'govuk-fieldset__legend--s' },
                    }}
                    value={state.answers[s.id] ?? ''}
                    errorMessage={fieldError(errors, `answers.${s.id}`)}
                    items={ANSWER_ORDER.map((a) => ({ value: a, text: SURVEY_ANSWER_LABELS[a] }))}
                  />
                ))}
              </>
            ))}
            <h2 class="govuk-heading-m">Anything else</h2>
            <CharacterCount
              name="comment"
              maxlength={COMMENT_MAX}
              label={{ text: `${FREE_TEXT_QUESTION} (optional)`, classes: 'govuk-label--s' }}
              hint={{ text: 'Do not name anyone.' }}
              rows={6}
              value={state.comment}
              errorMessage={fieldError(errors, 'comment')}
            />
            <Button text="Send your answers" />
          </form>
        </div>
      </div>
    </Layout>
  );
}

export function SurveyMessagePage(m: { chrome: PageChrome; title: string; message: string }): JSX.Element {
  return (
    <Layout title={m.title} {...m.chrome}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l" safe>
            {m.title}
          </h1>
          <p class="govuk-body" safe>
            {m.message}
          </p>
        </div>
      </div>
    </Layout>
  );
}

export function SurveyThanksPage(m: { chrome: PageChrome; partnershipName: string }): JSX.Element {
  return (
    <Layout title="Your answers have been sent" {...m.chrome}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <Panel titleText="Your answers have been sent" text="Thank you for taking part" />
          <h2 class="govuk-heading-m">What happens next</h2>
          <p class="govuk-body" safe>
            {`${m.partnershipName} will look at what staff say beside your organisation’s own Section 11 assessment. Results are only ever shown for groups of at least ${MIN_GROUP} people, and nothing you sent can be traced back to you.`}
          </p>
          <p class="govuk-body">You can close this page.</p>
        </div>
      </div>
    </Layout>
  );
}
