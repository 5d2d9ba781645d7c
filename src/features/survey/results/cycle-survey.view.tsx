/** The partnership's overview of a cycle's staff survey: its status, links and results per agency. */
import { escapeHtml } from '@kitajs/html';
import { BackLink } from '../../../views/govuk/back-link.tsx';
import { NotificationBanner } from '../../../views/govuk/notification-banner.tsx';
import { SummaryList } from '../../../views/govuk/summary-list.tsx';
import { Layout, type PageChrome } from '../../../views/layout.tsx';
import { RagTag } from '../../../views/rag-tag.tsx';
import {
  type CycleSurvey,
  linkShareable,
  SURVEY_STATE_LABELS,
  type SurveyStatus,
} from '../survey.service.ts';
import {
  DisagreementRule,
  FEWER,
  percentText,
  surveyStatusRows,
  surveyUrl,
  TableHead,
  ThemeFigures,
} from '../survey.view.tsx';
import { disagreement, MIN_GROUP } from '../survey-results.ts';

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
