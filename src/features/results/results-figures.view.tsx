/**
 * The figures of a cycle's results as GOV.UK tables, each chart with the same figures in a table
 * beside it. Shared by the results page and the findings report. Every grade is written in words, so
 * nothing depends on colour.
 */

import { escapeHtml } from '@kitajs/html';
import type { Rag } from '../../db/schema.ts';
import { RAG_LABELS } from '../../domain/rag.ts';
import { formatDate } from '../../lib/dates.ts';
import { TableScroll } from '../../views/table-scroll.tsx';
import { ACTION_STATUS_LABELS } from '../returns/return-records.ts';
import { type ChartBar, StackedBarChart } from './charts.tsx';
import {
  type Calibration,
  type Comparison,
  type Distribution,
  type GroupDistribution,
  gradeDifference,
  type HeatmapCell,
  type OverdueAction,
  type Participation,
  type ResultsFigures,
  type WeakQuestion,
} from './results.ts';
import type { GradeView } from './results-query.ts';
import {
  type Cell,
  calibrationTable,
  comparisonAgenciesTable,
  comparisonThemesTable,
  type PlainTable,
  participationLines,
  participationTable,
} from './results-tables.ts';

const th = (text: string, numeric = false) => (
  <th scope="col" class={`govuk-table__header${numeric ? ' govuk-table__header--numeric' : ''}`} safe>
    {text}
  </th>
);
const num = (value: number | string) => (
  <td class="govuk-table__cell govuk-table__cell--numeric" safe>
    {String(value)}
  </td>
);
const cell = (text: string) => (
  <td class="govuk-table__cell" safe>
    {text}
  </td>
);

export function RagLabel(props: { rating: Rag | null; none?: string }): JSX.Element {
  return props.rating ? (
    <span class={`app-rag app-heatmap__cell app-rag--${props.rating}`} safe>
      {RAG_LABELS[props.rating]}
    </span>
  ) : (
    <span class="app-rag app-heatmap__cell app-rag--none" safe>
      {props.none ?? 'Not rated'}
    </span>
  );
}

/**
 * A table of figures: the first cell of each row is its header; numbers (and percentages) are
 * right-aligned as GOV.UK numeric cells.
 */
export function FiguresTable(props: { caption: string; table: PlainTable }): JSX.Element {
  const numeric = (c: Cell) => typeof c === 'number' || (typeof c === 'string' && /^\d+(\.\d+)?%?$/.test(c));
  const numericColumn = props.table.headers.map(
    (_, i) => i > 0 && props.table.rows.length > 0 && props.table.rows.every((r) => numeric(r[i] ?? null)),
  );
  return (
    <table class="govuk-table govuk-table--small-text-until-tablet">
      <caption class="govuk-table__caption govuk-table__caption--s" safe>
        {props.caption}
      </caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">{props.table.headers.map((h, i) => th(h, numericColumn[i]))}</tr>
      </thead>
      <tbody class="govuk-table__body">
        {props.table.rows.map((row) => (
          <tr class="govuk-table__row">
            <th scope="row" class="govuk-table__header govuk-!-font-weight-regular" safe>
              {String(row[0] ?? '')}
            </th>
            {row
              .slice(1)
              .map((c, i) => (numericColumn[i + 1] ? num(c ?? '') : cell(c === null ? '' : String(c))))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

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

export function participationBars(p: Participation): ChartBar[] {
  return [
    { label: 'Submitted on time', segments: [{ label: '', value: p.onTime, tone: 'green' }] },
    { label: 'Submitted late', segments: [{ label: '', value: p.submittedLate, tone: 'amber' }] },
    { label: 'Not submitted by deadline', segments: [{ label: '', value: p.overdue, tone: 'red' }] },
    { label: 'Not yet due', segments: [{ label: '', value: p.notYetDue, tone: 'grey' }] },
  ];
}

export function ParticipationSummary(props: { participation: Participation; id: string }): JSX.Element {
  const p = props.participation;
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-one-half">
        <StackedBarChart id={props.id} title="Participation" bars={participationBars(p)} legend={false} />
      </div>
      <div class="govuk-grid-column-one-half">
        <table class="govuk-table govuk-table--small-text-until-tablet">
          <caption class="govuk-table__caption govuk-table__caption--s">Participation</caption>
          <tbody class="govuk-table__body">
            {participationLines(p).map(([label, value]) => (
              <tr class="govuk-table__row">
                <th scope="row" class="govuk-table__header govuk-!-font-weight-regular" safe>
                  {label}
                </th>
                {num(value)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function ParticipationTable(props: { participation: Participation }): JSX.Element {
  return <FiguresTable caption="Each agency’s return" table={participationTable(props.participation)} />;
}

export function WeakQuestionsTable(props: { rows: WeakQuestion[] }): JSX.Element {
  if (props.rows.length === 0)
    return <p class="govuk-body">No submitted return answered a question Not met, Partly met or No.</p>;
  return (
    <table class="govuk-table govuk-table--small-text-until-tablet">
      <caption class="govuk-table__caption govuk-table__caption--s">
        Questions most often answered Not met, Partly met or No
      </caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          {th('Question')}
          {th('Not met', true)}
          {th('Partly met', true)}
          {th('No', true)}
          {th('Answered', true)}
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {props.rows.map((q) => (
          <tr class="govuk-table__row">
            <th scope="row" class="govuk-table__header govuk-!-font-weight-regular">
              <span
                class="govuk-caption-s govuk-!-display-block"
                safe
              >{`Theme ${q.themeNumber}. ${q.themeTitle}, question ${q.questionNumber}`}</span>
              {escapeHtml(q.questionText)}
            </th>
            {num(q.notMet)}
            {num(q.partlyMet)}
            {num(q.no)}
            {num(q.answered)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function OverdueActionsTable(props: { rows: OverdueAction[]; linkReturns?: boolean }): JSX.Element {
  if (props.rows.length === 0) return <p class="govuk-body">No action is past its target date.</p>;
  return (
    <table class="govuk-table govuk-table--small-text-until-tablet">
      <caption class="govuk-table__caption govuk-table__caption--s" safe>
        {`${props.rows.length} overdue ${props.rows.length === 1 ? 'action' : 'actions'}`}
      </caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          {th('Agency')}
          {th('Action')}
          {th('Lead')}
          {th('Target date')}
          {th('Status')}
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {props.rows.map((a) => (
          <tr class="govuk-table__row">
            <th scope="row" class="govuk-table__header govuk-!-font-weight-regular">
              {props.linkReturns ? (
                <a class="govuk-link" href={`/returns/${a.returnId}/actions`} safe>
                  {a.agencyName}
                </a>
              ) : (
                escapeHtml(a.agencyName)
              )}
            </th>
            <td class="govuk-table__cell">
              <span class="govuk-caption-s govuk-!-display-block" safe>
                {a.themeTitle}
              </span>
              {escapeHtml(a.description)}
            </td>
            {cell(a.leadPerson || 'Not given')}
            {cell(formatDate(a.targetDate))}
            {cell(ACTION_STATUS_LABELS[a.status])}
          </tr>
        ))}
      </tbody>
    </table>
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

export function ComparisonTables(props: { comparison: Comparison }): JSX.Element {
  const c = props.comparison;
  return (
    <>
      <p class="govuk-body" safe>
        {`Compared with ${c.cycleName}. The mean grade counts Red as 1, Amber as 2 and Green as 3; themes are matched by their key, agencies by who they are.`}
      </p>
      <FiguresTable caption={`By theme, against ${c.cycleName}`} table={comparisonThemesTable(c)} />
      {c.agencies.length === 0 ? (
        <p class="govuk-body">No agency has grades on the same themes in both audits.</p>
      ) : (
        <FiguresTable caption={`By agency, against ${c.cycleName}`} table={comparisonAgenciesTable(c)} />
      )}
    </>
  );
}
