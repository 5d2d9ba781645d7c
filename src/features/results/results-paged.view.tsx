/**
 * The results page's tables with a row per agency, a page at a time (issue 21: at 1,000 agencies
 * they were most of 1.8 MB of HTML). Each table pages on its own (`heatmap-page`,
 * `participation-page`, `actions-page`, `comparison-page` in the address), its links keeping the filters, the
 * grades shown and the other tables' pages; the figures above them and the downloads stay whole.
 */
import { escapeHtml } from '@kitajs/html';
import { type PageOf, pageOf } from '../../lib/paging.ts';
import { PageLinks } from '../../views/page-links.tsx';
import { FiguresTable } from './figures/figure-table.view.tsx';
import { ComparisonByTheme, HeatmapTable } from './figures/grades.view.tsx';
import { ParticipationTable } from './figures/participation.view.tsx';
import { OverdueActionsTable } from './figures/questions-actions.view.tsx';
import type { Comparison, OverdueAction, ResultsFigures } from './results.ts';
import { type GradeView, type ResultsQuery, resultsQueryString } from './results-query.ts';
import { comparisonAgenciesTable } from './results-tables.ts';

/** Agencies (or overdue actions) a page of each of these tables shows. */
export const RESULTS_PAGE_SIZE = 50;

export const PAGED_TABLES = ['heatmap', 'participation', 'actions', 'comparison'] as const;
export type PagedTable = (typeof PAGED_TABLES)[number];
/** The page asked for of each table (1 when not asked). */
export type TablePages = Record<PagedTable, number>;

/** The address of page `n` of `table`, keeping the filters and the other tables' pages; at the table. */
export function tablePageHref(
  base: string,
  query: ResultsQuery,
  pages: TablePages,
  table: PagedTable,
  n: number,
): string {
  const params = new URLSearchParams(resultsQueryString(query).slice(1));
  for (const t of PAGED_TABLES) {
    const page = t === table ? n : pages[t];
    if (page > 1) params.set(`${t}-page`, String(page));
  }
  const text = params.toString();
  return `${base}${text ? `?${text}` : ''}#${table}`;
}

const formatNumber = (n: number) => n.toLocaleString('en-GB');

/** "Agencies 51 to 100 of 1,000, 50 a page. …", when there is more than a page. */
function PageSummary(props: { page: PageOf<unknown>; of?: 'agencies' | 'actions' }): JSX.Element {
  const { page } = props;
  if (page.pageCount <= 1) return '';
  const [plural, one] = props.of === 'actions' ? ['Actions', 'action'] : ['Agencies', 'agency'];
  return (
    <p class="govuk-body" safe>
      {`${plural} ${formatNumber(page.from)} to ${formatNumber(page.to)} of ${formatNumber(page.total)}, ${RESULTS_PAGE_SIZE} a page. The spreadsheet download has every ${one}.`}
    </p>
  );
}

interface PagedProps {
  base: string;
  query: ResultsQuery;
  pages: TablePages;
}

function Links(props: PagedProps & { table: PagedTable; page: PageOf<unknown>; label: string }): JSX.Element {
  return (
    <PageLinks
      page={props.page.page}
      pageCount={props.page.pageCount}
      href={(n) => tablePageHref(props.base, props.query, props.pages, props.table, n)}
      landmarkLabel={props.label}
    />
  );
}

/** The agencies × themes table, a page of agencies at a time. */
export function PagedHeatmap(
  props: PagedProps & {
    figures: Pick<ResultsFigures, 'themes' | 'heatmap'>;
    view: GradeView;
    caption: string;
  },
): JSX.Element {
  const page = pageOf(props.figures.heatmap, props.pages.heatmap, RESULTS_PAGE_SIZE);
  return (
    <>
      <PageSummary page={page} />
      <HeatmapTable
        figures={{ themes: props.figures.themes, heatmap: page.items }}
        view={props.view}
        caption={props.caption}
        linkReturns
      />
      <Links {...props} table="heatmap" page={page} label="Agencies and themes pages" />
    </>
  );
}

/** Each agency's deadline and submission, folded away unless a later page was asked for. */
export function PagedParticipation(
  props: PagedProps & { participation: ResultsFigures['participation'] },
): JSX.Element {
  const page = pageOf(props.participation.agencies, props.pages.participation, RESULTS_PAGE_SIZE);
  return (
    <details class="govuk-details" open={page.page > 1}>
      <summary class="govuk-details__summary">
        <span class="govuk-details__summary-text">Each agency’s deadline and submission</span>
      </summary>
      <div class="govuk-details__text">
        <PageSummary page={page} />
        <ParticipationTable participation={{ ...props.participation, agencies: page.items }} />
        <Links {...props} table="participation" page={page} label="Each agency’s return pages" />
      </div>
    </details>
  );
}

/** Overdue actions, oldest target date first, a page at a time. */
export function PagedOverdueActions(props: PagedProps & { actions: OverdueAction[] }): JSX.Element {
  const page = pageOf(props.actions, props.pages.actions, RESULTS_PAGE_SIZE);
  return (
    <>
      <PageSummary page={page} of="actions" />
      <OverdueActionsTable rows={page.items} total={page.total} linkReturns />
      <Links {...props} table="actions" page={page} label="Overdue actions pages" />
    </>
  );
}

/** The comparison with an earlier audit: by theme whole, by agency a page at a time. */
export function PagedComparison(props: PagedProps & { comparison: Comparison }): JSX.Element {
  const c = props.comparison;
  const page = pageOf(c.agencies, props.pages.comparison, RESULTS_PAGE_SIZE);
  return (
    <>
      <ComparisonByTheme comparison={c} />
      {c.agencies.length === 0 ? (
        <p class="govuk-body">{escapeHtml('No agency has grades on the same themes in both audits.')}</p>
      ) : (
        <>
          <PageSummary page={page} />
          <FiguresTable
            caption={`By agency, against ${c.cycleName}`}
            table={comparisonAgenciesTable({ ...c, agencies: page.items })}
          />
          <Links {...props} table="comparison" page={page} label="Compared by agency pages" />
        </>
      )}
    </>
  );
}
