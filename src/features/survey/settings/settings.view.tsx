import { formatDayAndTime } from '../../../lib/dates.ts';
import { dateInputItems } from '../../../views/date-items.ts';
import { type FormErrors, fieldError } from '../../../views/form-errors.ts';
import { BackLink } from '../../../views/govuk/back-link.tsx';
import { Button } from '../../../views/govuk/button.tsx';
import { DateInput } from '../../../views/govuk/date-input.tsx';
import { Radios } from '../../../views/govuk/radios.tsx';
import { Textarea } from '../../../views/govuk/textarea.tsx';
import { WarningText } from '../../../views/govuk/warning-text.tsx';
import { Layout, type PageChrome } from '../../../views/layout.tsx';
import { SHOWN_FIELD } from '../../../web/form-version.ts';
import type { ThemeInfo } from '../../returns/return-structure.ts';
import { MAX_STATEMENTS_PER_THEME, STATEMENT_MAX, type SurveySettingsState } from '../survey-statements.ts';

export function SurveySettingsPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  cycle: { id: string; name: string; partnershipName: string; opensAt: Date; closesAt: Date };
  themes: ThemeInfo[];
  /** Responses so far: statements cannot change once there are any. */
  responses: number;
  /** Themes whose boxes were filled with our default statements (shown as a hint). */
  defaultsOffered: boolean;
  state: SurveySettingsState;
  /** What the form showed, for the conflict rule (see web/form-version.ts). */
  shown: string;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const { state, errors } = m;
  const dateError = fieldError(errors, 'closesOn');
  const locked = m.responses > 0;
  return (
    <Layout
      title={`Staff survey – ${m.cycle.name}`}
      {...m.chrome}
      errors={errors}
      beforeContent={<BackLink href={`/cycles/${m.cycle.id}/survey`} text="Staff survey" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {m.cycle.name}
          </span>
          <h1 class="govuk-heading-l">Set up the staff survey</h1>
          <p class="govuk-body">
            An anonymous survey for front-line staff of each agency, beside its self-assessment. Each agency
            gets its own link to share with its staff; no one signs in. Staff answer each statement from
            Strongly disagree to Strongly agree, or Don’t know, and may add a comment.
          </p>
          <form method="post" action={`/cycles/${m.cycle.id}/survey/settings`} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <input type="hidden" name={SHOWN_FIELD} value={m.shown} />
            <Radios
              name="enabled"
              fieldset={{
                legend: { text: 'Run a staff survey in this audit?', classes: 'govuk-fieldset__legend--m' },
              }}
              value={state.enabled}
              errorMessage={fieldError(errors, 'enabled')}
              items={[
                { value: 'yes', text: 'Yes' },
                {
                  value: 'no',
                  text: 'No',
                  hint: { text: 'Links stop working. Answers already sent are kept.' },
                },
              ]}
            />
            <DateInput
              id="closesOn"
              namePrefix="closesOn"
              fieldset={{
                legend: { text: 'Closing date (optional)', classes: 'govuk-fieldset__legend--m' },
              }}
              hint={{
                text: `The last day staff can answer. Leave it empty to close the survey when the audit closes (${formatDayAndTime(m.cycle.closesAt)}). For example, 27 3 2027.`,
              }}
              errorMessage={dateError}
              items={dateInputItems(state.closesOn, Boolean(dateError))}
            />
            <h2 class="govuk-heading-m">Statements, theme by theme</h2>
            {locked ? (
              <WarningText
                text={`Staff have already answered (${m.responses} ${m.responses === 1 ? 'response' : 'responses'}), so the statements cannot change: every answer stays with the statement it was given to.`}
              />
            ) : (
              <p class="govuk-body">
                {`Write up to ${MAX_STATEMENTS_PER_THEME} statements for each theme, one a line, each at most ${STATEMENT_MAX} characters, in words front-line staff use. Leave a theme empty to ask nothing about it. `}
                {m.defaultsOffered
                  ? 'We have suggested statements for the themes of the built-in template.'
                  : ''}
              </p>
            )}
            {m.themes.map((theme) =>
              locked ? (
                <div class="govuk-form-group">
                  <h3 class="govuk-heading-s" safe>
                    {theme.title}
                  </h3>
                  {(state.statements[theme.id] ?? '').trim() ? (
                    <ul class="govuk-list govuk-list--bullet">
                      {(state.statements[theme.id] ?? '')
                        .split('\n')
                        .filter((l) => l.trim())
                        .map((line) => (
                          <li safe>{line}</li>
                        ))}
                    </ul>
                  ) : (
                    <p class="govuk-body">No statements.</p>
                  )}
                </div>
              ) : (
                <Textarea
                  name={`statements-${theme.id}`}
                  label={{ text: theme.title, classes: 'govuk-label--s' }}
                  hint={{ text: 'One statement a line.' }}
                  rows={5}
                  value={state.statements[theme.id] ?? ''}
                  errorMessage={fieldError(errors, `statements-${theme.id}`)}
                />
              ),
            )}
            <Button text="Save the staff survey" />
          </form>
        </div>
      </div>
    </Layout>
  );
}
