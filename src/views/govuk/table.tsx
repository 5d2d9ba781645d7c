import { escapeHtml } from '@kitajs/html';
import { type Attributes, classNames, renderAttributes } from './attributes.ts';

export interface TableCell {
  text?: string | number;
  /** Trusted HTML (never user input); takes precedence over `text`. */
  html?: string;
  /** Currently only "numeric". */
  format?: string;
  classes?: string;
  colspan?: number;
  rowspan?: number;
  attributes?: Attributes;
}

export interface TableOptions {
  /** Body rows; falsy rows are skipped. */
  rows: Array<TableCell[] | null | undefined | false>;
  head?: TableCell[];
  caption?: string;
  captionClasses?: string;
  /** Render the first cell of each row as a row header (`<th scope="row">`). */
  firstCellIsHeader?: boolean;
  classes?: string;
  attributes?: Attributes;
}

function BodyCell({ cell, isHeader }: { cell: TableCell; isHeader: boolean }): JSX.Element {
  const { text, html, format, classes, colspan, rowspan, attributes } = cell;
  if (isHeader) {
    return (
      <th
        scope="row"
        class={classNames('govuk-table__header', classes)}
        colspan={colspan || undefined}
        rowspan={rowspan || undefined}
        attrs={renderAttributes(attributes)}
      >
        {html ? html : escapeHtml(text ?? '')}
      </th>
    );
  }
  return (
    <td
      class={classNames('govuk-table__cell', format && `govuk-table__cell--${format}`, classes)}
      colspan={colspan || undefined}
      rowspan={rowspan || undefined}
      attrs={renderAttributes(attributes)}
    >
      {html ? html : escapeHtml(text ?? '')}
    </td>
  );
}

export function Table({
  rows,
  head,
  caption,
  captionClasses,
  firstCellIsHeader,
  classes,
  attributes,
}: TableOptions): JSX.Element {
  return (
    <table class={classNames('govuk-table', classes)} attrs={renderAttributes(attributes)}>
      {caption ? (
        <caption class={classNames('govuk-table__caption', captionClasses)}>{escapeHtml(caption)}</caption>
      ) : (
        ''
      )}
      {head ? (
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            {head.map((item) => (
              <th
                scope="col"
                class={classNames(
                  'govuk-table__header',
                  item.format && `govuk-table__header--${item.format}`,
                  item.classes,
                )}
                colspan={item.colspan || undefined}
                rowspan={item.rowspan || undefined}
                attrs={renderAttributes(item.attributes)}
              >
                {item.html ? item.html : escapeHtml(item.text ?? '')}
              </th>
            ))}
          </tr>
        </thead>
      ) : (
        ''
      )}
      <tbody class="govuk-table__body">
        {rows.map((row) =>
          row ? (
            <tr class="govuk-table__row">
              {row.map((cell, index) => (
                <BodyCell cell={cell} isHeader={index === 0 && Boolean(firstCellIsHeader)} />
              ))}
            </tr>
          ) : (
            ''
          ),
        )}
      </tbody>
    </table>
  );
}
