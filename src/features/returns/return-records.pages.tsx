/** The return's records: the copy, the score summary, the action plan and the change history. */

import { escapeHtml } from '@kitajs/html';
import { ACTION_STATUSES } from '../../db/schema.ts';
import { type DateParts, formatDate, formatDateTime } from '../../lib/dates.ts';
import { dateInputItems } from '../../views/date-items.ts';
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { DateInput } from '../../views/govuk/date-input.tsx';
import { Input } from '../../views/govuk/input.tsx';
import { NotificationBanner } from '../../views/govuk/notification-banner.tsx';
import { Pagination } from '../../views/govuk/pagination.tsx';
import { Radios } from '../../views/govuk/radios.tsx';
import { SummaryList } from '../../views/govuk/summary-list.tsx';
import { Table, type TableCell } from '../../views/govuk/table.tsx';
import { Tag } from '../../views/govuk/tag.tsx';
import { Textarea } from '../../views/govuk/textarea.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import { RagTag } from '../../views/rag-tag.tsx';
import { toHtml } from '../../views/render.ts';
import { TableScroll } from '../../views/table-scroll.tsx';
import { answerRows } from './return-pages.tsx';
import { RETURN_STATUS_TAGS } from './return-presenters.ts';
import {
  ACTION_STATUS_LABELS,
  ACTION_STATUS_TAG_CLASSES,
  type ActionPlanItem,
  percentText,
  type ReturnRecord,
  type ScoreSummary,
  scoredCount,
} from './return-records.ts';
import type { ReturnContext } from './returns.repository.ts';

function Heading(props: { ctx: ReturnContext; title: string }): JSX.Element {
  return (
    <>
      <span class="govuk-caption-l" safe>
        {`${props.ctx.agencyName} – ${props.ctx.cycleName}`}
      </span>
      <h1 class="govuk-heading-l" safe>
        {props.title}
      </h1>
    </>
  );
}

function StatusLine(props: { ctx: ReturnContext }): JSX.Element {
  const { ctx } = props;
  return (
    <p class="govuk-body">
      <Tag {...RETURN_STATUS_TAGS[ctx.status]} />{' '}
      {escapeHtml(
        ctx.submittedAt
          ? `Submitted at ${formatDateTime(ctx.submittedAt)}, reference ${ctx.reference ?? ''}.`
          : `Not submitted yet. Deadline: ${formatDateTime(ctx.closesAt)}.`,
      )}
    </p>
  );
}

export function ScoreTable(props: { scores: ScoreSummary; caption: string }): JSX.Element {
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

function actionRows(items: ActionPlanItem[], base: string, canUpdate: boolean): TableCell[][] {
  return items.map((a) => [
    {
      html: `<span class="govuk-!-display-block">${escapeHtml(`${a.themeNumber}. ${a.themeTitle}`)}</span><span class="govuk-body-s">${escapeHtml(a.source)}</span>${a.carriedForwardFromActionId ? `<span class="govuk-body-s govuk-!-display-block">Carried forward from last audit</span>` : ''}`,
    },
    {
      html: `${escapeHtml(a.description)}${a.successCriteria ? `<span class="govuk-body-s govuk-!-display-block govuk-!-margin-top-1">Success looks like: ${escapeHtml(a.successCriteria)}</span>` : ''}`,
    },
    { text: a.leadPerson || 'Not given' },
    {
      html: `${escapeHtml(a.targetDate ? formatDate(a.targetDate) : 'Not set')}${a.overdue ? ` ${toHtml(<Tag text="Overdue" classes="govuk-tag--red" />)}` : ''}`,
    },
    {
      html: `${toHtml(<Tag text={ACTION_STATUS_LABELS[a.status]} classes={ACTION_STATUS_TAG_CLASSES[a.status]} />)}${a.updates[0] ? `<span class="govuk-body-s govuk-!-display-block govuk-!-margin-top-1">${escapeHtml(a.updates[0].note)}</span>` : ''}`,
    },
    ...(canUpdate
      ? [
          {
            html: `<a class="govuk-link" href="${base}/actions/${a.id}">Update<span class="govuk-visually-hidden"> action for ${escapeHtml(`${a.themeTitle}, ${a.source}`)}</span></a>`,
          },
        ]
      : []),
  ]);
}

export function ActionTable(props: {
  items: ActionPlanItem[];
  base: string;
  canUpdate: boolean;
  caption: string;
}): JSX.Element {
  if (props.items.length === 0)
    return (
      <>
        <h2 class="govuk-heading-m" safe>
          {props.caption}
        </h2>
        <p class="govuk-body">
          There are no actions. Actions come from questions answered Not met, Partly met or No, and from
          themes rated Red or Amber.
        </p>
      </>
    );
  return (
    <Table
      caption={props.caption}
      captionClasses="govuk-table__caption--m"
      classes="app-table--actions"
      head={[
        { text: 'Theme' },
        { text: 'Action' },
        { text: 'Lead' },
        { text: 'Target date' },
        { text: 'Status' },
        ...(props.canUpdate ? [{ html: '<span class="govuk-visually-hidden">Update</span>' }] : []),
      ]}
      rows={actionRows(props.items, props.base, props.canUpdate)}
    />
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
                  text:
                    [ctx.completerName, ctx.completerRole, ctx.completerEmail, ctx.completerPhone]
                      .filter(Boolean)
                      .join(', ') || 'Not given',
                },
              },
              {
                key: { text: 'Signed off by' },
                value: {
                  text: ctx.signoffConfirmedAt
                    ? `${ctx.signoffName}, ${ctx.signoffJobTitle}, on ${formatDate(ctx.signoffDate)}`
                    : 'Not signed off',
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

export function ActionPlanPage(m: {
  chrome: PageChrome;
  record: ReturnRecord;
  canUpdate: boolean;
  updated?: boolean;
}): JSX.Element {
  const { ctx } = m.record;
  const contributor = ctx.access === 'contributor';
  const base = `/returns/${ctx.id}`;
  const open = m.record.actions.filter((a) => a.status === 'not_started' || a.status === 'in_progress');
  const overdue = m.record.actions.filter((a) => a.overdue);
  return (
    <Layout
      title={`Action plan – ${ctx.agencyName}`}
      {...m.chrome}
      beforeContent={<BackLink href={base} text="Back to the return" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-full">
          {m.updated ? <NotificationBanner type="success" text="Action updated" /> : ''}
          <Heading ctx={ctx} title={contributor ? 'Action plan for your themes' : 'Action plan'} />
          {contributor ? (
            <p class="govuk-body">These are the actions of the themes your agency lead assigned to you.</p>
          ) : (
            ''
          )}
          <p class="govuk-body" safe>
            {`${m.record.actions.length} action${m.record.actions.length === 1 ? '' : 's'}: ${open.length} open, ${overdue.length} overdue.`}
          </p>
          <p class="govuk-body">
            Actions come from the areas for development in the return. Keep each one up to date through the
            year: its lead, how you will know it has worked, its target date and progress.
          </p>
          <ActionTable
            items={m.record.actions}
            base={base}
            canUpdate={m.canUpdate}
            caption="Actions by theme"
          />
          <p class="govuk-body">
            <a class="govuk-link" href={`${base}/actions.xlsx`}>
              Download the action plan as a spreadsheet
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}

export function ActionEditPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  ctx: ReturnContext;
  action: ActionPlanItem;
  state: { leadPerson: string; successCriteria: string; targetDate: DateParts; status: string; note: string };
  errors?: FormErrors | undefined;
}): JSX.Element {
  const { ctx, action, state, errors } = m;
  const base = `/returns/${ctx.id}`;
  const dateError = fieldError(errors, 'targetDate');
  return (
    <Layout
      title={`Update action – ${ctx.agencyName}`}
      {...m.chrome}
      errors={errors}
      beforeContent={<BackLink href={`${base}/actions`} text="Back to the action plan" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {`${action.themeNumber}. ${action.themeTitle} – ${action.source}`}
          </span>
          <h1 class="govuk-heading-l">Update action</h1>
          {action.questionText ? (
            <p class="govuk-body-s" safe>
              {action.questionText}
            </p>
          ) : (
            ''
          )}
          <div class="govuk-inset-text" safe>
            {action.description}
          </div>
          <form method="post" action={`${base}/actions/${action.id}`} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <Input
              name="leadPerson"
              label={{ text: 'Lead person', classes: 'govuk-label--s' }}
              hint={{ text: 'The name or role of the person responsible for this action' }}
              value={state.leadPerson}
              errorMessage={fieldError(errors, 'leadPerson')}
              autocomplete="off"
            />
            <Textarea
              name="successCriteria"
              label={{ text: 'Success criteria (optional)', classes: 'govuk-label--s' }}
              hint={{ text: 'How you will know the action has worked' }}
              value={state.successCriteria}
              rows={3}
              errorMessage={fieldError(errors, 'successCriteria')}
            />
            <DateInput
              id="targetDate"
              namePrefix="targetDate"
              fieldset={{ legend: { text: 'Target date', classes: 'govuk-fieldset__legend--s' } }}
              hint={{ text: 'For example, 31 3 2027' }}
              errorMessage={dateError}
              items={dateInputItems(state.targetDate, dateError !== undefined)}
            />
            <Radios
              name="status"
              fieldset={{ legend: { text: 'Status', classes: 'govuk-fieldset__legend--s' } }}
              errorMessage={fieldError(errors, 'status')}
              value={state.status}
              items={ACTION_STATUSES.map((s) => ({ value: s, text: ACTION_STATUS_LABELS[s] }))}
            />
            <Textarea
              name="note"
              label={{ text: 'Progress update', classes: 'govuk-label--s' }}
              hint={{ text: 'What has happened since the last update. Needed when you change the status.' }}
              value={state.note}
              rows={4}
              errorMessage={fieldError(errors, 'note')}
            />
            <Button text="Save update" attributes={{ 'data-prevent-double-click': 'true' }} />
          </form>
          {action.updates.length > 0 ? (
            <>
              <h2 class="govuk-heading-m">Previous updates</h2>
              <SummaryList
                rows={action.updates.map((u) => ({
                  key: { text: formatDateTime(u.createdAt) },
                  value: {
                    html: `${toHtml(<Tag text={ACTION_STATUS_LABELS[u.status]} classes={ACTION_STATUS_TAG_CLASSES[u.status]} />)}<p class="govuk-body govuk-!-margin-top-2 govuk-!-margin-bottom-1">${escapeHtml(u.note || 'No note')}</p><p class="govuk-body-s govuk-!-margin-bottom-0">${escapeHtml(u.userName ?? 'Unknown')}</p>`,
                  },
                }))}
              />
            </>
          ) : (
            ''
          )}
        </div>
      </div>
    </Layout>
  );
}

export interface HistoryItem {
  id: string;
  event: string;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  note: string | null;
  createdAt: Date;
  userName: string | null;
}

export function HistoryPage(m: {
  chrome: PageChrome;
  ctx: ReturnContext;
  entries: HistoryItem[];
  page: number;
  pageCount: number;
  total: number;
}): JSX.Element {
  const { ctx } = m;
  const base = `/returns/${ctx.id}`;
  const value = (v: string | null) => (v === null || v === '' ? '(empty)' : v);
  return (
    <Layout
      title={`Change history – ${ctx.agencyName}`}
      {...m.chrome}
      beforeContent={<BackLink href={base} text="Back to the return" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-full">
          <Heading ctx={ctx} title="Change history" />
          <p class="govuk-body" safe>
            {`Every change to this return, newest first: who made it, when, and what it was before and after. ${m.total} change${m.total === 1 ? '' : 's'} in all.`}
          </p>
          {m.entries.length === 0 ? (
            <p class="govuk-body">No changes have been made yet.</p>
          ) : (
            <Table
              caption="Changes"
              captionClasses="govuk-visually-hidden"
              head={[
                { text: 'When' },
                { text: 'Who' },
                { text: 'What' },
                { text: 'Before' },
                { text: 'After' },
              ]}
              rows={m.entries.map((e) => [
                { text: formatDateTime(e.createdAt) },
                { text: e.userName ?? 'The system' },
                { text: e.field ?? e.event },
                { text: e.event === 'action_progress' ? '' : value(e.oldValue) },
                { text: e.note ? `${value(e.newValue)} (reason: ${e.note})` : value(e.newValue) },
              ])}
            />
          )}
          {m.pageCount > 1 ? (
            <Pagination
              previous={m.page > 1 ? { href: `${base}/history?page=${m.page - 1}` } : undefined}
              next={m.page < m.pageCount ? { href: `${base}/history?page=${m.page + 1}` } : undefined}
              items={Array.from({ length: m.pageCount }, (_, i) => ({
                number: i + 1,
                href: `${base}/history?page=${i + 1}`,
                current: i + 1 === m.page,
              }))}
            />
          ) : (
            ''
          )}
        </div>
      </div>
    </Layout>
  );
}
