/** The return's pages other than the theme page. */

import { escapeHtml } from '@kitajs/html';
import type { DateParts } from '../../lib/dates.ts';
import { formatDate, formatDateTime, formatDayAndTime } from '../../lib/dates.ts';
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { Checkboxes } from '../../views/govuk/checkboxes.tsx';
import { DateInput } from '../../views/govuk/date-input.tsx';
import { Input } from '../../views/govuk/input.tsx';
import { Panel } from '../../views/govuk/panel.tsx';
import { SummaryList, type SummaryListOptions } from '../../views/govuk/summary-list.tsx';
import { Tag } from '../../views/govuk/tag.tsx';
import { TaskList } from '../../views/govuk/task-list.tsx';
import { WarningText } from '../../views/govuk/warning-text.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import { RagTag } from '../../views/rag-tag.tsx';
import { toHtml } from '../../views/render.ts';
import { ReviewPanel, type ReviewSummary } from '../../views/review-panel.tsx';
import { SHOWN_FIELD } from '../../web/form-version.ts';
import { answerText, hasAnswer, notAnsweredText, shownQuestions } from './answer-scales.ts';
import type { QuestionFlags } from './carry-forward.ts';
import { progressText, RETURN_STATUS_TAGS, THEME_PROGRESS_LABELS } from './return-presenters.ts';
import type { ThemeProgress } from './return-rules.ts';
import type { AnswerValues, ThemeInfo, ThemeRatingValues } from './return-structure.ts';
import { submissionProblems } from './return-submission.service.ts';
import type { ReturnContext, ReturnListItem } from './returns.repository.ts';
import { QuestionTags } from './theme.view.tsx';

export function ReturnsListPage(props: {
  chrome: PageChrome;
  /** `contributor`: the person answers only the themes assigned to them, and the progress is theirs. */
  items: Array<ReturnListItem & { completed: number; total: number; contributor?: boolean }>;
  now: Date;
  /** Agencies the person leads: they invite colleagues to them. */
  leadAgencies?: Array<{ agencyId: string; agencyName: string }>;
  /** The partnerships the person's agencies belong to: their guidance, FAQs and enquiries. */
  partnerships?: Array<{ id: string; name: string }>;
}): JSX.Element {
  return (
    <Layout title="Your returns" {...props.chrome}>
      <h1 class="govuk-heading-l">Your returns</h1>
      <PartnershipIntroductions items={props.items} />
      {(props.partnerships ?? []).length > 0 ? (
        <ul class="govuk-list">
          {(props.partnerships ?? []).map((p) => (
            <li>
              <a class="govuk-link" href={`/partnerships/${p.id}/guidance`}>
                Guidance<span class="govuk-visually-hidden" safe>{` from ${p.name}`}</span>
              </a>
              {' · '}
              <a class="govuk-link" href={`/partnerships/${p.id}/faq`}>
                Frequently asked questions<span class="govuk-visually-hidden" safe>{` for ${p.name}`}</span>
              </a>{' '}
              <span class="govuk-body-s" safe>{`(${p.name})`}</span>
            </li>
          ))}
          <li>
            <a class="govuk-link" href="/enquiries">
              Section 11 enquiries: ask your partnership a question
            </a>
          </li>
        </ul>
      ) : (
        ''
      )}
      {(props.leadAgencies ?? []).length > 0 ? (
        <ul class="govuk-list">
          {(props.leadAgencies ?? []).map((a) => (
            <li>
              <a class="govuk-link" href={`/agencies/${a.agencyId}/colleagues`}>
                Colleagues<span class="govuk-visually-hidden" safe>{` at ${a.agencyName}`}</span>
              </a>{' '}
              <span class="govuk-body-s" safe>{`(${a.agencyName})`}</span>
            </li>
          ))}
        </ul>
      ) : (
        ''
      )}
      {props.items.length === 0 ? (
        <p class="govuk-body">
          Your agency has not been invited to any Section 11 audits yet. Your partnership will email you when
          it is.
        </p>
      ) : (
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--m">
            Audits your agency is invited to
          </caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                Audit
              </th>
              <th scope="col" class="govuk-table__header">
                Agency
              </th>
              <th scope="col" class="govuk-table__header">
                Deadline
              </th>
              <th scope="col" class="govuk-table__header">
                Progress
              </th>
              <th scope="col" class="govuk-table__header">
                Status
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {props.items.map((item) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">
                  <a class="govuk-link" href={`/returns/${item.id}`} safe>
                    {item.cycleName}
                  </a>
                  <br />
                  <span class="govuk-body-s" safe>
                    {item.partnershipName}
                  </span>
                  {props.now < item.opensAt ? (
                    <>
                      <br />
                      <span class="govuk-body-s" safe>
                        {`Opens on ${formatDayAndTime(item.opensAt)}. Preview the questions now.`}
                      </span>
                    </>
                  ) : (
                    ''
                  )}
                </td>
                <td class="govuk-table__cell" safe>
                  {item.agencyName}
                </td>
                <td class="govuk-table__cell" safe>
                  {formatDayAndTime(item.closesAt)}
                </td>
                <td class="govuk-table__cell" safe>
                  {item.contributor
                    ? item.total === 0
                      ? 'No themes assigned to you yet'
                      : `Your themes: ${progressText(item.completed, item.total)}`
                    : progressText(item.completed, item.total)}
                </td>
                <td class="govuk-table__cell">
                  {props.now < item.opensAt ? (
                    <Tag text="Not open yet" classes="govuk-tag--grey" />
                  ) : (
                    <Tag {...RETURN_STATUS_TAGS[item.status]} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

/** What each partnership the agency's returns are for says to its agencies. */
function PartnershipIntroductions(props: {
  items: Array<Pick<ReturnListItem, 'partnershipId' | 'partnershipName' | 'partnershipIntroduction'>>;
}): JSX.Element {
  const seen = new Map<string, { name: string; introduction: string }>();
  for (const item of props.items)
    if (item.partnershipIntroduction && !seen.has(item.partnershipId))
      seen.set(item.partnershipId, {
        name: item.partnershipName,
        introduction: item.partnershipIntroduction,
      });
  return (
    <>
      {[...seen.values()].map((p) => (
        <div class="govuk-inset-text">
          {seen.size > 1 ? (
            <p class="govuk-body govuk-!-font-weight-bold" safe>
              {p.name}
            </p>
          ) : (
            ''
          )}
          <p class="govuk-body app-pre-wrap" safe>
            {p.introduction}
          </p>
        </div>
      ))}
    </>
  );
}

/** Why a theme of a return sent back for changes cannot be opened or changed. */
export const LOCKED_THEME_REASON =
  'Your partnership returned this return for changes to other themes. Only the themes it reopened can be changed; this one stays as you submitted it.';

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

/** The partnerships receiving the return: the one running the audit, and any joint partners. */
function receivers(ctx: Pick<ReturnContext, 'partnershipName' | 'jointPartnershipNames'>): string {
  const names = [ctx.partnershipName, ...ctx.jointPartnershipNames];
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
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

export interface DetailsFormState {
  completerName: string;
  completerRole: string;
  completerEmail: string;
  completerPhone: string;
}

export function DetailsPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  ctx: ReturnContext;
  state: DetailsFormState;
  /** What the form shows, fingerprinted (src/web/form-version.ts): the conflict rule's base. */
  shown: string;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const { ctx, state, errors } = m;
  return (
    <Layout
      title={`Your details – ${ctx.agencyName}`}
      {...m.chrome}
      errors={errors}
      beforeContent={<BackLink href={`/returns/${ctx.id}`} text="Back to your return" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {ctx.agencyName}
          </span>
          <h1 class="govuk-heading-l">Your details</h1>
          {submissionProblems(ctx).includes('details') ? (
            <div class="govuk-inset-text" id="details-not-saved">
              Your details are not saved yet. We have filled in what we know from your account: check them,
              add your role, and select Save and continue. The return cannot be submitted without them.
            </div>
          ) : (
            ''
          )}
          <SummaryList rows={[{ key: { text: 'Organisation' }, value: { text: ctx.agencyName } }]} />
          <form method="post" action={`/returns/${ctx.id}/details`} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <input type="hidden" name={SHOWN_FIELD} value={m.shown} />
            <Input
              id="completerName"
              name="completerName"
              autocomplete="name"
              label={{ text: 'Name of the person completing the return' }}
              value={state.completerName}
              errorMessage={fieldError(errors, 'completerName')}
            />
            <Input
              id="completerRole"
              name="completerRole"
              autocomplete="organization-title"
              label={{ text: 'Their role' }}
              hint={{ text: 'For example, Named Nurse for Safeguarding Children' }}
              value={state.completerRole}
              errorMessage={fieldError(errors, 'completerRole')}
            />
            <Input
              id="completerEmail"
              name="completerEmail"
              type="email"
              autocomplete="email"
              spellcheck={false}
              label={{ text: 'Email address' }}
              value={state.completerEmail}
              errorMessage={fieldError(errors, 'completerEmail')}
            />
            <Input
              id="completerPhone"
              name="completerPhone"
              type="tel"
              autocomplete="tel"
              classes="govuk-input--width-20"
              label={{ text: 'Telephone number (optional)' }}
              value={state.completerPhone}
              errorMessage={fieldError(errors, 'completerPhone')}
            />
            <Button text="Save and continue" />
          </form>
        </div>
      </div>
    </Layout>
  );
}

export function SavedPage(m: {
  chrome: PageChrome;
  ctx: ReturnContext;
  email: string;
  themeTitle: string;
}): JSX.Element {
  return (
    <Layout title="Your progress has been saved" {...m.chrome}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <Panel titleText="Your progress has been saved" />
          <p class="govuk-body">
            We have saved everything you entered in <strong safe>{m.themeTitle}</strong> and are emailing a
            link back to this return to <strong safe>{m.email}</strong>.
          </p>
          <p class="govuk-body">
            Use the link in the email to continue later. If it does not arrive, check your junk folder.
          </p>
          <p class="govuk-body">
            <a class="govuk-link" href={`/returns/${m.ctx.id}`}>
              Go back to your return
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}

export interface SignoffFormState {
  signoffName: string;
  signoffJobTitle: string;
  signoffDate: DateParts;
  confirm: boolean;
}

/** Partnership staff (admins and reviewers) read a return; the agency's wording is not theirs. */
const isPartnershipStaff = (ctx: ReturnContext) =>
  ctx.access === 'partnership_admin' || ctx.access === 'reviewer';

export function SignoffPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  ctx: ReturnContext;
  state: SignoffFormState;
  /** What the form shows, fingerprinted (src/web/form-version.ts): the conflict rule's base. */
  shown: string;
  errors?: FormErrors | undefined;
  editable: boolean;
}): JSX.Element {
  const { ctx, state, errors } = m;
  const dateError = fieldError(errors, 'signoffDate');
  const err = dateError ? ' govuk-input--error' : '';
  const staff = isPartnershipStaff(ctx);
  return (
    <Layout
      title={`Sign-off – ${ctx.agencyName}`}
      {...m.chrome}
      errors={errors}
      beforeContent={
        <BackLink href={`/returns/${ctx.id}`} text={staff ? 'Back to the return' : 'Back to your return'} />
      }
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {ctx.agencyName}
          </span>
          <h1 class="govuk-heading-l">
            {staff ? 'Sign-off by the agency’s senior officer' : 'Sign-off by your senior officer'}
          </h1>
          <p class="govuk-body">
            {staff
              ? 'The agency’s most senior officer (for example, the chief executive, chief constable or director) signs the return off before it is submitted. The agency lead records the sign-off: the partnership cannot record or change it.'
              : "Your organisation's most senior officer (for example, the chief executive, chief constable or director) must sign the return off before it is submitted."}
          </p>
          {ctx.signoffConfirmedAt ? (
            <div class="govuk-inset-text" id="signoff-status">
              Signed off by {escapeHtml(ctx.signoffName ?? '')}, {escapeHtml(ctx.signoffJobTitle ?? '')}, on{' '}
              {escapeHtml(formatDate(ctx.signoffDate))}.
            </div>
          ) : m.editable ? (
            ''
          ) : (
            <div class="govuk-inset-text" id="signoff-status">
              Not signed off yet.
            </div>
          )}
          {m.editable ? (
            <form method="post" action={`/returns/${ctx.id}/sign-off`} novalidate>
              <input type="hidden" name="_csrf" value={m.csrfToken} />
              <input type="hidden" name={SHOWN_FIELD} value={m.shown} />
              <Input
                id="signoffName"
                name="signoffName"
                label={{ text: 'Full name of the senior officer' }}
                value={state.signoffName}
                errorMessage={fieldError(errors, 'signoffName')}
              />
              <Input
                id="signoffJobTitle"
                name="signoffJobTitle"
                label={{ text: 'Job title' }}
                value={state.signoffJobTitle}
                errorMessage={fieldError(errors, 'signoffJobTitle')}
              />
              <DateInput
                id="signoffDate"
                namePrefix="signoffDate"
                fieldset={{ legend: { text: 'Date of sign-off', classes: 'govuk-fieldset__legend--s' } }}
                hint={{ text: 'For example, 27 3 2027' }}
                errorMessage={dateError}
                items={[
                  { name: 'day', value: state.signoffDate.day, classes: `govuk-input--width-2${err}` },
                  { name: 'month', value: state.signoffDate.month, classes: `govuk-input--width-2${err}` },
                  { name: 'year', value: state.signoffDate.year, classes: `govuk-input--width-4${err}` },
                ]}
              />
              <Checkboxes
                idPrefix="confirm"
                name="confirm"
                fieldset={{ legend: { text: 'Confirmation', classes: 'govuk-fieldset__legend--s' } }}
                errorMessage={fieldError(errors, 'confirm')}
                items={[
                  {
                    value: 'yes',
                    text: 'The senior officer named above has read this return and confirms it is an accurate account of our safeguarding arrangements',
                    checked: state.confirm,
                  },
                ]}
              />
              <Button text="Confirm sign-off" />
            </form>
          ) : (
            <p class="govuk-body">
              <a class="govuk-link" href={`/returns/${ctx.id}`}>
                Go to the return
              </a>
            </p>
          )}
        </div>
      </div>
    </Layout>
  );
}

export interface CheckThemeModel {
  theme: ThemeInfo;
  answers: ReadonlyMap<string, AnswerValues>;
  rating: ThemeRatingValues | undefined;
  unanswered: number[];
  /** A theme a contributor is not assigned: its title only, none of its answers. */
  notAssigned?: boolean;
  /** Returned for changes, but this theme was not reopened: shown without change links. */
  locked?: boolean;
  /** Focus, new and changed questions. */
  flags?: ReadonlyMap<string, QuestionFlags> | undefined;
}

export function answerRows(ctxId: string, t: CheckThemeModel, editable: boolean): SummaryListOptions['rows'] {
  const href = `/returns/${ctxId}/themes/${t.theme.id}`;
  // A question hidden by its condition is not part of the return: it is not listed.
  const rows: SummaryListOptions['rows'] = shownQuestions(t.theme.questions, t.answers).map((q) => {
    const a = t.answers.get(q.id);
    const parts: string[] = [];
    const flags = t.flags?.get(q.id);
    const tags = toHtml(
      <QuestionTags flags={flags} awaiting={a?.awaitingConfirmation === true} readOnly={!editable} />,
    );
    if (tags) parts.push(tags);
    parts.push(
      `<p class="govuk-body govuk-!-margin-bottom-1 app-pre-wrap"><strong>${hasAnswer(q, a) ? escapeHtml(answerText(q, a)) : notAnsweredText(q)}</strong></p>`,
    );
    if (a?.naReason)
      parts.push(
        `<p class="govuk-body-s govuk-!-margin-bottom-1">Why it does not apply: ${escapeHtml(a.naReason)}</p>`,
      );
    if (a?.evidenceDocument || a?.evidenceLocation)
      parts.push(
        `<p class="govuk-body-s govuk-!-margin-bottom-1">Evidence: ${escapeHtml(a.evidenceDocument || 'not named')}${a.evidenceLocation ? ` (kept: ${escapeHtml(a.evidenceLocation)})` : ''}</p>`,
      );
    if (a?.comment)
      parts.push(`<p class="govuk-body-s govuk-!-margin-bottom-1">Comments: ${escapeHtml(a.comment)}</p>`);
    if (a?.impact)
      parts.push(`<p class="govuk-body-s govuk-!-margin-bottom-1">Impact: ${escapeHtml(a.impact)}</p>`);
    if (a?.actionDescription)
      parts.push(
        `<p class="govuk-body-s govuk-!-margin-bottom-1">Area for development: ${escapeHtml(a.actionDescription)}${a.actionTargetDate ? ` (by ${escapeHtml(formatDate(a.actionTargetDate))})` : ''}</p>`,
      );
    return {
      key: { text: `${q.number}. ${q.text}` },
      value: { html: parts.join('') },
      ...(editable
        ? {
            actions: {
              items: [
                {
                  href: `${href}#question-${q.number}`,
                  text: 'Change',
                  visuallyHiddenText: `answer to question ${q.number}`,
                },
              ],
            },
          }
        : {}),
    };
  });
  const r = t.rating;
  rows.push({
    key: { text: 'Your rating for this theme' },
    value: {
      html: `${toHtml(<RagTag rating={r?.rating ?? null} />)}${r?.justification ? `<p class="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0">${escapeHtml(r.justification)}</p>` : ''}${r?.actionDescription ? `<p class="govuk-body-s govuk-!-margin-bottom-0">Area for development: ${escapeHtml(r.actionDescription)}${r.actionTargetDate ? ` (by ${escapeHtml(formatDate(r.actionTargetDate))})` : ''}</p>` : ''}`,
    },
    ...(editable
      ? {
          actions: {
            items: [
              { href: `${href}#rating-heading`, text: 'Change', visuallyHiddenText: 'rating for this theme' },
            ],
          },
        }
      : {}),
  });
  return rows;
}

export function CheckPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  ctx: ReturnContext;
  themes: CheckThemeModel[];
  editable: boolean;
  canSubmit: boolean;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const { ctx } = m;
  const unansweredThemes = m.themes.filter((t) => t.unanswered.length > 0);
  const problems = submissionProblems(ctx);
  const staff = isPartnershipStaff(ctx);
  const base = `/returns/${ctx.id}`;
  return (
    <Layout
      title={`${staff ? 'Answers' : 'Check your answers'} – ${ctx.agencyName}`}
      {...m.chrome}
      errors={m.errors}
      beforeContent={<BackLink href={base} text={staff ? 'Back to the return' : 'Back to your return'} />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-full">
          <span class="govuk-caption-l" safe>
            {ctx.agencyName}
          </span>
          <h1 class="govuk-heading-l">
            {m.editable
              ? 'Check your answers before submitting your return'
              : staff
                ? 'The agency’s answers'
                : 'Your answers'}
          </h1>
          {m.editable && unansweredThemes.length > 0 ? (
            <div class="govuk-warning-text" id="unanswered">
              <span class="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <div class="govuk-warning-text__text">
                <span class="govuk-visually-hidden">Warning</span>
                If you submit now, these unanswered questions will be graded Red, and so will their themes:
                <ul class="govuk-list govuk-list--bullet govuk-!-margin-top-2">
                  {unansweredThemes.map((t) => (
                    <li>
                      <a class="govuk-link" href={`${base}/themes/${t.theme.id}`} safe>
                        {t.theme.title}
                      </a>
                      : question{t.unanswered.length === 1 ? '' : 's'} {escapeHtml(t.unanswered.join(', '))}
                    </li>
                  ))}
                </ul>
              </div>
            </div>
          ) : (
            ''
          )}
          {m.editable && m.canSubmit && problems.length > 0 ? (
            <div class="govuk-warning-text" id="before-you-submit">
              <span class="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <div class="govuk-warning-text__text">
                <span class="govuk-visually-hidden">Warning</span>
                You cannot submit your return until you have:
                <ul class="govuk-list govuk-list--bullet govuk-!-margin-top-2">
                  {problems.includes('details') ? (
                    <li>
                      <a class="govuk-link" href={`${base}/details`}>
                        saved the details of the person completing it
                      </a>
                    </li>
                  ) : (
                    ''
                  )}
                  {problems.includes('signoff') ? (
                    <li>
                      <a class="govuk-link" href={`${base}/sign-off`}>
                        recorded its sign-off by your senior officer
                      </a>
                    </li>
                  ) : (
                    ''
                  )}
                </ul>
              </div>
            </div>
          ) : (
            ''
          )}
          {/* The completer's and signatory's contact details are not a contributor's to see (as the details page). */}
          {ctx.access === 'contributor' ? (
            ''
          ) : (
            <>
              <h2 class="govuk-heading-m" id="your-details">
                {staff ? 'Who completed and signed it off' : 'Your details'}
              </h2>
              <SummaryList
                rows={[
                  { key: { text: 'Organisation' }, value: { text: ctx.agencyName } },
                  {
                    key: { text: 'Completed by' },
                    value: {
                      text:
                        [ctx.completerName, ctx.completerRole, ctx.completerEmail, ctx.completerPhone]
                          .filter(Boolean)
                          .join(', ') || 'Not saved yet',
                    },
                    ...(m.editable && m.canSubmit
                      ? {
                          actions: {
                            items: [
                              { href: `${base}/details`, text: 'Change', visuallyHiddenText: 'your details' },
                            ],
                          },
                        }
                      : {}),
                  },
                  {
                    key: { text: 'Signed off by' },
                    value: {
                      text: ctx.signoffConfirmedAt
                        ? `${ctx.signoffName}, ${ctx.signoffJobTitle}, on ${formatDate(ctx.signoffDate)}`
                        : 'Not signed off yet',
                    },
                    ...(m.editable && m.canSubmit
                      ? {
                          actions: {
                            items: [
                              { href: `${base}/sign-off`, text: 'Change', visuallyHiddenText: 'sign-off' },
                            ],
                          },
                        }
                      : {}),
                  },
                ]}
              />
            </>
          )}
          {m.themes.map((t) => (
            <>
              <h2 class="govuk-heading-m" id={`theme-${t.theme.number}`} safe>
                {`${t.theme.number}. ${t.theme.title}`}
              </h2>
              {t.locked && m.editable ? (
                <p class="govuk-body" id={`theme-${t.theme.number}-locked`}>
                  <strong class="govuk-tag govuk-tag--grey">Locked</strong> {LOCKED_THEME_REASON}
                </p>
              ) : (
                ''
              )}
              {t.notAssigned ? (
                <p class="govuk-body">This theme is not assigned to you.</p>
              ) : (
                <SummaryList rows={answerRows(ctx.id, t, m.editable && !t.locked)} />
              )}
            </>
          ))}
          {m.editable ? (
            <>
              <h2 class="govuk-heading-m">Now submit your return</h2>
              <p class="govuk-body">
                By submitting, you confirm the return is accurate to the best of your knowledge. Once
                submitted, you cannot change it: your partnership can return it to you if changes are needed.
                A copy goes to {escapeHtml(receivers(ctx))}.
              </p>
              {m.canSubmit ? (
                <form method="post" action={`${base}/submit`} novalidate>
                  <input type="hidden" name="_csrf" value={m.csrfToken} />
                  <Button text="Submit return" attributes={{ 'data-prevent-double-click': 'true' }} />
                </form>
              ) : (
                <p class="govuk-body">Only your agency lead can submit the return.</p>
              )}
            </>
          ) : (
            ''
          )}
        </div>
      </div>
    </Layout>
  );
}

export function ConfirmationPage(m: { chrome: PageChrome; ctx: ReturnContext }): JSX.Element {
  const { ctx } = m;
  const base = `/returns/${ctx.id}`;
  return (
    <Layout title="Return submitted" {...m.chrome}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <Panel
            titleText="Return submitted"
            html={`Your reference<br><strong>${escapeHtml(ctx.reference ?? '')}</strong>`}
          />
          <p class="govuk-body">
            We are sending a confirmation email to your agency lead and a copy of your return to{' '}
            {escapeHtml(ctx.partnershipName)}.
          </p>
          <h2 class="govuk-heading-m">Keep a copy</h2>
          <p class="govuk-body">You can download these at any time from your return:</p>
          <ul class="govuk-list govuk-list--bullet">
            <li>
              <a class="govuk-link" href={`${base}/copy.pdf`}>
                Download a copy of your return (PDF)
              </a>{' '}
              or{' '}
              <a class="govuk-link" href={`${base}/copy`}>
                view a print-friendly copy
              </a>
            </li>
            <li>
              <a class="govuk-link" href={`${base}/scores`}>
                Score summary
              </a>
            </li>
            <li>
              <a class="govuk-link" href={`${base}/actions`}>
                Action plan
              </a>{' '}
              – keep it up to date through the year
            </li>
          </ul>
          <h2 class="govuk-heading-m">What happens next</h2>
          <p class="govuk-body">
            The partnership will review your return. It may ask you questions or invite you to a challenge
            event.
          </p>
          <p class="govuk-body">
            <a class="govuk-link" href="/returns">
              Go to your returns
            </a>
          </p>
        </div>
      </div>
    </Layout>
  );
}
