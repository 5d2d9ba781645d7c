/** The action plan. */

import { escapeHtml } from '@kitajs/html';
import { formatDate } from '../../../lib/dates.ts';
import { BackLink } from '../../../views/govuk/back-link.tsx';
import { NotificationBanner } from '../../../views/govuk/notification-banner.tsx';
import { Table, type TableCell } from '../../../views/govuk/table.tsx';
import { Tag } from '../../../views/govuk/tag.tsx';
import { Layout, type PageChrome } from '../../../views/layout.tsx';
import { toHtml } from '../../../views/render.ts';
import { Heading } from '../record-heading.tsx';
import {
  ACTION_STATUS_LABELS,
  ACTION_STATUS_TAG_CLASSES,
  type ActionPlanItem,
  type ReturnRecord,
} from '../return-records.ts';

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
