/** The findings report as read, and the layout of its own pages (the forms are in findings-report-forms.view.tsx). */
import { type Children, escapeHtml } from '@kitajs/html';
import type { CycleInfo } from '../../domain/cycle-access.ts';
import type { FormErrors } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { NotificationBanner } from '../../views/govuk/notification-banner.tsx';
import { Tag } from '../../views/govuk/tag.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import { renderSimpleFormat } from '../guidance/simple-format.ts';
import { CalibrationTable, ComparisonTables, DistributionSection } from './figures/grades.view.tsx';
import { ParticipationSummary } from './figures/participation.view.tsx';
import { OverdueActionsTable, WeakQuestionsTable } from './figures/questions-actions.view.tsx';
import { QUOTED_FIELD_LABELS, type Quote } from './findings-report.repository.ts';
import { type FindingsReport, reportStatusText } from './findings-report.ts';
import type { ResultsFigures } from './results.ts';
import { calibrationSentence } from './results-tables.ts';

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
export function ReportSubpage(props: {
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
