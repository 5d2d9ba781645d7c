/** A return's task list: its details, themes, sign-off and submission. */

import { escapeHtml } from '@kitajs/html';
import { formatDateTime, formatDayAndTime } from '../../../lib/dates.ts';
import { BackLink } from '../../../views/govuk/back-link.tsx';
import { Tag } from '../../../views/govuk/tag.tsx';
import { TaskList } from '../../../views/govuk/task-list.tsx';
import { WarningText } from '../../../views/govuk/warning-text.tsx';
import { Layout, type PageChrome } from '../../../views/layout.tsx';
import type { ReviewSummary } from '../../../views/review-panel.tsx';
import { ReviewPanel } from '../../../views/review-panel.tsx';
import {
  LOCKED_THEME_REASON,
  progressText,
  RETURN_STATUS_TAGS,
  receivers,
  THEME_PROGRESS_LABELS,
} from '../return-presenters.ts';
import type { ThemeProgress } from '../return-rules.ts';
import type { ThemeInfo } from '../return-structure.ts';
import type { ReturnContext } from '../returns.repository.ts';

export interface TaskListModel {
  chrome: PageChrome;
  ctx: ReturnContext;
  /**
   * `assigned`: the person may work on the theme (always, for an agency lead); `toConfirm`: answers
   * carried forward from the last audit, not yet confirmed.
   */
  themes: Array<{
    theme: ThemeInfo;
    progress: ThemeProgress;
    assigned: boolean;
    toConfirm?: number;
    /** Returned for changes, and this theme is one the partnership reopened. */
    reopened?: boolean;
    /** Returned for changes, but not this theme: it stays as submitted and cannot be opened. */
    locked?: boolean;
  }>;
  /** The partnership's review of the return: links, moderated grades, what the agency must answer. */
  review?: ReviewSummary | undefined;
  /** Completed themes among those the person may work on. */
  completed: number;
  editable: boolean;
  /** Before the audit opens: the themes are a read-only preview. */
  notOpen?: boolean;
  refusalText: string | null;
  /** The staff survey's entry (trusted HTML built from escaped text), for the agency lead. */
  surveyHtml?: string | undefined;
}

function statusTag(progress: ThemeProgress) {
  if (progress === 'completed') return { text: THEME_PROGRESS_LABELS.completed };
  return {
    tag: {
      text: THEME_PROGRESS_LABELS[progress],
      classes: progress === 'in_progress' ? 'govuk-tag--teal' : 'govuk-tag--blue',
    },
  };
}

export function TaskListPage(m: TaskListModel): JSX.Element {
  const { ctx } = m;
  const base = `/returns/${ctx.id}`;
  const submitted = ctx.submittedAt !== null && ['submitted', 'resubmitted', 'accepted'].includes(ctx.status);
  const detailsDone = Boolean(ctx.completerName && ctx.completerRole && ctx.completerEmail);
  const signedOff = Boolean(ctx.signoffConfirmedAt);
  const done = { text: 'Completed' };
  const todo = (text = 'Not started') => ({ tag: { text, classes: 'govuk-tag--blue' } });
  const contributor = ctx.access === 'contributor';
  const mine = m.themes.filter((t) => t.assigned);
  const safeSurvey = m.surveyHtml ?? '';
  return (
    <Layout
      title={`${ctx.cycleName} – ${ctx.agencyName}`}
      {...m.chrome}
      beforeContent={<BackLink href="/returns" text="Your returns" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {ctx.agencyName}
          </span>
          <h1 class="govuk-heading-l" safe>
            {ctx.cycleName}
          </h1>
          <p class="govuk-body">
            <Tag {...RETURN_STATUS_TAGS[ctx.status]} />
          </p>
          {m.review ? <ReviewPanel ctx={ctx} review={m.review} /> : ''}
          {submitted ? (
            <div class="govuk-inset-text">
              Submitted by {escapeHtml(ctx.submittedByName ?? 'the agency')} at{' '}
              {escapeHtml(formatDateTime(ctx.submittedAt!))}. Reference <strong safe>{ctx.reference}</strong>.
            </div>
          ) : (
            <p class="govuk-body">
              Deadline: <strong safe>{formatDayAndTime(ctx.closesAt)}</strong>
              {ctx.closesAt > ctx.cycleClosesAt ? ' (your partnership has given you more time)' : ''}
            </p>
          )}
          {ctx.jointPartnershipNames.length ? (
            <p class="govuk-body" safe>
              {`This is a joint audit: you complete one return, and ${receivers(ctx)} each receive it.`}
            </p>
          ) : (
            ''
          )}
          {ctx.partnershipIntroduction ? (
            <div class="govuk-inset-text">
              <p class="govuk-body app-pre-wrap" safe>
                {ctx.partnershipIntroduction}
              </p>
            </div>
          ) : (
            ''
          )}
          {m.notOpen ? (
            <WarningText
              text={`This audit opens on ${formatDayAndTime(ctx.opensAt)}. You can preview every theme and question now, but you cannot answer them until it opens.`}
            />
          ) : m.refusalText && !submitted ? (
            <WarningText text={m.refusalText} />
          ) : (
            ''
          )}
          {ctx.cycleIntroduction ? (
            <>
              <h2 class="govuk-heading-m">About this audit</h2>
              <div class="govuk-inset-text app-pre-wrap" safe>
                {ctx.cycleIntroduction}
              </div>
            </>
          ) : (
            ''
          )}
          <h2 class="govuk-heading-s govuk-!-margin-bottom-2">
            {submitted ? 'Return submitted' : 'Return incomplete'}
          </h2>
          <p class="govuk-body govuk-!-margin-bottom-7" safe>
            {!contributor
              ? progressText(m.completed, m.themes.length)
              : mine.length === 0
                ? 'No themes assigned to you yet'
                : `Your themes: ${progressText(m.completed, mine.length)}`}
          </p>
          {contributor ? (
            ''
          ) : (
            <>
              <h2 class="govuk-heading-m">About you</h2>
              <TaskList
                idPrefix="about"
                items={[
                  {
                    title: { text: 'Your details' },
                    hint: {
                      text: 'Your organisation, the person completing the return and how to contact them',
                    },
                    ...(m.notOpen ? {} : { href: `${base}/details` }),
                    status: detailsDone ? done : todo(m.notOpen ? 'Cannot start yet' : 'Not started'),
                  },
                ]}
              />
            </>
          )}
          <h2 class="govuk-heading-m">{contributor ? 'Your themes' : 'Themes'}</h2>
          {ctx.access === 'agency_lead' ? (
            <p class="govuk-body">
              <a class="govuk-link" href={`${base}/assignments`}>
                Who is doing what
              </a>{' '}
              – assign themes to your colleagues
            </p>
          ) : (
            ''
          )}
          {contributor && mine.length === 0 ? (
            <div class="govuk-inset-text" id="no-themes">
              Your agency lead has not assigned you any themes yet. They will email you when they do.
            </div>
          ) : (
            <TaskList
              idPrefix="themes"
              items={mine.map(({ theme, progress, toConfirm = 0, reopened, locked }) =>
                locked
                  ? {
                      title: { text: theme.title },
                      hint: { text: `Locked: ${LOCKED_THEME_REASON}` },
                      status: { text: 'Locked', classes: 'govuk-task-list__status--cannot-start-yet' },
                    }
                  : {
                      title: { text: m.notOpen ? `Preview: ${theme.title}` : theme.title },
                      hint: {
                        text: `${reopened ? 'Reopened for changes. ' : ''}${theme.questions.length} questions${toConfirm ? `, ${toConfirm} answer${toConfirm === 1 ? '' : 's'} from last audit to check and confirm` : ''}`,
                      },
                      href: `${base}/themes/${theme.id}`,
                      status: m.notOpen
                        ? { tag: { text: 'Not open yet', classes: 'govuk-tag--grey' } }
                        : statusTag(progress),
                    },
              )}
            />
          )}
          {contributor && mine.length > 0 && mine.length < m.themes.length ? (
            <>
              <h2 class="govuk-heading-m">Other themes</h2>
              <p class="govuk-body">Your agency lead or your colleagues answer these themes:</p>
              <ul class="govuk-list govuk-list--bullet" id="other-themes">
                {m.themes
                  .filter((t) => !t.assigned)
                  .map(({ theme }) => (
                    <li safe>{theme.title}</li>
                  ))}
              </ul>
            </>
          ) : (
            ''
          )}
          <h2 class="govuk-heading-m">{contributor ? 'Check your answers' : 'Sign off and submit'}</h2>
          {contributor ? (
            <>
              <p class="govuk-body">Only your agency lead can have the return signed off and submit it.</p>
              <p class="govuk-body">
                <a class="govuk-link" href={`${base}/check`}>
                  Check your answers
                </a>
              </p>
            </>
          ) : (
            <TaskList
              idPrefix="submit"
              items={[
                {
                  title: { text: 'Sign-off by your senior officer' },
                  href: `${base}/sign-off`,
                  status: signedOff ? done : todo(),
                },
                {
                  title: { text: submitted ? 'Check your answers' : 'Check and submit' },
                  href: `${base}/check`,
                  status: submitted
                    ? done
                    : todo(detailsDone && signedOff ? 'Not started' : 'Cannot start yet'),
                },
              ]}
            />
          )}
          {safeSurvey}
          <h2 class="govuk-heading-m">Your return's records</h2>
          <ul class="govuk-list">
            {contributor ? (
              <li>
                <a class="govuk-link" href={`${base}/actions`}>
                  Action plan for your themes
                </a>
              </li>
            ) : (
              <>
                <li>
                  <a class="govuk-link" href={`${base}/scores`}>
                    Score summary
                  </a>
                </li>
                <li>
                  <a class="govuk-link" href={`${base}/actions`}>
                    Action plan
                  </a>
                </li>
              </>
            )}
            {contributor ? (
              ''
            ) : (
              <li>
                <a class="govuk-link" href={`${base}/copy`}>
                  {submitted ? 'Copy of the submitted return' : 'Print-friendly copy (draft)'}
                </a>{' '}
                (
                <a class="govuk-link" href={`${base}/copy.pdf`}>
                  PDF
                </a>
                )
              </li>
            )}
            {contributor ? (
              ''
            ) : (
              <li>
                <a class="govuk-link" href={`${base}/history`}>
                  Change history
                </a>
              </li>
            )}
          </ul>
        </div>
      </div>
    </Layout>
  );
}
