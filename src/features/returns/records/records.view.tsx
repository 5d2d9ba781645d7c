/** The return's copy and its score summary. */

import { BackLink } from '../../../views/govuk/back-link.tsx';
import { SummaryList } from '../../../views/govuk/summary-list.tsx';
import { Table, type TableCell } from '../../../views/govuk/table.tsx';
import { Layout, type PageChrome } from '../../../views/layout.tsx';
import { RagTag } from '../../../views/rag-tag.tsx';
import { toHtml } from '../../../views/render.ts';
import { TableScroll } from '../../../views/table-scroll.tsx';
import { ActionTable } from '../actions/actions.view.tsx';
import { answerRows } from '../check/check.view.tsx';
import { Heading, StatusLine } from '../record-heading.tsx';
import { completedBy, signedOffBy } from '../return-presenters.ts';
import { percentText, type ReturnRecord, type ScoreSummary, scoredCount } from '../return-records.ts';

function ScoreTable(props: { scores: ScoreSummary; caption: string }): JSX.Element {
  const { scores } = props;
  const n = (v: number): TableCell => ({ text: v, format: 'numeric' });
  return (
    <TableScroll label={props.caption}>
      <Table
        caption={props.caption}
        captionClasses="govuk-table__caption--m"
        firstCellIsHeader
        classes="app-table--scores"
        head={[
          { text: 'Theme' },
          { text: 'Scored questions', format: 'numeric' },
          { text: 'Met', format: 'numeric' },
          { text: 'Partly met', format: 'numeric' },
          { text: 'Not met', format: 'numeric' },
          { text: 'N/A', format: 'numeric' },
          { text: 'Unanswered', format: 'numeric' },
          { text: 'Met (of applicable)', format: 'numeric' },
          { text: 'Rating' },
        ]}
        rows={[
          ...scores.rows.map((row) => [
            { text: `${row.theme.number}. ${row.theme.title}` },
            n(scoredCount(row.score)),
            n(row.score.met),
            n(row.score.partlyMet),
            n(row.score.notMet),
            n(row.score.na),
            n(row.score.unanswered),
            { text: percentText(row.score), format: 'numeric' },
            {
              html: `${toHtml(<RagTag rating={row.rating} />)}${row.defaulted ? '<span class="govuk-body-s govuk-!-display-block govuk-!-margin-top-1">Defaulted at submission</span>' : ''}`,
            },
          ]),
          [
            { text: 'All themes', classes: 'govuk-!-font-weight-bold' },
            n(scoredCount(scores.total)),
            n(scores.total.met),
            n(scores.total.partlyMet),
            n(scores.total.notMet),
            n(scores.total.na),
            n(scores.total.unanswered),
            { text: percentText(scores.total), format: 'numeric' },
            {
              text: `${scores.ratingCounts.green} Green, ${scores.ratingCounts.amber} Amber, ${scores.ratingCounts.red} Red`,
            },
          ],
        ]}
      />
    </TableScroll>
  );
}

export function CopyPage(m: { chrome: PageChrome; record: ReturnRecord }): JSX.Element {
  const { ctx } = m.record;
  const base = `/returns/${ctx.id}`;
  return (
    <Layout
      title={`Copy of the return – ${ctx.agencyName}`}
      {...m.chrome}
      beforeContent={<BackLink href={base} text="Back to the return" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-full">
          <Heading
            ctx={ctx}
            title={m.record.submitted ? 'Copy of the submitted return' : 'Copy of the return (draft)'}
          />
          <StatusLine ctx={ctx} />
          <p class="govuk-body">
            <a class="govuk-link" href={`${base}/copy.pdf`}>
              Download this copy as a PDF
            </a>
            . To print this page, use your browser’s print command.
          </p>
          <SummaryList
            rows={[
              { key: { text: 'Organisation' }, value: { text: ctx.agencyName } },
              { key: { text: 'Partnership' }, value: { text: ctx.partnershipName } },
              { key: { text: 'Audit' }, value: { text: ctx.cycleName } },
              {
                key: { text: 'Completed by' },
                value: {
                  text: completedBy(ctx) || 'Not given',
                },
              },
              {
                key: { text: 'Signed off by' },
                value: {
                  text: signedOffBy(ctx) ?? 'Not signed off',
                },
              },
            ]}
          />
          <ScoreTable scores={m.record.scores} caption="Score summary" />
          {m.record.themes.map((t) => (
            <>
              <h2 class="govuk-heading-m" id={`theme-${t.theme.number}`} safe>
                {`${t.theme.number}. ${t.theme.title}`}
              </h2>
              <SummaryList rows={answerRows(ctx.id, t, false)} />
            </>
          ))}
          <ActionTable items={m.record.actions} base={base} canUpdate={false} caption="Action plan" />
        </div>
      </div>
    </Layout>
  );
}

export function ScoresPage(m: { chrome: PageChrome; record: ReturnRecord }): JSX.Element {
  const { ctx } = m.record;
  const base = `/returns/${ctx.id}`;
  return (
    <Layout
      title={`Score summary – ${ctx.agencyName}`}
      {...m.chrome}
      beforeContent={<BackLink href={base} text="Back to the return" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-full">
          <Heading ctx={ctx} title="Score summary" />
          <StatusLine ctx={ctx} />
          <p class="govuk-body">
            Met counts Fully met, Yes and the answers the template counts as met. The percentage is of the
            scored questions that apply, leaving out N/A, weighted by each question's weight. Questions
            answered in words, numbers or dates, optional questions left blank and questions not asked
            (because of an earlier answer) are not scored.
            {m.record.submitted
              ? ' Themes with unanswered questions or no rating were graded Red at submission.'
              : ' When the return is submitted, unanswered questions count as not met and their themes are graded Red.'}
          </p>
          <ScoreTable scores={m.record.scores} caption="Questions and ratings by theme" />
          <p class="govuk-body">
            <a class="govuk-link" href={`${base}/actions`}>
              See the action plan
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}
