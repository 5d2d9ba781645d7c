/**
 * The pieces every table of a cycle's figures is built from: header and data cells, a grade in
 * words, and a plain table of figures. Every grade is written in words, so nothing depends on colour.
 */
import type { Rag } from '../../../db/schema.ts';
import { RAG_LABELS } from '../../../domain/rag.ts';
import type { Cell, PlainTable } from '../results-tables.ts';

/** A column header; a numeric one is right-aligned. */
export const th = (text: string, numeric = false) => (
  <th scope="col" class={`govuk-table__header${numeric ? ' govuk-table__header--numeric' : ''}`} safe>
    {text}
  </th>
);
/** A number's cell, right-aligned. */
export const num = (value: number | string) => (
  <td class="govuk-table__cell govuk-table__cell--numeric" safe>
    {String(value)}
  </td>
);
/** A text cell. */
export const cell = (text: string) => (
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
