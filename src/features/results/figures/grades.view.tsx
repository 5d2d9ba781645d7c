/**
 * The grades of a cycle's returns: per theme (a chart with the same figures in a table beside it),
 * per locality or sector, agency by theme (the heatmap), self-assessed against moderated, and
 * against an earlier audit. Shared by the results page and the findings report.
 */
import { escapeHtml } from '@kitajs/html';
import { RAG_LABELS } from '../../../domain/rag.ts';
import { TableScroll } from '../../../views/table-scroll.tsx';
import { type ChartBar, StackedBarChart } from '../charts.tsx';
import {
  type Calibration,
  type Comparison,
  type Distribution,
  type GroupDistribution,
  gradeDifference,
  type HeatmapCell,
  type ResultsFigures,
} from '../results.ts';
import type { GradeView } from '../results-query.ts';
import { calibrationTable, comparisonAgenciesTable, comparisonThemesTable } from '../results-tables.ts';
import { FiguresTable, num, RagLabel, th } from './figure-table.view.tsx';

export function distributionBars(rows: Distribution[]): ChartBar[] {
  return rows.map((d) => ({
    label: `${d.themeNumber}. ${d.themeTitle}`,
    segments: [
      { label: 'Red', value: d.red, tone: 'red' as const },
      { label: 'Amber', value: d.amber, tone: 'amber' as const },
      { label: 'Green', value: d.green, tone: 'green' as const },
      { label: 'not rated', value: d.notRated, tone: 'grey' as const },
    ],
  }));
}

export function DistributionTable(props: {
  caption: string;
  rows: Distribution[];
  small?: boolean;
}): JSX.Element {
  return (
    <table class={`govuk-table${props.small ? ' govuk-table--small-text-until-tablet' : ''}`}>
      <caption class="govuk-table__caption govuk-table__caption--s" safe>
        {props.caption}
      </caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          {th('Theme')}
          {th('Red', true)}
          {th('Amber', true)}
          {th('Green', true)}
          {th('Not rated', true)}
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {props.rows.map((d) => (
          <tr class="govuk-table__row">
            <th scope="row" class="govuk-table__header govuk-!-font-weight-regular" safe>
              {`${d.themeNumber}. ${d.themeTitle}`}
            </th>
            {num(d.red)}
            {num(d.amber)}
            {num(d.green)}
            {num(d.notRated)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The distribution of grades per theme: a chart with the same figures in a table beside it. */
export function DistributionSection(props: { id: string; title: string; rows: Distribution[] }): JSX.Element {
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-one-half">
        <StackedBarChart id={props.id} title={props.title} bars={distributionBars(props.rows)} />
      </div>
      <div class="govuk-grid-column-one-half">
        <DistributionTable caption={props.title} rows={props.rows} small />
      </div>
    </div>
  );
}

/** One table per locality or sector, each in a details component. */
export function GroupDistributions(props: { groups: GroupDistribution[]; noun: string }): JSX.Element {
  if (props.groups.length === 0) return <p class="govuk-body">No agencies match these filters.</p>;
  return (
    <>
      {props.groups.map((g) => (
        <details class="govuk-details">
          <summary class="govuk-details__summary">
            <span class="govuk-details__summary-text" safe>
              {`${g.name} (${g.agencies} ${g.agencies === 1 ? 'agency' : 'agencies'})`}
            </span>
          </summary>
          <div class="govuk-details__text">
            <DistributionTable caption={`Grades per theme: ${props.noun} ${g.name}`} rows={g.themes} small />
          </div>
        </details>
      ))}
    </>
  );
}

function HeatmapValue(props: { cell: HeatmapCell; view: GradeView }): JSX.Element {
  const { cell: c, view } = props;
  if (!c.applies) return <span class="app-heatmap__cell app-rag--none">Does not apply</span>;
  if (view === 'self') return <RagLabel rating={c.self} />;
  if (view === 'moderated') return <RagLabel rating={c.moderated} none="Not moderated" />;
  const diff = gradeDifference(c);
  if (diff === null)
    return (
      <span class="app-rag app-heatmap__cell app-rag--none" safe>
        {`Not moderated${c.self ? ` (self: ${RAG_LABELS[c.self]})` : ''}`}
      </span>
    );
  const from = RAG_LABELS[c.self!];
  const to = RAG_LABELS[c.moderated!];
  const text =
    diff === 0 ? `Same: ${to}` : `${diff > 0 ? 'Higher' : 'Lower'} by ${Math.abs(diff)}: ${from} to ${to}`;
  return (
    <span
      class={`app-rag app-heatmap__cell app-diff--${diff === 0 ? 'same' : diff > 0 ? 'up' : 'down'}`}
      safe
    >
      {text}
    </span>
  );
}

/** Agencies × themes: each cell says its grade in words (colour only repeats it). */
export function HeatmapTable(props: {
  figures: Pick<ResultsFigures, 'themes' | 'heatmap'>;
  view: GradeView;
  caption: string;
  /** Links each agency to its return. */
  linkReturns?: boolean;
}): JSX.Element {
  const { figures } = props;
  if (figures.heatmap.length === 0)
    return <p class="govuk-body">No agency within these filters has submitted its return yet.</p>;
  return (
    <TableScroll label={props.caption}>
      <table class="govuk-table govuk-table--small-text-until-tablet app-heatmap">
        <caption class="govuk-table__caption govuk-table__caption--s" safe>
          {props.caption}
        </caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            {th('Agency')}
            {figures.themes.map((t) => th(`${t.number}. ${t.title}`))}
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {figures.heatmap.map((row) => (
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header">
                {props.linkReturns ? (
                  <a class="govuk-link" href={`/returns/${row.returnId}`} safe>
                    {row.agencyName}
                  </a>
                ) : (
                  escapeHtml(row.agencyName)
                )}
              </th>
              {row.cells.map((c) => (
                <td class="govuk-table__cell">
                  <HeatmapValue cell={c} view={props.view} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function CalibrationTable(props: { calibration: Calibration }): JSX.Element {
  return (
    <FiguresTable
      caption="Self-assessed against moderated grades"
      table={calibrationTable(props.calibration)}
    />
  );
}

/** What the comparison counts, and its table by theme (whole, on the results page and in the report). */
export function ComparisonByTheme(props: { comparison: Comparison }): JSX.Element {
  const c = props.comparison;
  return (
    <>
      <p class="govuk-body" safe>
        {`Compared with ${c.cycleName}. The mean grade counts Red as 1, Amber as 2 and Green as 3; themes are matched by their key, agencies by who they are.`}
      </p>
      <FiguresTable caption={`By theme, against ${c.cycleName}`} table={comparisonThemesTable(c)} />
    </>
  );
}

export function ComparisonTables(props: { comparison: Comparison }): JSX.Element {
  const c = props.comparison;
  return (
    <>
      <ComparisonByTheme comparison={c} />
      {c.agencies.length === 0 ? (
        <p class="govuk-body">No agency has grades on the same themes in both audits.</p>
      ) : (
        <FiguresTable caption={`By agency, against ${c.cycleName}`} table={comparisonAgenciesTable(c)} />
      )}
    </>
  );
}
