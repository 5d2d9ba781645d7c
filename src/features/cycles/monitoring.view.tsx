/** The cycle's monitoring page: counts, filters, and a sortable status table of invited agencies. */

import type { CycleInfo } from '../../domain/cycle-access.ts';
import { formatDayAndTime } from '../../lib/dates.ts';
import type { PageOf } from '../../lib/paging.ts';
import type { FormErrors } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { NotificationBanner } from '../../views/govuk/notification-banner.tsx';
import { Select } from '../../views/govuk/select.tsx';
import { SummaryList } from '../../views/govuk/summary-list.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import { PageLinks } from '../../views/page-links.tsx';
import { type PageParts, partsAround } from '../../views/page-parts.ts';
import { LocalityFilter, SectorFilter } from './cycle-filters.view.tsx';
import { CYCLE_KIND_LABELS } from './cycle-form.ts';
import {
  MONITORING_STATUS_LABELS,
  type MonitoringQuery,
  type MonitoringRow,
  type MonitoringStatus,
  type StatusCounts,
} from './monitoring.ts';
import { queryString, returnsTableParts } from './monitoring-table.view.tsx';
import type { NotReminded } from './reminders.ts';

export function MonitoringPage(m: {
  chrome: PageChrome;
  cycle: CycleInfo;
  /** The page of the filtered, sorted rows shown. */
  rows: PageOf<MonitoringRow>;
  counts: StatusCounts;
  query: MonitoringQuery;
  sectors: string[];
  now: Date;
  /** Partnership admins change deadlines; reviewers only read. */
  canManage: boolean;
  done?:
    | 'deadline'
    | 'extension'
    | 'created'
    | 'reminded'
    | 'reminder-schedule'
    | 'changed'
    | 'added'
    | undefined;
  /** How many agencies a reminder went to, after sending. */
  reminded?: number | undefined;
  /** Ticked agencies a reminder could not go to, and why. */
  notReminded?: NotReminded[] | undefined;
  /** The agencies ticked for a reminder, when the form is shown again. */
  chosen?: string[] | undefined;
  csrfToken?: string | undefined;
  errors?: FormErrors | undefined;
}): PageParts {
  const { cycle, query } = m;
  const base = `/cycles/${cycle.id}`;
  const filtered = Boolean(query.locality || query.sector || query.status);
  const countLinks: Array<[MonitoringStatus | 'invited', string]> = [
    ['invited', 'invited'],
    ['not_started', 'not started'],
    ['in_progress', 'in progress'],
    ['submitted', 'submitted'],
    ['returned', 'returned for changes'],
    ['overdue', 'overdue'],
    ['extended', 'extended'],
  ];
  const open = m.now < cycle.closesAt;
  // Sent in parts (src/views/page-parts.ts): the table's rows are most of the page.
  const table =
    m.rows.total === 0
      ? null
      : returnsTableParts({
          cycle,
          base,
          query,
          rows: m.rows.items,
          page: m.rows.page,
          canManage: m.canManage,
          chosen: m.chosen,
          csrfToken: m.csrfToken,
        });
  return partsAround(
    (safeSlot) => (
      <Layout
        title={`${cycle.name} – returns`}
        {...m.chrome}
        errors={m.errors}
        beforeContent={<BackLink href="/" text="Home" />}
      >
        {m.done ? (
          <NotificationBanner
            type="success"
            text={
              m.done === 'reminded'
                ? `Reminder sent to ${m.reminded ?? 0} agenc${m.reminded === 1 ? 'y' : 'ies'}`
                : m.done === 'created'
                  ? `Audit set up: ${m.counts.invited} agencies invited${cycle.carryForward ? `, ${m.reminded ?? 0} ${m.reminded === 1 ? 'return' : 'returns'} pre-filled from the last audit` : ''}`
                  : m.done === 'added'
                    ? `${m.reminded ?? 0} agenc${m.reminded === 1 ? 'y' : 'ies'} added to the audit${m.now < cycle.opensAt ? ': invited when it opens' : ' and invited'}`
                    : m.done === 'changed'
                      ? 'The audit’s details have been changed'
                      : m.done === 'reminder-schedule'
                        ? 'The automatic reminders have been changed'
                        : m.done === 'deadline'
                          ? 'The deadline has been changed'
                          : 'The agency has been given more time'
            }
          />
        ) : (
          ''
        )}
        {m.notReminded && m.notReminded.length > 0 ? (
          <div class="govuk-inset-text" id="not-reminded">
            <p class="govuk-body">These agencies you ticked were not reminded:</p>
            <ul class="govuk-list govuk-list--bullet">
              {m.notReminded.map((r) => (
                <li safe>{`${r.agencyName}: ${r.reason}`}</li>
              ))}
            </ul>
          </div>
        ) : (
          ''
        )}
        <span class="govuk-caption-l" safe>
          {cycle.partnershipName}
        </span>
        <h1 class="govuk-heading-l" safe>
          {cycle.name}
        </h1>
        <p class="govuk-body" safe>
          {`${m.now < cycle.opensAt ? 'Opens' : 'Opened'} on ${formatDayAndTime(cycle.opensAt)}. ${open ? 'Closes' : 'Closed'} on ${formatDayAndTime(cycle.closesAt)}.`}
        </p>
        <SummaryList
          classes="govuk-summary-list--no-border"
          rows={[
            ...(cycle.jointPartnerships.length
              ? [
                  {
                    key: { text: 'Joint audit' },
                    value: {
                      text:
                        cycle.viewerPartnershipId === cycle.partnershipId
                          ? `Run jointly with ${cycle.jointPartnerships.map((p) => p.name).join(', ')}. Each partnership receives the returns of its own member agencies.`
                          : `Run by ${cycle.partnershipName}, jointly with ${cycle.jointPartnerships.map((p) => p.name).join(', ')}. You see the returns of agencies that are members of your partnership; only ${cycle.partnershipName} can change the audit.`,
                    },
                  },
                ]
              : []),
            {
              key: { text: 'How often it runs' },
              value: { text: cycle.kind ? CYCLE_KIND_LABELS[cycle.kind] : 'Not recorded' },
            },
            {
              key: { text: 'Introduction for agencies' },
              value: { text: cycle.introduction || 'None', classes: 'app-pre-wrap' },
            },
            {
              key: { text: 'Focus questions' },
              value: {
                text: cycle.focusQuestionIds.length ? String(cycle.focusQuestionIds.length) : 'None',
              },
            },
            {
              key: { text: 'Pre-filled from the last audit' },
              value: { text: cycle.carryForward ? 'Yes' : 'No' },
            },
          ]}
        />
        <h2 class="govuk-heading-s govuk-!-margin-bottom-2">Review</h2>
        <ul class="govuk-list" id="review-links">
          <li>
            <a class="govuk-link" href={`${base}/challenge-events`}>
              Challenge events
            </a>
          </li>
          <li>
            <a class="govuk-link" href={`${base}/evidence-requests`}>
              Overdue evidence requests
            </a>
          </li>
        </ul>
        <ul class="govuk-list">
          <li>
            <a class="govuk-link" href={`${base}/results`}>
              Results across agencies
            </a>
          </li>
          <li>
            <a class="govuk-link" href={`${base}/report`}>
              Findings report
            </a>
          </li>
        </ul>
        {m.canManage ? (
          <ul class="govuk-list">
            <li>
              <a class="govuk-link" href={`${base}/change`}>
                Change the name, introduction and focus questions
              </a>
            </li>
            <li>
              <a class="govuk-link" href={`${base}/deadline`}>
                Change the deadline for every agency
              </a>
            </li>
            <li>
              <a class="govuk-link" href={`${base}/agencies`}>
                Add agencies to this audit
              </a>
            </li>
            <li>
              <a class="govuk-link" href={`${base}/reminder-schedule`}>
                Change the automatic reminders
              </a>
            </li>
            <li>
              <a class="govuk-link" href={`${base}/survey`}>
                Staff survey: set-up, links and results
              </a>
            </li>
          </ul>
        ) : (
          <p class="govuk-body">
            <a class="govuk-link" href={`${base}/survey`}>
              Staff survey results
            </a>
          </p>
        )}
        <ul class="govuk-list app-counts">
          {countLinks.map(([status, label]) => (
            <li class="app-counts__item">
              <a
                class="govuk-link govuk-link--no-visited-state"
                href={`${base}${status === 'invited' ? '' : queryString({ status })}`}
              >
                <span class="govuk-heading-l govuk-!-margin-bottom-0 app-counts__number" safe>
                  {String(m.counts[status])}
                </span>
                <span class="govuk-body-s" safe>
                  {label}
                </span>
              </a>
            </li>
          ))}
        </ul>
        <form method="get" action={base} class="app-filters" novalidate>
          <div class="govuk-grid-row">
            <div class="govuk-grid-column-one-quarter">
              <LocalityFilter localities={cycle.localities} value={query.locality} />
            </div>
            <div class="govuk-grid-column-one-quarter">
              <SectorFilter sectors={m.sectors} value={query.sector} />
            </div>
            <div class="govuk-grid-column-one-quarter">
              <Select
                name="status"
                label={{ text: 'Status' }}
                value={query.status ?? ''}
                items={[
                  { value: '', text: 'All statuses' },
                  ...(Object.keys(MONITORING_STATUS_LABELS) as MonitoringStatus[]).map((s) => ({
                    value: s,
                    text: MONITORING_STATUS_LABELS[s],
                  })),
                ]}
              />
            </div>
            <div class="govuk-grid-column-one-quarter app-filters__actions">
              {query.sort !== 'agency' ? <input type="hidden" name="sort" value={query.sort} /> : ''}
              {query.direction !== 'asc' ? (
                <input type="hidden" name="direction" value={query.direction} />
              ) : (
                ''
              )}
              <Button text="Apply filters" classes="govuk-button--secondary" />
            </div>
          </div>
        </form>
        <p class="govuk-body" safe>
          {`${m.rows.total} of ${m.counts.invited} agencies shown${filtered ? ' (filtered)' : ''}${m.rows.pageCount > 1 ? `: ${m.rows.from} to ${m.rows.to} on this page` : ''}.`}
        </p>
        {filtered ? (
          <p class="govuk-body">
            <a
              class="govuk-link"
              href={`${base}${queryString({ sort: query.sort, direction: query.direction })}`}
            >
              Clear filters
            </a>
          </p>
        ) : (
          ''
        )}
        {safeSlot}
        {table === null ? (
          <p class="govuk-body">No agencies match these filters.</p>
        ) : (
          <PageLinks
            page={m.rows.page}
            pageCount={m.rows.pageCount}
            href={(n) => `${base}${queryString(query, {}, n)}`}
            landmarkLabel="Pages of agencies"
          />
        )}
        <h2 class="govuk-heading-s">Download this table</h2>
        <ul class="govuk-list">
          <li>
            <a class="govuk-link" href={`${base}/returns.csv${queryString(query)}`}>
              Returns as CSV
            </a>
          </li>
          <li>
            <a class="govuk-link" href={`${base}/returns.xlsx${queryString(query)}`}>
              Returns as a spreadsheet (XLSX)
            </a>
          </li>
        </ul>
        <h2 class="govuk-heading-s">Every answer</h2>
        <p class="govuk-body">
          <a class="govuk-link" href={`${base}/exports`}>
            Download every answer, rating, moderated grade, action and challenge
          </a>{' '}
          as a spreadsheet or CSV file.
        </p>
      </Layout>
    ),
    table?.parts ?? [],
  );
}
