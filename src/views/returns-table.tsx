/**
 * A table of returns, a row each: the first column links to the return, the last is its status tag,
 * and the columns between are text. The home page shows one per audit; an agency's list of its
 * returns is one.
 */
import type { ReturnStatus } from '../db/schema.ts';
import { Tag, type TagOptions } from './govuk/tag.tsx';
import { RETURN_STATUS_TAGS } from './return-status.ts';

export interface ReturnsTableModel<R> {
  caption: string;
  captionClasses: string;
  rows: R[];
  /** The first column: the link to the return, and anything shown beneath it. */
  link: { header: string; href: (r: R) => string; text: (r: R) => string; beneath?: (r: R) => JSX.Element };
  /** The columns between the link and the status. */
  columns: Array<{ header: string; text: (r: R) => string }>;
  /** Another tag than the status's for some rows (undefined: the status's). */
  tag?: (r: R) => TagOptions | undefined;
}

export function ReturnsTable<R extends { status: ReturnStatus }>(m: ReturnsTableModel<R>): JSX.Element {
  const headers = [m.link.header, ...m.columns.map((c) => c.header), 'Status'];
  return (
    <table class="govuk-table">
      <caption class={`govuk-table__caption ${m.captionClasses}`} safe>
        {m.caption}
      </caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          {headers.map((header) => (
            <th scope="col" class="govuk-table__header" safe>
              {header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {m.rows.map((r) => (
          <tr class="govuk-table__row">
            <td class="govuk-table__cell">
              <a class="govuk-link" href={m.link.href(r)} safe>
                {m.link.text(r)}
              </a>
              {m.link.beneath ? m.link.beneath(r) : ''}
            </td>
            {m.columns.map((c) => (
              <td class="govuk-table__cell" safe>
                {c.text(r)}
              </td>
            ))}
            <td class="govuk-table__cell">
              <Tag {...(m.tag?.(r) ?? RETURN_STATUS_TAGS[r.status])} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
