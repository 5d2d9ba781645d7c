import type { Rag } from '../../db/schema.ts';
import { formatDayAndTime } from '../../lib/dates.ts';
import { Input } from '../../views/govuk/input.tsx';
import { Tag } from '../../views/govuk/tag.tsx';
import { RagTag } from '../../views/rag-tag.tsx';
import { toHtml } from '../../views/render.ts';
import type { ThemeGrades } from './survey.repository.ts';
import {
  type AgencySurvey,
  SURVEY_STATE_LABELS,
  type SurveyStatus,
  type SurveyTaskListEntry,
} from './survey.service.ts';
import {
  type AnswerTally,
  DISAGREEMENT_LABELS,
  disagreement,
  GREEN_BELOW,
  MIN_GROUP,
  RED_AT_LEAST,
  type ThemeResult,
} from './survey-results.ts';
import { FREE_TEXT_QUESTION, SURVEY_ANSWER_LABELS } from './survey-statements.ts';

export const FEWER = `Fewer than ${MIN_GROUP} responses`;
export const ANSWER_ORDER = [
  'strongly_agree',
  'agree',
  'neither',
  'disagree',
  'strongly_disagree',
  'dont_know',
] as const;

export const surveyUrl = (baseUrl: string, token: string) => `${baseUrl}/survey/${token}`;

// Results -------------------------------------------------------------------------------------

export const percentText = (t: AnswerTally | null) =>
  t?.agreePercent == null ? 'No views given' : `${t.agreePercent}%`;

/** A table's head row; numeric columns are right-aligned. */
export function TableHead(props: { columns: Array<{ text: string; numeric?: boolean }> }): JSX.Element {
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
export function ThemeFigures(props: {
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
export function AgencyResults(m: { agency: AgencySurvey; showComments: boolean }): JSX.Element {
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

export function surveyStatusRows(
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
export function LinkToShare(m: { id: string; url: string; label: string }): JSX.Element {
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
