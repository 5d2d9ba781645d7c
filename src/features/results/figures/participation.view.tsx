/** Which agencies submitted, and when: a chart with the same figures beside it, and each agency's return. */
import { type ChartBar, StackedBarChart } from '../charts.tsx';
import type { Participation } from '../results.ts';
import { participationLines, participationTable } from '../results-tables.ts';
import { FiguresTable, num } from './figure-table.view.tsx';

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
