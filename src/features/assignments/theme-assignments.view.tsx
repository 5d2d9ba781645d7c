/** "Who is doing what": the agency lead's view of a return's themes, and choosing who answers each. */
import { escapeHtml } from '@kitajs/html';
import { formatDateTime } from '../../lib/dates.ts';
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { Checkboxes } from '../../views/govuk/checkboxes.tsx';
import { NotificationBanner } from '../../views/govuk/notification-banner.tsx';
import { Table } from '../../views/govuk/table.tsx';
import { Tag } from '../../views/govuk/tag.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import { toHtml } from '../../views/render.ts';
import { THEME_PROGRESS_LABELS } from '../returns/return-presenters.ts';
import type { ThemeProgress } from '../returns/return-rules.ts';
import type { ThemeInfo } from '../returns/return-structure.ts';
import type { ReturnContext } from '../returns/returns.repository.ts';
import type { Contributor, LastChange } from './theme-assignments.repository.ts';

const PROGRESS_TAG_CLASSES: Record<ThemeProgress, string> = {
  not_started: 'govuk-tag--blue',
  in_progress: 'govuk-tag--teal',
  completed: 'govuk-tag--green',
};

export interface AssignmentRow {
  theme: ThemeInfo;
  assignees: string[];
  progress: ThemeProgress;
  lastChange: LastChange | undefined;
}

/** "Priya Shah, 1:25pm on …"; a change by the partnership (a reopened theme) says so. */
export function lastChangeText(change: LastChange): string {
  const who = change.byPartnership
    ? `${change.name ?? 'Someone'} (partnership)`
    : (change.name ?? 'Someone no longer here');
  return `${who}, ${formatDateTime(change.at)}`;
}

function Caption(props: { ctx: ReturnContext }): JSX.Element {
  return (
    <span class="govuk-caption-l" safe>
      {`${props.ctx.agencyName} – ${props.ctx.cycleName}`}
    </span>
  );
}

export function AssignmentsPage(m: {
  chrome: PageChrome;
  ctx: ReturnContext;
  rows: AssignmentRow[];
  contributorCount: number;
  canChange: boolean;
  notice?: string | undefined;
}): JSX.Element {
  const { ctx } = m;
  const base = `/returns/${ctx.id}`;
  return (
    <Layout
      title={`Who is doing what – ${ctx.agencyName}`}
      {...m.chrome}
      beforeContent={<BackLink href={base} text="Back to the return" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-full">
          {m.notice ? <NotificationBanner type="success" text={m.notice} /> : ''}
          <Caption ctx={ctx} />
          <h1 class="govuk-heading-l">Who is doing what</h1>
          <p class="govuk-body">
            Assign each theme to the colleagues who will answer it. They can open and save only the themes
            assigned to them, and we email them when you assign one. Agency leads can work on every theme, and
            only they can have the return signed off and submit it.
          </p>
          {m.contributorCount === 0 ? (
            <div class="govuk-inset-text">
              You have no contributors yet.{' '}
              <a class="govuk-link" href={`/agencies/${ctx.agencyId}/colleagues`}>
                Invite colleagues
              </a>{' '}
              to assign themes to them.
            </div>
          ) : (
            ''
          )}
          {m.canChange ? (
            ''
          ) : (
            <div class="govuk-inset-text">
              This return has been submitted: who answers each theme is shown as it was.
            </div>
          )}
          <Table
            caption="Themes and who answers them"
            captionClasses="govuk-table__caption--m"
            firstCellIsHeader={true}
            head={[
              { text: 'Theme' },
              { text: 'Assigned to' },
              { text: 'Status' },
              { text: 'Last changed' },
              ...(m.canChange ? [{ html: '<span class="govuk-visually-hidden">Action</span>' }] : []),
            ]}
            rows={m.rows.map((r) => [
              { text: `${r.theme.number}. ${r.theme.title}` },
              { text: r.assignees.length ? r.assignees.join(', ') : 'Agency leads only' },
              {
                html: toHtml(
                  <Tag text={THEME_PROGRESS_LABELS[r.progress]} classes={PROGRESS_TAG_CLASSES[r.progress]} />,
                ),
              },
              {
                text: r.lastChange ? lastChangeText(r.lastChange) : 'Not changed yet',
              },
              ...(m.canChange
                ? [
                    {
                      html: `<a class="govuk-link" href="${base}/assignments/${r.theme.id}">Change<span class="govuk-visually-hidden"> who answers ${escapeHtml(r.theme.title)}</span></a>`,
                    },
                  ]
                : []),
            ])}
          />
          <p class="govuk-body">
            <a class="govuk-link" href={`/agencies/${ctx.agencyId}/colleagues`}>
              Your colleagues
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}

export function AssignThemePage(m: {
  chrome: PageChrome;
  csrfToken: string;
  ctx: ReturnContext;
  theme: ThemeInfo;
  contributors: Contributor[];
  chosen: string[];
  errors?: FormErrors | undefined;
}): JSX.Element {
  const { ctx, theme } = m;
  const base = `/returns/${ctx.id}/assignments`;
  return (
    <Layout
      title={`Who will answer ${theme.title} – ${ctx.agencyName}`}
      {...m.chrome}
      errors={m.errors}
      beforeContent={<BackLink href={base} text="Back to who is doing what" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <Caption ctx={ctx} />
          {m.contributors.length === 0 ? (
            <>
              <h1 class="govuk-heading-l" safe>
                {`Who will answer ${theme.title}?`}
              </h1>
              <p class="govuk-body">
                You have no contributors yet.{' '}
                <a class="govuk-link" href={`/agencies/${ctx.agencyId}/colleagues`}>
                  Invite colleagues
                </a>{' '}
                first, then come back to assign this theme.
              </p>
            </>
          ) : (
            <form method="post" action={`${base}/${theme.id}`} novalidate>
              <input type="hidden" name="_csrf" value={m.csrfToken} />
              <Checkboxes
                idPrefix="assignees"
                name="assignees"
                fieldset={{
                  legend: {
                    text: `Who will answer ${theme.title}?`,
                    isPageHeading: true,
                    classes: 'govuk-fieldset__legend--l',
                  },
                }}
                hint={{
                  text: 'Select everyone who will answer this theme. We will email anyone you add. To leave it to agency leads only, clear every box.',
                }}
                errorMessage={fieldError(m.errors, 'assignees')}
                items={m.contributors.map((c) => ({
                  value: c.userId,
                  text: c.name,
                  hint: { text: c.email },
                  checked: m.chosen.includes(c.userId),
                }))}
              />
              <Button text="Save" attributes={{ 'data-prevent-double-click': 'true' }} />
            </form>
          )}
        </div>
      </div>
    </Layout>
  );
}
