/** Where agencies fall short: the questions most often not met, and the actions past their target date. */
import { escapeHtml } from '@kitajs/html';
import { formatDate } from '../../../lib/dates.ts';
import { ACTION_STATUS_LABELS } from '../../returns/return-records.ts';
import type { OverdueAction, WeakQuestion } from '../results.ts';
import { cell, num, th } from './figure-table.view.tsx';

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

/** Overdue actions: `rows` (a page of them, when `total` counts them all). */
export function OverdueActionsTable(props: {
  rows: OverdueAction[];
  total?: number;
  linkReturns?: boolean;
}): JSX.Element {
  const total = props.total ?? props.rows.length;
  if (total === 0) return <p class="govuk-body">No action is past its target date.</p>;
  return (
    <table class="govuk-table govuk-table--small-text-until-tablet">
      <caption class="govuk-table__caption govuk-table__caption--s" safe>
        {`${total} overdue ${total === 1 ? 'action' : 'actions'}`}
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
