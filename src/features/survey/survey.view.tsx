/**
 * The staff survey's pages: the public form, its closed and thank-you pages; the partnership's
 * settings, overview and per-agency results; the agency lead's page with its link and results.
 */
import { escapeHtml } from '@kitajs/html';
import type { Rag } from '../../db/schema.ts';
import { formatDayAndTime } from '../../lib/dates.ts';
import { dateInputItems } from '../../views/date-items.ts';
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { DateInput } from '../../views/govuk/date-input.tsx';
import { Input } from '../../views/govuk/input.tsx';
import { NotificationBanner } from '../../views/govuk/notification-banner.tsx';
import { Panel } from '../../views/govuk/panel.tsx';
import { Radios } from '../../views/govuk/radios.tsx';
import { SummaryList } from '../../views/govuk/summary-list.tsx';
import { Tag } from '../../views/govuk/tag.tsx';
import { Textarea } from '../../views/govuk/textarea.tsx';
import { WarningText } from '../../views/govuk/warning-text.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import { RagTag } from '../../views/rag-tag.tsx';
import { toHtml } from '../../views/render.ts';
import type { ThemeInfo } from '../returns/return-structure.ts';
import type { SurveyStatement, ThemeGrades } from './survey.repository.ts';
import {
  type AgencySurvey,
  agencySeesBatchesOnly,
  type CycleSurvey,
  linkShareable,
  SURVEY_STATE_LABELS,
  type SurveyStatus,
  type SurveyTaskListEntry,
} from './survey.service.ts';
import { type SurveyFormState, statementField } from './survey-form.ts';
import {
  AGENCY_BATCH,
  type AnswerTally,
  DISAGREEMENT_LABELS,
  disagreement,
  GREEN_BELOW,
  MIN_GROUP,
  RED_AT_LEAST,
  type ThemeResult,
} from './survey-results.ts';
import {
  COMMENT_MAX,
  FREE_TEXT_QUESTION,
  MAX_STATEMENTS_PER_THEME,
  STATEMENT_MAX,
  SURVEY_ANSWER_LABELS,
  type SurveySettingsState,
} from './survey-statements.ts';

const FEWER = `Fewer than ${MIN_GROUP} responses`;
const ANSWER_ORDER = [
  'strongly_agree',
  'agree',
  'neither',
  'disagree',
  'strongly_disagree',
  'dont_know',
] as const;

export const surveyUrl = (baseUrl: string, token: string) => `${baseUrl}/survey/${token}`;

// Public pages --------------------------------------------------------------------------------

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
            <Textarea
              name="comment"
              label={{ text: FREE_TEXT_QUESTION, classes: 'govuk-label--s' }}
              hint={{
                text: `Optional. At most ${COMMENT_MAX.toLocaleString('en-GB')} characters. Do not name anyone.`,
              }}
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

// The partnership's settings ------------------------------------------------------------------

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

// Results -------------------------------------------------------------------------------------

const percentText = (t: AnswerTally | null) =>
  t?.agreePercent == null ? 'No views given' : `${t.agreePercent}%`;

/** A table's head row; numeric columns are right-aligned. */
function TableHead(props: { columns: Array<{ text: string; numeric?: boolean }> }): JSX.Element {
  return (
    <thead class="govuk-table__head">
      <tr class="govuk-table__row">
        {props.columns.map((c) => (
          <th
            scope="col"
            class={`govuk-table__header${c.numeric ? ' govuk-table__header--numeric' : ''}`}
            safe
          >
            {c.text}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** A theme's share agreeing and mean, or why they are not shown (spanning `span` cells). */
function ThemeFigures(props: {
  result: ThemeResult | undefined;
  span: number;
  children?: JSX.Element;
}): JSX.Element {
  const r = props.result;
  // Rendered elements, escaped where they were built.
  const safeAfter = props.children ?? '';
  if (!r?.shown)
    return (
      <td class="govuk-table__cell" colspan={props.span}>
        {`Fewer than ${MIN_GROUP} staff gave a view`}
      </td>
    );
  return (
    <>
      <td class="govuk-table__cell govuk-table__cell--numeric" safe>
        {`${percentText(r.overall)} (${r.respondents} staff)`}
      </td>
      <td class="govuk-table__cell govuk-table__cell--numeric" safe>
        {r.overall?.mean == null ? '–' : r.overall.mean.toFixed(1)}
      </td>
      {safeAfter}
    </>
  );
}

function FlagTag(props: { grade: Rag | null; tally: AnswerTally | null }): JSX.Element {
  const flag = disagreement(props.grade, props.tally?.agreePercent ?? null);
  return flag ? <Tag text={DISAGREEMENT_LABELS[flag]} classes="govuk-tag--orange" /> : '';
}

export function DisagreementRule(): JSX.Element {
  return (
    <p class="govuk-body-s">
      {`A theme is flagged when a Green grade has under ${GREEN_BELOW}% of staff agreeing, or a Red grade has ${RED_AT_LEAST}% or more agreeing. “Agreeing” is Agree or Strongly agree, out of the answers that gave a view (Don’t know is left out). Results are never shown for fewer than ${MIN_GROUP} responses.`}
    </p>
  );
}

/** Theme-by-theme results of one agency beside its grades, then each statement's answers. */
function AgencyResults(m: { agency: AgencySurvey; showComments: boolean }): JSX.Element {
  const { agency } = m;
  const { result } = agency;
  if (!result.shown)
    return (
      <div class="govuk-inset-text" id="survey-hidden" safe>
        {`${FEWER} so far (${result.responses}). Results are shown once at least ${MIN_GROUP} staff have answered, so that no one can be identified.`}
      </div>
    );
  const byTheme = new Map(result.themes.map((t) => [t.themeId, t]));
  return (
    <>
      <table class="govuk-table" id="survey-themes">
        <caption class="govuk-table__caption govuk-table__caption--m">
          Staff views and grades by theme
        </caption>
        <TableHead
          columns={[
            { text: 'Theme' },
            { text: 'Self-assessed rating' },
            { text: 'Moderated grade' },
            { text: 'Staff agreeing', numeric: true },
            { text: 'Mean (1 to 5)', numeric: true },
            { text: 'Flag' },
          ]}
        />
        <tbody class="govuk-table__body">
          {agency.themes.map(({ theme }) => {
            const r = byTheme.get(theme.id);
            const grades: ThemeGrades = agency.grades.get(theme.id) ?? { self: null, moderated: null };
            return (
              <tr class="govuk-table__row">
                <th scope="row" class="govuk-table__header" safe>
                  {theme.title}
                </th>
                <td class="govuk-table__cell">
                  <RagTag rating={grades.self} />
                </td>
                <td class="govuk-table__cell">
                  {grades.moderated ? <RagTag rating={grades.moderated} /> : 'Not moderated'}
                </td>
                <ThemeFigures result={r} span={3}>
                  <td class="govuk-table__cell">
                    <FlagTag grade={grades.self} tally={r?.overall ?? null} />
                    {grades.moderated ? <FlagTag grade={grades.moderated} tally={r?.overall ?? null} /> : ''}
                  </td>
                </ThemeFigures>
              </tr>
            );
          })}
        </tbody>
      </table>
      <DisagreementRule />
      <h2 class="govuk-heading-m">Answers to each statement</h2>
      {agency.themes.map(({ theme }) => {
        const r = byTheme.get(theme.id);
        if (!r?.shown) return '';
        return (
          <table class="govuk-table govuk-table--small-text-until-tablet app-survey-statements">
            <caption class="govuk-table__caption govuk-table__caption--s" safe>
              {theme.title}
            </caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">
                  Statement
                </th>
                {ANSWER_ORDER.map((a) => (
                  <th scope="col" class="govuk-table__header govuk-table__header--numeric" safe>
                    {SURVEY_ANSWER_LABELS[a]}
                  </th>
                ))}
                <th scope="col" class="govuk-table__header govuk-table__header--numeric">
                  Agreeing
                </th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {r.statements.map((s) => (
                <tr class="govuk-table__row">
                  <th scope="row" class="govuk-table__header govuk-!-font-weight-regular" safe>
                    {s.text}
                  </th>
                  {ANSWER_ORDER.map((a) => (
                    <td class="govuk-table__cell govuk-table__cell--numeric" safe>
                      {String(s.tally.counts[a])}
                    </td>
                  ))}
                  <td class="govuk-table__cell govuk-table__cell--numeric" safe>
                    {percentText(s.tally)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
      {m.showComments ? (
        <>
          <h2 class="govuk-heading-m">What staff added</h2>
          <p class="govuk-body-s">
            {`Answers to “${FREE_TEXT_QUESTION}” in alphabetical order, not the order they were sent. Only the partnership sees them.`}
          </p>
          {result.comments.length ? (
            <ul class="govuk-list app-survey-comments" id="survey-comments">
              {result.comments.map((c) => (
                <li class="govuk-inset-text app-pre-wrap" safe>
                  {c}
                </li>
              ))}
            </ul>
          ) : (
            <p class="govuk-body">No one added anything.</p>
          )}
        </>
      ) : (
        ''
      )}
    </>
  );
}

function surveyStatusRows(
  { state, closesAt }: SurveyStatus,
  responses: number,
): Array<{ key: { text: string }; value: { text: string } }> {
  return [
    { key: { text: 'Survey' }, value: { text: SURVEY_STATE_LABELS[state] } },
    ...(state === 'off' ? [] : [{ key: { text: 'Closes' }, value: { text: formatDayAndTime(closesAt) } }]),
    { key: { text: 'Responses' }, value: { text: String(responses) } },
  ];
}

/** The link for an agency's staff, to copy. */
function LinkToShare(m: { id: string; url: string; label: string }): JSX.Element {
  return (
    <Input
      id={m.id}
      name={m.id}
      label={{ text: m.label, classes: 'govuk-label--s' }}
      hint={{ text: 'Select the link and copy it into an email, newsletter or intranet page for staff.' }}
      value={m.url}
      spellcheck={false}
      attributes={{ readonly: 'readonly' }}
      classes="app-survey-link"
    />
  );
}

export function CycleSurveyPage(m: {
  chrome: PageChrome;
  cycle: { id: string; name: string; partnershipName: string };
  survey: CycleSurvey;
  status: SurveyStatus;
  canManage: boolean;
  baseUrl: string;
  done?: 'saved' | 'new-link' | undefined;
}): JSX.Element {
  const { survey, cycle } = m;
  const base = `/cycles/${cycle.id}/survey`;
  const flagged = survey.agencies.flatMap((a) =>
    a.result.themes.flatMap((r) => {
      const grades = a.grades.get(r.themeId) ?? { self: null, moderated: null };
      const self = disagreement(grades.self, r.overall?.agreePercent ?? null);
      const moderated = disagreement(grades.moderated, r.overall?.agreePercent ?? null);
      if (!self && !moderated) return [];
      const theme = a.themes.find((t) => t.theme.id === r.themeId)!.theme;
      return [{ agency: a, theme, grades, result: r }];
    }),
  );
  const totalResponses = survey.agencies.reduce((n, a) => n + a.result.responses, 0);
  return (
    <Layout
      title={`Staff survey – ${cycle.name}`}
      {...m.chrome}
      beforeContent={<BackLink href={`/cycles/${cycle.id}`} text="Returns" />}
    >
      {m.done ? (
        <NotificationBanner
          type="success"
          text={
            m.done === 'saved'
              ? 'The staff survey has been saved'
              : 'The agency has a new link; the old one no longer works'
          }
        />
      ) : (
        ''
      )}
      <span class="govuk-caption-l" safe>
        {cycle.name}
      </span>
      <h1 class="govuk-heading-l">Staff survey</h1>
      <SummaryList rows={surveyStatusRows(m.status, totalResponses)} />
      {m.canManage ? (
        <p class="govuk-body">
          <a class="govuk-link" href={`${base}/settings`}>
            {survey.settings?.enabled ? 'Change the staff survey' : 'Set up a staff survey'}
          </a>
        </p>
      ) : (
        ''
      )}
      {m.status.state === 'off' ? (
        <p class="govuk-body">
          {survey.settings
            ? 'The staff survey is switched off.'
            : 'No staff survey has been set up for this audit.'}
          {totalResponses > 0 ? ' Answers already sent are kept below.' : ''}
        </p>
      ) : (
        ''
      )}
      {survey.statements.length === 0 && totalResponses === 0 ? (
        ''
      ) : (
        <>
          <h2 class="govuk-heading-m">Where staff and grades disagree</h2>
          {flagged.length ? (
            <table class="govuk-table" id="survey-flags">
              <TableHead
                columns={[
                  { text: 'Agency' },
                  { text: 'Theme' },
                  { text: 'Self-assessed' },
                  { text: 'Moderated' },
                  { text: 'Staff agreeing', numeric: true },
                ]}
              />
              <tbody class="govuk-table__body">
                {flagged.map((f) => (
                  <tr class="govuk-table__row">
                    <th scope="row" class="govuk-table__header">
                      <a class="govuk-link" href={`${base}/returns/${f.agency.returnId}`} safe>
                        {f.agency.agencyName}
                      </a>
                    </th>
                    <td class="govuk-table__cell" safe>
                      {f.theme.title}
                    </td>
                    <td class="govuk-table__cell">
                      <RagTag rating={f.grades.self} />
                    </td>
                    <td class="govuk-table__cell">
                      {f.grades.moderated ? <RagTag rating={f.grades.moderated} /> : 'Not moderated'}
                    </td>
                    <td class="govuk-table__cell govuk-table__cell--numeric" safe>
                      {percentText(f.result.overall)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p class="govuk-body" id="survey-no-flags">
              No theme is flagged yet.
            </p>
          )}
          <DisagreementRule />
          <h2 class="govuk-heading-m">All agencies together, by theme</h2>
          {survey.overall.shown ? (
            <table class="govuk-table" id="survey-overall">
              <TableHead
                columns={[
                  { text: 'Theme' },
                  { text: 'Staff agreeing', numeric: true },
                  { text: 'Mean (1 to 5)', numeric: true },
                ]}
              />
              <tbody class="govuk-table__body">
                {survey.themes.map(({ theme }) => {
                  const r = survey.overall.themes.find((t) => t.themeId === theme.id);
                  return (
                    <tr class="govuk-table__row">
                      <th scope="row" class="govuk-table__header" safe>
                        {theme.title}
                      </th>
                      <ThemeFigures result={r} span={2} />
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : (
            <p class="govuk-body">{`${FEWER} across all agencies so far.`}</p>
          )}
        </>
      )}
      <h2 class="govuk-heading-m">Agencies</h2>
      <table class="govuk-table" id="survey-agencies">
        <TableHead
          columns={[
            { text: 'Agency' },
            { text: 'Responses', numeric: true },
            { text: 'Results' },
            ...(m.canManage ? [{ text: 'Link for its staff' }] : []),
          ]}
        />
        <tbody class="govuk-table__body">
          {survey.agencies.map((a, i) => (
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header" safe>
                {a.agencyName}
              </th>
              <td class="govuk-table__cell govuk-table__cell--numeric" safe>
                {String(a.result.responses)}
              </td>
              <td class="govuk-table__cell">
                {a.result.shown ? (
                  <a class="govuk-link" href={`${base}/returns/${a.returnId}`}>
                    See results<span class="govuk-visually-hidden" safe>{` for ${a.agencyName}`}</span>
                  </a>
                ) : (
                  escapeHtml(FEWER)
                )}
              </td>
              {m.canManage ? (
                <td class="govuk-table__cell app-break-word">
                  {linkShareable(m.status, a.token) ? (
                    <>
                      <label class="govuk-visually-hidden" for={`link-${i + 1}`} safe>
                        {`Survey link for ${a.agencyName}`}
                      </label>
                      <input
                        class="govuk-input govuk-!-font-size-16 app-survey-link"
                        id={`link-${i + 1}`}
                        type="text"
                        readonly
                        spellcheck="false"
                        value={surveyUrl(m.baseUrl, a.token ?? '')}
                      />
                    </>
                  ) : (
                    escapeHtml(SURVEY_STATE_LABELS[m.status.state])
                  )}
                </td>
              ) : (
                ''
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <h2 class="govuk-heading-s">Download the results</h2>
      <p class="govuk-body-s">
        {`Agencies and themes with fewer than ${MIN_GROUP} responses are left out of the figures. Staff comments are not downloaded.`}
      </p>
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href={`${base}/results.csv`}>
            Results as CSV
          </a>
        </li>
        <li>
          <a class="govuk-link" href={`${base}/results.xlsx`}>
            Results as a spreadsheet (XLSX)
          </a>
        </li>
      </ul>
    </Layout>
  );
}

/** One agency's results: for the partnership (with comments and the link) or the agency lead. */
export function AgencySurveyPage(m: {
  chrome: PageChrome;
  cycleName: string;
  agency: AgencySurvey;
  status: SurveyStatus;
  /** The link for staff, when it may be shared (survey on). */
  linkUrl: string | null;
  back: { href: string; text: string };
  forPartnership: boolean;
  /** For the partnership's admins: a form to replace the link. */
  newLink?: { action: string; csrfToken: string } | undefined;
  done?: 'new-link' | undefined;
}): JSX.Element {
  const { agency } = m;
  return (
    <Layout
      title={`Staff survey – ${agency.agencyName}`}
      {...m.chrome}
      beforeContent={<BackLink href={m.back.href} text={m.back.text} />}
    >
      {m.done ? (
        <NotificationBanner type="success" text="Your staff have a new link; the old one no longer works" />
      ) : (
        ''
      )}
      <span class="govuk-caption-l" safe>
        {`${m.cycleName} – ${agency.agencyName}`}
      </span>
      <h1 class="govuk-heading-l">Staff survey</h1>
      <SummaryList rows={surveyStatusRows(m.status, agency.result.responses)} />
      {!m.forPartnership && agencySeesBatchesOnly(m.status) ? (
        <p class="govuk-body" id="survey-batches">
          {`While the survey is open, responses are counted here ${AGENCY_BATCH} at a time, so that no one’s answers can be worked out as they arrive. Every response is counted once it closes.`}
        </p>
      ) : (
        ''
      )}
      {m.linkUrl ? (
        <div class="govuk-!-margin-bottom-6">
          <LinkToShare id="survey-link" url={m.linkUrl} label="Link for your staff" />
          {m.forPartnership ? (
            ''
          ) : (
            <p class="govuk-body">
              Share it with staff who work with children and families. It needs no sign-in, and answers are
              anonymous: nobody, including you, can see who answered or what any one person said.
            </p>
          )}
          {m.newLink ? (
            <form method="post" action={m.newLink.action} novalidate>
              <input type="hidden" name="_csrf" value={m.newLink.csrfToken} />
              <Button
                text="Replace the link"
                classes="govuk-button--secondary"
                attributes={{ 'aria-describedby': 'new-link-hint' }}
              />
              <p class="govuk-hint" id="new-link-hint">
                If the link has reached people it should not have, replace it: the old one stops working at
                once. Answers already sent are kept.
              </p>
            </form>
          ) : (
            ''
          )}
        </div>
      ) : (
        ''
      )}
      <AgencyResults agency={agency} showComments={m.forPartnership} />
    </Layout>
  );
}

/** The agency lead's entry on the task list. */
export function surveyTaskListHtml(survey: SurveyTaskListEntry, baseUrl: string): string {
  return toHtml(
    <>
      <h2 class="govuk-heading-m">Staff survey</h2>
      <p class="govuk-body" safe>
        {`Your partnership is asking your staff, anonymously, how safeguarding works for them. ${survey.responses} ${survey.responses === 1 ? 'response' : 'responses'} so far (${SURVEY_STATE_LABELS[survey.state].toLowerCase()}).`}
      </p>
      {survey.token ? (
        <LinkToShare id="survey-link" url={surveyUrl(baseUrl, survey.token)} label="Link for your staff" />
      ) : (
        ''
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={survey.href}>
          {survey.token ? 'See the results, or replace the link' : 'See the results'}
        </a>
      </p>
    </>,
  );
}
