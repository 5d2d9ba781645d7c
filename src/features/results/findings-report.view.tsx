/** The findings report: reading it, editing its text, choosing good practice to quote, making it final. */
import { type Children, escapeHtml } from '@kitajs/html';
import type { CycleInfo } from '../../domain/cycle-access.ts';
import { formatDate } from '../../lib/dates.ts';
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { Checkboxes } from '../../views/govuk/checkboxes.tsx';
import { NotificationBanner } from '../../views/govuk/notification-banner.tsx';
import { Select } from '../../views/govuk/select.tsx';
import { Tag } from '../../views/govuk/tag.tsx';
import { Textarea } from '../../views/govuk/textarea.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import { renderSimpleFormat } from '../guidance/simple-format.ts';
import { type CandidateAnswer, QUOTED_FIELD_LABELS, type Quote } from './findings-report.repository.ts';
import { type FindingsReport, type ReportText, reportStatusText } from './findings-report.ts';
import type { EarlierCycle } from './results.repository.ts';
import type { ResultsFigures } from './results.ts';
import {
  CalibrationTable,
  ComparisonTables,
  DistributionSection,
  OverdueActionsTable,
  ParticipationSummary,
  WeakQuestionsTable,
} from './results-figures.view.tsx';
import { calibrationSentence } from './results-tables.ts';

const FORMAT_HINT =
  'Leave a blank line between paragraphs. Start a line with “- ” for a bulleted list, or “1. ” for a numbered one. Use **two asterisks** for bold.';

function Written(props: { text: string; empty: string }): JSX.Element {
  // The simple format escapes everything typed.
  const safeHtml = renderSimpleFormat(props.text);
  return props.text.trim() ? (
    <div class="govuk-body">{safeHtml}</div>
  ) : (
    <p class="govuk-body govuk-hint" safe>
      {props.empty}
    </p>
  );
}

export function reportBase(cycle: Pick<CycleInfo, 'id'>): string {
  return `/cycles/${cycle.id}/report`;
}

/** The layout of the report's own pages: title, back to the report, the audit's name and a heading. */
function ReportSubpage(props: {
  chrome: PageChrome;
  cycle: Pick<CycleInfo, 'id' | 'name'>;
  heading: string;
  errors?: FormErrors | undefined;
  banner?: string | undefined;
  children?: Children;
}): JSX.Element {
  const { cycle } = props;
  // Children are rendered elements, escaped where they were built.
  const safeChildren = props.children;
  return (
    <Layout
      title={`${props.heading} – ${cycle.name}`}
      {...props.chrome}
      errors={props.errors}
      beforeContent={<BackLink href={reportBase(cycle)} text="Back to the report" />}
    >
      {props.banner ? <NotificationBanner type="success" text={props.banner} /> : ''}
      <span class="govuk-caption-l" safe>
        {cycle.name}
      </span>
      <h1 class="govuk-heading-l" safe>
        {props.heading}
      </h1>
      {safeChildren}
    </Layout>
  );
}

function StatusLine(props: { report: FindingsReport }): JSX.Element {
  const r = props.report;
  return (
    <p class="govuk-body">
      <Tag
        text={r.status === 'final' ? 'Final' : 'Draft'}
        classes={r.status === 'final' ? 'govuk-tag--green' : 'govuk-tag--grey'}
      />{' '}
      {escapeHtml(reportStatusText(r))}
    </p>
  );
}

export function ReportPage(m: {
  chrome: PageChrome;
  cycle: CycleInfo;
  /** The partnership whose report it is. */
  partnershipName: string;
  report: FindingsReport;
  figures: ResultsFigures;
  quotes: Quote[];
  canEdit: boolean;
  done?: 'saved' | 'final' | 'quotes' | undefined;
}): JSX.Element {
  const { cycle, report, figures } = m;
  const base = reportBase(cycle);
  const draft = report.status === 'draft';
  return (
    <Layout
      title={`${cycle.name} – findings report`}
      {...m.chrome}
      beforeContent={<BackLink href={`/cycles/${cycle.id}/results`} text="Back to the results" />}
    >
      {m.done ? (
        <NotificationBanner
          type="success"
          text={
            m.done === 'final'
              ? 'The report is final'
              : m.done === 'quotes'
                ? 'The good practice quoted has been saved'
                : 'The report has been saved'
          }
        />
      ) : (
        ''
      )}
      <span class="govuk-caption-l" safe>
        {m.partnershipName}
      </span>
      <h1 class="govuk-heading-l" safe>
        {`Findings report: ${cycle.name}`}
      </h1>
      <StatusLine report={report} />
      {m.canEdit && draft ? (
        <ul class="govuk-list">
          <li>
            <a class="govuk-link" href={`${base}/edit`}>
              Edit the report
            </a>
          </li>
          <li>
            <a class="govuk-link" href={`${base}/good-practice`}>
              Choose good practice to quote
            </a>
          </li>
          <li>
            <a class="govuk-link" href={`${base}/finalise`}>
              Make the report final
            </a>
          </li>
        </ul>
      ) : (
        ''
      )}
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href={`/cycles/${cycle.id}/report.pdf`}>
            Download the report (PDF)
          </a>
        </li>
        <li>
          <a class="govuk-link" href={`/cycles/${cycle.id}/report.xlsx`}>
            Download the figures behind it (XLSX)
          </a>
        </li>
      </ul>

      <h2 class="govuk-heading-m">Summary</h2>
      <Written text={report.summary} empty="No summary written yet." />
      <h2 class="govuk-heading-m">How the audit was run</h2>
      <Written text={report.method} empty="Not written yet." />
      <h2 class="govuk-heading-m">Participation</h2>
      <Written text={report.participation} empty="Not written yet." />
      <ParticipationSummary participation={figures.participation} id="report-participation" />

      <h2 class="govuk-heading-m">Findings by theme</h2>
      <DistributionSection id="report-grades" title="Grades per theme" rows={figures.distribution} />
      {figures.distribution.map((d) => {
        const quotes = m.quotes.filter((q) => q.themeKey === d.themeKey);
        return (
          <>
            <h3 class="govuk-heading-s" safe>
              {`${d.themeNumber}. ${d.themeTitle}`}
            </h3>
            <p class="govuk-body-s" safe>
              {`Red ${d.red}, Amber ${d.amber}, Green ${d.green}, not rated ${d.notRated}.`}
            </p>
            <Written
              text={report.themeFindings[d.themeKey] ?? ''}
              empty="No findings written for this theme."
            />
            {quotes.length ? (
              <>
                <h4 class="govuk-heading-s">Good practice</h4>
                {quotes.map((q) => (
                  <blockquote class="app-quote">
                    <p class="govuk-body app-pre-wrap" safe>
                      {q.quote}
                    </p>
                    <p class="govuk-body-s" safe>
                      {`${q.agencyName} – ${QUOTED_FIELD_LABELS[q.field].toLowerCase()} on “${q.questionText}”`}
                    </p>
                  </blockquote>
                ))}
              </>
            ) : (
              ''
            )}
          </>
        );
      })}

      <h2 class="govuk-heading-m">Areas for improvement</h2>
      <Written text={report.improvements} empty="Not written yet." />
      <WeakQuestionsTable rows={figures.weakestQuestions} />
      <OverdueActionsTable rows={figures.overdueActions} />

      <h2 class="govuk-heading-m">Calibration</h2>
      <p class="govuk-body">
        How the agencies’ own grades compare with the partnership’s moderated grades. A high agreement rate
        suggests agencies judge themselves as the partnership does; over-grading suggests optimism.
      </p>
      <p class="govuk-body" safe>
        {calibrationSentence(figures.calibration)}
      </p>
      <CalibrationTable calibration={figures.calibration} />

      {figures.comparison ? (
        <>
          <h2 class="govuk-heading-m">Compared with the last audit</h2>
          <ComparisonTables comparison={figures.comparison} />
        </>
      ) : (
        ''
      )}

      <h2 class="govuk-heading-m">Recommendations</h2>
      <Written
        text={report.recommendations}
        empty="The partnership has not written its recommendations yet."
      />
    </Layout>
  );
}

export function ReportEditPage(m: {
  chrome: PageChrome;
  cycle: CycleInfo;
  text: ReportText;
  figures: ResultsFigures;
  earlier: EarlierCycle[];
  csrfToken: string;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const { cycle, text, errors } = m;
  const base = reportBase(cycle);
  const area = (
    name: keyof Omit<ReportText, 'themeFindings' | 'comparedCycleId'>,
    label: string,
    hint: string,
    rows = 8,
  ) => (
    <Textarea
      name={name}
      label={{ text: label, classes: 'govuk-label--m', isPageHeading: false }}
      hint={{ text: hint }}
      rows={rows}
      value={text[name]}
      errorMessage={fieldError(errors, name)}
    />
  );
  return (
    <ReportSubpage chrome={m.chrome} cycle={cycle} heading="Edit the findings report" errors={errors}>
      <p class="govuk-body">{escapeHtml(FORMAT_HINT)}</p>
      <form method="post" action={`${base}/edit`} novalidate>
        <input type="hidden" name="_csrf" value={m.csrfToken} />
        {area('summary', 'Summary', 'The main findings, for the partnership’s leaders.')}
        {area(
          'method',
          'How the audit was run',
          'When it ran, who took part, and how returns were challenged.',
        )}
        {area(
          'participation',
          'Participation',
          'The figures for participation are shown beside this text.',
          4,
        )}
        <h2 class="govuk-heading-m">Findings by theme</h2>
        {m.figures.distribution.map((d) => (
          <Textarea
            name={`theme-${d.themeKey}`}
            label={{ text: `${d.themeNumber}. ${d.themeTitle}`, classes: 'govuk-label--s' }}
            hint={{ text: `Red ${d.red}, Amber ${d.amber}, Green ${d.green}, not rated ${d.notRated}.` }}
            rows={4}
            value={text.themeFindings[d.themeKey] ?? ''}
            errorMessage={fieldError(errors, `theme-${d.themeKey}`)}
          />
        ))}
        {area('improvements', 'Areas for improvement', 'Where agencies most often fall short.')}
        {area(
          'recommendations',
          'Recommendations',
          'What the partnership recommends its leaders do. Needed before the report is made final.',
        )}
        {m.earlier.length ? (
          <Select
            name="comparedCycleId"
            label={{ text: 'Compare with', classes: 'govuk-label--m' }}
            value={text.comparedCycleId}
            errorMessage={fieldError(errors, 'comparedCycleId')}
            items={[
              { value: '', text: 'The most recent earlier audit' },
              ...m.earlier.map((c) => ({ value: c.id, text: `${c.name} (opened ${formatDate(c.opensAt)})` })),
            ]}
          />
        ) : (
          <input type="hidden" name="comparedCycleId" value="" />
        )}
        <Button text="Save the report" />
      </form>
    </ReportSubpage>
  );
}

export function GoodPracticePage(m: {
  chrome: PageChrome;
  cycle: CycleInfo;
  themes: Array<{ key: string; number: number; title: string }>;
  theme: { key: string; number: number; title: string };
  candidates: CandidateAnswer[];
  chosen: string[];
  csrfToken: string;
  done?: boolean;
}): JSX.Element {
  const { cycle, theme } = m;
  const base = reportBase(cycle);
  return (
    <ReportSubpage
      chrome={m.chrome}
      cycle={cycle}
      heading="Choose good practice to quote"
      banner={m.done ? `The quotes for ${theme.title} have been saved` : undefined}
    >
      <p class="govuk-body">
        Choose words from submitted returns to quote in the report, theme by theme. The words are kept as they
        are now, with the agency’s name.
      </p>
      <form method="get" action={`${base}/good-practice`} novalidate>
        <Select
          name="theme"
          label={{ text: 'Theme' }}
          value={theme.key}
          items={m.themes.map((t) => ({ value: t.key, text: `${t.number}. ${t.title}` }))}
        />
        <Button text="Show answers" classes="govuk-button--secondary" />
      </form>
      <h2 class="govuk-heading-m" safe>
        {`${theme.number}. ${theme.title}`}
      </h2>
      {m.candidates.length === 0 ? (
        <p class="govuk-body">No submitted return has comments, impact or evidence written for this theme.</p>
      ) : (
        <form method="post" action={`${base}/good-practice`} novalidate>
          <input type="hidden" name="_csrf" value={m.csrfToken} />
          <input type="hidden" name="theme" value={theme.key} />
          <Checkboxes
            name="quotes"
            idPrefix="quotes"
            fieldset={{ legend: { text: 'Words to quote', classes: 'govuk-fieldset__legend--s' } }}
            values={m.chosen}
            items={m.candidates.flatMap((c) =>
              c.texts.map((t) => ({
                value: `${c.answerId}:${t.field}`,
                text: `${c.agencyName}, question ${c.questionNumber} (${c.answerLabel || 'not answered'}) – ${QUOTED_FIELD_LABELS[t.field]}: ${t.text}`,
                hint: { text: c.questionText },
              })),
            )}
          />
          <Button text="Save the quotes for this theme" />
        </form>
      )}
    </ReportSubpage>
  );
}

export function FinalisePage(m: {
  chrome: PageChrome;
  cycle: CycleInfo;
  csrfToken: string;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const { cycle, errors } = m;
  const base = reportBase(cycle);
  const error = fieldError(errors, 'confirm');
  return (
    <ReportSubpage chrome={m.chrome} cycle={cycle} heading="Make the findings report final" errors={errors}>
      <p class="govuk-body">
        Once final, the report’s text and good practice can no longer be changed, and its figures are kept as
        they stand today, even if grades are moderated later.
      </p>
      {errors?.byField.summary ? (
        <p class="govuk-body" id="missing-summary">
          <a class="govuk-link" href={`${base}/edit#summary`}>
            Write the summary
          </a>
        </p>
      ) : (
        ''
      )}
      {errors?.byField.recommendations ? (
        <p class="govuk-body" id="missing-recommendations">
          <a class="govuk-link" href={`${base}/edit#recommendations`}>
            Write the recommendations
          </a>
        </p>
      ) : (
        ''
      )}
      <form method="post" action={`${base}/finalise`} novalidate>
        <input type="hidden" name="_csrf" value={m.csrfToken} />
        <Checkboxes
          name="confirm"
          idPrefix="confirm"
          errorMessage={error}
          items={[{ value: 'yes', text: 'The report is ready: make it final' }]}
        />
        <Button text="Make the report final" />
      </form>
    </ReportSubpage>
  );
}
