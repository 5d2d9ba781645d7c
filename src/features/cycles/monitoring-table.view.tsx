/** The monitoring page's table of returns by agency, sortable, with the reminder form's boxes. */

import { escapeHtml } from '@kitajs/html';
import type { CycleInfo } from '../../domain/cycle-access.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { Button } from '../../views/govuk/button.tsx';
import { Tag } from '../../views/govuk/tag.tsx';
import { type PageParts, partsAround } from '../../views/page-parts.ts';
import { toHtml } from '../../views/render.ts';
import { TableScroll } from '../../views/table-scroll.tsx';
import { SECTOR_LABELS } from '../agencies/sectors.ts';
import {
  MONITORING_STATUS_LABELS,
  MONITORING_STATUS_TAGS,
  type MonitoringQuery,
  type MonitoringRow,
  type SortKey,
} from './monitoring.ts';

/** Returns the partnership reviews: submitted or later. */
const REVIEWABLE = new Set(['submitted', 'returned', 'resubmitted', 'accepted']);

export function queryString(
  query: Partial<MonitoringQuery>,
  overrides: Partial<MonitoringQuery> = {},
  /** A page of the table after the first; none for links that start it again (filters, sorting). */
  page = 1,
): string {
  const merged = Object.assign({}, query, overrides);
  const params = new URLSearchParams();
  for (const key of ['locality', 'sector', 'status', 'sort', 'direction'] as const) {
    const value = merged[key];
    if (value && !(key === 'sort' && value === 'agency') && !(key === 'direction' && value === 'asc'))
      params.set(key, value);
  }
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

const COLUMNS: Array<{ key: SortKey; label: string }> = [
  { key: 'agency', label: 'Agency' },
  { key: 'sector', label: 'Sector' },
  { key: 'status', label: 'Status' },
  { key: 'progress', label: 'Progress' },
  { key: 'activity', label: 'Last activity' },
  { key: 'lead', label: 'Lead contact' },
  { key: 'deadline', label: 'Deadline' },
];

function SortableHeader(props: { base: string; query: MonitoringQuery; column: (typeof COLUMNS)[number] }) {
  const { query, column } = props;
  const active = query.sort === column.key;
  const next = active && query.direction === 'asc' ? 'desc' : 'asc';
  const ariaSort = active ? (query.direction === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <th scope="col" class="govuk-table__header" aria-sort={ariaSort}>
      <a
        class="govuk-link app-sort-link"
        href={`${props.base}${queryString(query, { sort: column.key, direction: next })}`}
      >
        {escapeHtml(column.label)}
        <span class="govuk-visually-hidden" safe>
          {`${active ? `, sorted ${query.direction === 'asc' ? 'ascending' : 'descending'}` : ''}, select to sort ${next === 'asc' ? 'ascending' : 'descending'}`}
        </span>
      </a>
    </th>
  );
}

export interface ReturnsTableModel {
  cycle: CycleInfo;
  base: string;
  query: MonitoringQuery;
  rows: MonitoringRow[];
  /** The page of the table shown: a refused form comes back on it, with the same filters and sort. */
  page: number;
  canManage: boolean;
  /** The agencies ticked for a reminder, when the form is shown again. */
  chosen?: string[] | undefined;
  csrfToken?: string | undefined;
}

/** One agency's row: its return's progress, lead and deadline (and, for admins, a box to tick). */
function ReturnRow({ m, r, i }: { m: ReturnsTableModel; r: MonitoringRow; i: number }): JSX.Element {
  const { cycle, base } = m;
  return (
    <tr class="govuk-table__row">
      {m.canManage ? (
        <td class="govuk-table__cell">
          {r.status !== 'submitted' && r.status !== 'accepted' ? (
            <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
              <div class="govuk-checkboxes__item">
                <input
                  class="govuk-checkboxes__input"
                  id={`remind-${i + 1}`}
                  name="returnIds"
                  type="checkbox"
                  value={r.returnId}
                  checked={m.chosen?.includes(r.returnId) ?? false}
                />
                <label class="govuk-label govuk-checkboxes__label" for={`remind-${i + 1}`}>
                  <span class="govuk-visually-hidden" safe>{`Remind ${r.agencyName}`}</span>
                </label>
              </div>
            </div>
          ) : (
            ''
          )}
        </td>
      ) : (
        ''
      )}
      <th scope="row" class="govuk-table__header">
        <a class="govuk-link" href={`/returns/${r.returnId}`} safe>
          {r.agencyName}
        </a>
        <span class="govuk-body-s govuk-!-display-block govuk-!-font-weight-regular" safe>
          {r.localityNames.join(', ')}
        </span>
      </th>
      <td class="govuk-table__cell govuk-body-s" safe>
        {`${SECTOR_LABELS[r.sector]}${r.statutory ? '' : ' (voluntary)'}`}
      </td>
      <td class="govuk-table__cell">
        <Tag text={MONITORING_STATUS_LABELS[r.status]} classes={MONITORING_STATUS_TAGS[r.status]} />
        {REVIEWABLE.has(r.returnStatus) ? (
          <a class="govuk-link govuk-!-display-block govuk-body-s" href={`/returns/${r.returnId}/review`}>
            Review
            <span class="govuk-visually-hidden" safe>{` the return of ${r.agencyName}`}</span>
          </a>
        ) : (
          ''
        )}
      </td>
      <td class="govuk-table__cell govuk-body-s" safe>
        {`${r.completedThemes} of ${r.totalThemes} themes (${r.percentComplete}%)`}
      </td>
      <td class="govuk-table__cell govuk-body-s">
        {escapeHtml(r.lastActivityAt ? formatDateTime(r.lastActivityAt) : 'None')}
      </td>
      <td class="govuk-table__cell govuk-body-s">
        {r.leadName ? escapeHtml(r.leadName) : 'No lead'}
        {r.leadEmail ? (
          <span class="govuk-!-display-block app-break-word" safe>
            {r.leadEmail}
          </span>
        ) : (
          ''
        )}
      </td>
      <td class="govuk-table__cell govuk-body-s">
        {escapeHtml(formatDateTime(r.deadline))}
        {r.deadline > cycle.closesAt ? (
          <span class="govuk-!-display-block">(extended for this agency)</span>
        ) : (
          ''
        )}
        {m.canManage && r.status !== 'submitted' && r.status !== 'accepted' ? (
          <a class="govuk-link govuk-!-display-block" href={`${base}/returns/${r.returnId}/extension`}>
            Give more time
            <span class="govuk-visually-hidden" safe>{` to ${r.agencyName}`}</span>
          </a>
        ) : (
          ''
        )}
      </td>
    </tr>
  );
}

/**
 * The returns shown, in a form sending reminders to the agencies ticked (admins only tick): in parts
 * (src/views/page-parts.ts), a row a part, as a page of 100 agencies is about 160 KB.
 */
export function returnsTableParts(m: ReturnsTableModel): PageParts {
  const { base, query } = m;
  return partsAround(
    (safeSlot) => (
      <form method="post" action={`${base}/reminders${queryString(query, {}, m.page)}`} novalidate>
        {m.canManage ? <input type="hidden" name="_csrf" value={m.csrfToken ?? ''} /> : ''}
        <TableScroll label="Returns by agency">
          <table class="govuk-table app-table--monitoring">
            <caption class="govuk-table__caption govuk-table__caption--m">Returns by agency</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                {m.canManage ? (
                  <th scope="col" class="govuk-table__header">
                    Remind
                  </th>
                ) : (
                  ''
                )}
                {COLUMNS.map((column) => (
                  <SortableHeader base={base} query={query} column={column} />
                ))}
              </tr>
            </thead>
            <tbody class="govuk-table__body">{safeSlot}</tbody>
          </table>
        </TableScroll>
        {m.canManage
          ? // Agencies ticked on another page of the table stay ticked when the form comes back.
            (m.chosen ?? [])
              .filter((id) => !m.rows.some((r) => r.returnId === id))
              .map((id) => <input type="hidden" name="returnIds" value={id} />)
          : ''}
        {m.canManage ? (
          <Button text="Send a reminder to the selected agencies" classes="govuk-button--secondary" />
        ) : (
          ''
        )}
      </form>
    ),
    m.rows.map((r, i) => toHtml(<ReturnRow m={m} r={r} i={i} />)),
  );
}
