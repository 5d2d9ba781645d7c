/** The review's pages: the partnership's review, challenge threads, grades, evidence and outcome. */
import { escapeHtml } from '@kitajs/html';
import { formatDate, formatDateTime } from '../../lib/dates.ts';
import { dateInputItems } from '../../views/date-items.ts';
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { Checkboxes } from '../../views/govuk/checkboxes.tsx';
import { DateInput } from '../../views/govuk/date-input.tsx';
import { FileUpload } from '../../views/govuk/file-upload.tsx';
import { NotificationBanner } from '../../views/govuk/notification-banner.tsx';
import { Radios } from '../../views/govuk/radios.tsx';
import { Select } from '../../views/govuk/select.tsx';
import { SummaryList } from '../../views/govuk/summary-list.tsx';
import { Table } from '../../views/govuk/table.tsx';
import { Tag } from '../../views/govuk/tag.tsx';
import { Textarea } from '../../views/govuk/textarea.tsx';
import { WarningText } from '../../views/govuk/warning-text.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import { RagTag } from '../../views/rag-tag.tsx';
import { toHtml } from '../../views/render.ts';
import { RETURN_STATUS_TAGS } from '../returns/return-presenters.ts';
import type { ThemeInfo, ThemeRatingValues } from '../returns/return-structure.ts';
import type { ReturnContext } from '../returns/returns.repository.ts';
import { formatFileSize } from './evidence-file.ts';
import type {
  Challenge,
  ChallengeStatus,
  EvidenceRequest,
  Moderation,
  OutcomeRecord,
} from './review.repository.ts';
import type { ChallengeState, EvidenceRequestState, GradeState, OutcomeState } from './review-forms.ts';
import { isEvidenceOverdue } from './review-summary.ts';

export const REVIEW_NOTICES: Record<string, string> = {
  'challenge-raised': 'Challenge sent: we are emailing the agency a link to it',
  answered: 'Your answer has been sent to the partnership',
  'followed-up': 'Follow-up sent: we are emailing the agency a link to it',
  'challenge-closed': 'Challenge closed',
  graded: 'Moderated grade recorded',
  'evidence-requested': 'Evidence requested: we are emailing the agency a link to the request',
  'evidence-answered': 'Your answer has been sent to the partnership',
  'evidence-satisfied': 'Evidence request marked as satisfied',
  accepted: 'Return accepted: we are emailing the agency',
  returned: 'Return sent back for changes: we are emailing the agency',
};

type Events = Array<{ title: string; startsAt: Date; location: string; chair: string }>;

/** A grade with its reason below it (the reason escaped). */
const gradeHtml = (rating: 'red' | 'amber' | 'green' | null, reason: string) =>
  `${toHtml(<RagTag rating={rating} />)}${reason ? `<span class="govuk-body-s govuk-!-display-block govuk-!-margin-top-1 app-pre-wrap">${escapeHtml(reason)}</span>` : ''}`;

const themeName = (themes: ThemeInfo[], themeId: string | null) => {
  const t = themes.find((x) => x.id === themeId);
  return t ? `${t.number}. ${t.title}` : 'The return as a whole';
};

export function ChallengeStatusTag(props: {
  status: ChallengeStatus;
  side: 'agency' | 'partnership';
}): JSX.Element {
  if (props.status === 'closed') return <Tag text="Closed" classes="govuk-tag--grey" />;
  if (props.status === 'answered')
    return (
      <Tag text={props.side === 'agency' ? 'Answered' : 'Answered: to review'} classes="govuk-tag--blue" />
    );
  return (
    <Tag
      text={props.side === 'agency' ? 'To answer' : 'Waiting for the agency'}
      classes="govuk-tag--orange"
    />
  );
}

export function EvidenceStatusTag(props: { request: EvidenceRequest; now: Date }): JSX.Element {
  const r = props.request;
  if (r.closedAt) return <Tag text="Satisfied" classes="govuk-tag--green" />;
  if (isEvidenceOverdue(r, props.now)) return <Tag text="Overdue" classes="govuk-tag--red" />;
  if (r.respondedAt) return <Tag text="Answered" classes="govuk-tag--blue" />;
  return <Tag text="Requested" classes="govuk-tag--yellow" />;
}

function ReturnCaption(props: { ctx: ReturnContext }): JSX.Element {
  return (
    <span class="govuk-caption-l" safe>
      {`${props.ctx.agencyName} – ${props.ctx.cycleName}`}
    </span>
  );
}

function Notice(props: { text?: string | undefined }): JSX.Element {
  return props.text ? <NotificationBanner type="success" text={props.text} /> : '';
}

export function ReviewPage(m: {
  chrome: PageChrome;
  ctx: ReturnContext;
  themes: ThemeInfo[];
  ratings: ReadonlyMap<string, ThemeRatingValues>;
  moderations: ReadonlyMap<string, Moderation>;
  challenges: Challenge[];
  evidence: EvidenceRequest[];
  outcomes: OutcomeRecord[];
  events: Events;
  now: Date;
  underReview: boolean;
  mayDecide: boolean;
  /** Reviewing as a joint partner: the partnership running the audit decides the outcome. */
  partner: boolean;
  notice?: string | undefined;
}): JSX.Element {
  const { ctx } = m;
  const base = `/returns/${ctx.id}`;
  return (
    <Layout
      title={`Review – ${ctx.agencyName}`}
      {...m.chrome}
      beforeContent={<BackLink href={`/cycles/${ctx.cycleId}`} text="Back to the audit" />}
    >
      <Notice text={m.notice} />
      <ReturnCaption ctx={ctx} />
      <h1 class="govuk-heading-l">Review of the return</h1>
      <p class="govuk-body">
        <Tag {...RETURN_STATUS_TAGS[ctx.status]} />
      </p>
      {!m.underReview && ctx.status !== 'accepted' ? (
        <WarningText text="This return has not been submitted yet. You can review it once the agency submits it." />
      ) : (
        ''
      )}
      <SummaryList
        rows={[
          {
            key: { text: 'Reference' },
            value: { text: ctx.reference ?? 'Not submitted yet' },
          },
          {
            key: { text: 'Submitted' },
            value: {
              text: ctx.submittedAt
                ? `${formatDateTime(ctx.submittedAt)} by ${ctx.submittedByName ?? 'the agency'}`
                : 'Not yet',
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
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href={`${base}/check`}>
            Read the agency’s answers
          </a>
        </li>
        <li>
          <a class="govuk-link" href={`${base}/scores`}>
            Score summary
          </a>
          {' · '}
          <a class="govuk-link" href={`${base}/actions`}>
            Action plan
          </a>
          {' · '}
          <a class="govuk-link" href={`${base}/copy.pdf`}>
            Copy (PDF)
          </a>
          {' · '}
          <a class="govuk-link" href={`${base}/history`}>
            Change history
          </a>
        </li>
      </ul>

      <h2 class="govuk-heading-m" id="outcome">
        Outcome
      </h2>
      {m.outcomes.length > 0 ? (
        <ul class="govuk-list" id="outcomes">
          {m.outcomes.map((o) => (
            <li>
              <strong>{o.decision === 'accepted' ? 'Accepted' : 'Returned for changes'}</strong>{' '}
              <span class="govuk-body-s" safe>
                {`at ${formatDateTime(o.createdAt)} by ${o.decidedByName ?? 'the partnership'}`}
              </span>
              {o.themeIds.length ? (
                <span class="govuk-body-s govuk-!-display-block" safe>
                  {`Themes reopened: ${o.themeIds.map((id) => themeName(m.themes, id)).join('; ')}`}
                </span>
              ) : (
                ''
              )}
              {o.reasons ? (
                <span class="govuk-body-s govuk-!-display-block app-pre-wrap" safe>
                  {o.reasons}
                </span>
              ) : (
                ''
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p class="govuk-body">No outcome has been recorded yet.</p>
      )}
      {m.mayDecide ? (
        <Button text="Record the outcome" href={`${base}/review/outcome`} />
      ) : ctx.status === 'returned' ? (
        <p class="govuk-body">
          The agency is making changes. You can decide again once it resubmits the return.
        </p>
      ) : m.partner && (ctx.status === 'submitted' || ctx.status === 'resubmitted') ? (
        <p class="govuk-body" safe>
          {`${ctx.partnershipName} runs this joint audit and records the outcome.`}
        </p>
      ) : (
        ''
      )}

      <h2 class="govuk-heading-m" id="grades">
        Grades
      </h2>
      <p class="govuk-body">
        The agency’s own rating of each theme, and the partnership’s moderated grade beside it. Both stay
        visible; the agency sees the moderated grades once they are recorded.
      </p>
      <Table
        caption="Grades by theme"
        captionClasses="govuk-visually-hidden"
        attributes={{ id: 'grades-table' }}
        firstCellIsHeader
        head={[
          { text: 'Theme' },
          { text: 'Agency’s rating' },
          { text: 'Moderated grade' },
          { html: '<span class="govuk-visually-hidden">Actions</span>' },
        ]}
        rows={m.themes.map((t) => {
          const own = m.ratings.get(t.id);
          const mod = m.moderations.get(t.id);
          return [
            { text: `${t.number}. ${t.title}` },
            { html: gradeHtml(own?.rating ?? null, own?.justification ?? '') },
            {
              html: mod
                ? gradeHtml(mod.rating, mod.reason)
                : '<span class="govuk-body-s">Not moderated</span>',
            },
            {
              html: m.underReview
                ? toHtml(
                    <>
                      <a class="govuk-link" href={`${base}/review/grades/${t.id}`}>
                        {mod ? 'Change' : 'Record'}
                        <span class="govuk-visually-hidden" safe>{` moderated grade for ${t.title}`}</span>
                      </a>
                      <a
                        class="govuk-link govuk-!-display-block"
                        href={`${base}/review/challenges/new?theme=${t.id}`}
                      >
                        Challenge<span class="govuk-visually-hidden" safe>{` on ${t.title}`}</span>
                      </a>
                    </>,
                  )
                : '',
            },
          ];
        })}
      />

      <h2 class="govuk-heading-m" id="challenges">
        Challenges
      </h2>
      {m.underReview ? (
        <Button
          text="Raise a challenge"
          href={`${base}/review/challenges/new`}
          classes="govuk-button--secondary"
        />
      ) : (
        ''
      )}
      <ChallengeTable ctx={ctx} themes={m.themes} challenges={m.challenges} side="partnership" />

      <h2 class="govuk-heading-m" id="evidence">
        Evidence requests
      </h2>
      {m.underReview ? (
        <Button
          text="Request evidence"
          href={`${base}/review/evidence/new`}
          classes="govuk-button--secondary"
        />
      ) : (
        ''
      )}
      <EvidenceTable ctx={ctx} themes={m.themes} requests={m.evidence} now={m.now} />

      <h2 class="govuk-heading-m">Challenge events</h2>
      <EventList events={m.events} />
      <p class="govuk-body">
        <a class="govuk-link" href={`/cycles/${ctx.cycleId}/challenge-events`}>
          Challenge events of this audit
        </a>
      </p>
    </Layout>
  );
}

function EventList(props: { events: Events }): JSX.Element {
  if (props.events.length === 0) return <p class="govuk-body">None scheduled with this agency.</p>;
  return (
    <ul class="govuk-list govuk-list--bullet">
      {props.events.map((e) => (
        <li safe>{`${e.title}: ${formatDateTime(e.startsAt)}, ${e.location} (chair: ${e.chair})`}</li>
      ))}
    </ul>
  );
}

function ChallengeTable(props: {
  ctx: ReturnContext;
  themes: ThemeInfo[];
  challenges: Challenge[];
  side: 'agency' | 'partnership';
}): JSX.Element {
  if (props.challenges.length === 0) return <p class="govuk-body">There are no challenges.</p>;
  return (
    <Table
      caption="Challenges"
      captionClasses="govuk-visually-hidden"
      attributes={{ id: 'challenge-table' }}
      firstCellIsHeader
      head={[{ text: 'About' }, { text: 'Raised' }, { text: 'Replies' }, { text: 'Status' }]}
      rows={props.challenges.map((c, i) => [
        {
          html: toHtml(
            <>
              <a class="govuk-link" href={`/returns/${props.ctx.id}/challenges/${c.id}`}>
                Challenge {i + 1}
                <span class="govuk-visually-hidden" safe>{` on ${themeName(props.themes, c.themeId)}`}</span>
              </a>
              <span class="govuk-body-s govuk-!-display-block govuk-!-font-weight-regular" safe>
                {themeName(props.themes, c.themeId)}
              </span>
            </>,
          ),
        },
        {
          text: `${formatDateTime(c.createdAt)} by ${c.raisedByName ?? 'the partnership'}`,
          classes: 'govuk-body-s',
        },
        { text: c.messages.length, classes: 'govuk-body-s' },
        { html: toHtml(<ChallengeStatusTag status={c.status} side={props.side} />) },
      ])}
    />
  );
}

function EvidenceTable(props: {
  ctx: ReturnContext;
  themes: ThemeInfo[];
  requests: EvidenceRequest[];
  now: Date;
}): JSX.Element {
  if (props.requests.length === 0) return <p class="govuk-body">There are no evidence requests.</p>;
  return (
    <Table
      caption="Evidence requests"
      captionClasses="govuk-visually-hidden"
      attributes={{ id: 'evidence-table' }}
      firstCellIsHeader
      head={[{ text: 'Evidence' }, { text: 'Needed by' }, { text: 'Status' }]}
      rows={props.requests.map((r) => [
        {
          html: toHtml(
            <>
              <a class="govuk-link app-break-word" href={`/returns/${props.ctx.id}/evidence/${r.id}`} safe>
                {r.description}
              </a>
              <span class="govuk-body-s govuk-!-display-block govuk-!-font-weight-regular" safe>
                {themeName(props.themes, r.themeId)}
              </span>
            </>,
          ),
        },
        { text: formatDate(r.dueDate), classes: 'govuk-body-s' },
        { html: toHtml(<EvidenceStatusTag request={r} now={props.now} />) },
      ])}
    />
  );
}

function ThemeSelect(props: {
  themes: ThemeInfo[];
  value: string;
  label: string;
  errors?: FormErrors | undefined;
}): JSX.Element {
  return (
    <Select
      id="themeId"
      name="themeId"
      label={{ text: props.label, classes: 'govuk-label--s' }}
      value={props.value}
      errorMessage={fieldError(props.errors, 'themeId')}
      items={[
        { value: '', text: 'The return as a whole' },
        ...props.themes.map((t) => ({ value: t.id, text: `${t.number}. ${t.title}` })),
      ]}
    />
  );
}

export function ChallengeFormPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  ctx: ReturnContext;
  themes: ThemeInfo[];
  state: ChallengeState;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const { ctx } = m;
  return (
    <Layout
      title={`Raise a challenge – ${ctx.agencyName}`}
      {...m.chrome}
      errors={m.errors}
      beforeContent={<BackLink href={`/returns/${ctx.id}/review#challenges`} text="Back to the review" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ReturnCaption ctx={ctx} />
          <h1 class="govuk-heading-l">Raise a challenge</h1>
          <p class="govuk-body">
            Ask the agency a question or make a comment about its return. Its agency lead, and the colleagues
            who answer the theme, are emailed a link to it (never what you write). They answer here.
          </p>
          <form method="post" action={`/returns/${ctx.id}/review/challenges/new`} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <ThemeSelect
              themes={m.themes}
              value={m.state.themeId}
              label="What is it about?"
              errors={m.errors}
            />
            <Textarea
              id="body"
              name="body"
              rows={8}
              label={{ text: 'Your challenge question or comment', classes: 'govuk-label--s' }}
              value={m.state.body}
              errorMessage={fieldError(m.errors, 'body')}
            />
            <Button text="Send challenge" preventDoubleClick />
          </form>
        </div>
      </div>
    </Layout>
  );
}

function Thread(props: { challenge: Challenge; partnershipName: string; agencyName: string }): JSX.Element {
  const c = props.challenge;
  const entries = [
    { side: 'partnership' as const, body: c.body, authorName: c.raisedByName, createdAt: c.createdAt },
    ...c.messages,
  ];
  return (
    <ol class="govuk-list app-thread" id="thread">
      {entries.map((e) => (
        <li class="govuk-!-margin-bottom-6">
          <h2 class="govuk-heading-s govuk-!-margin-bottom-1" safe>
            {`${e.authorName ?? 'Someone no longer here'} (${e.side === 'partnership' ? props.partnershipName : props.agencyName})`}
          </h2>
          <p class="govuk-body-s govuk-!-margin-bottom-2" safe>
            {formatDateTime(e.createdAt)}
          </p>
          <div class="govuk-inset-text govuk-!-margin-top-0 app-pre-wrap app-break-word" safe>
            {e.body}
          </div>
        </li>
      ))}
    </ol>
  );
}

export function ChallengeThreadPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  ctx: ReturnContext;
  challenge: Challenge;
  theme: ThemeInfo | null;
  side: 'agency' | 'partnership';
  canWrite: boolean;
  message: string;
  errors?: FormErrors | undefined;
  notice?: string | undefined;
}): JSX.Element {
  const { ctx, challenge } = m;
  const action = `/returns/${ctx.id}/challenges/${challenge.id}`;
  return (
    <Layout
      title={`Challenge – ${ctx.agencyName}`}
      {...m.chrome}
      errors={m.errors}
      beforeContent={
        <BackLink
          href={
            m.side === 'partnership'
              ? `/returns/${ctx.id}/review#challenges`
              : `/returns/${ctx.id}/challenges`
          }
          text={m.side === 'partnership' ? 'Back to the review' : 'Back to the challenges'}
        />
      }
    >
      <Notice text={m.notice} />
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ReturnCaption ctx={ctx} />
          <h1 class="govuk-heading-l" safe>
            {`Challenge on ${m.theme ? `${m.theme.number}. ${m.theme.title}` : 'the return as a whole'}`}
          </h1>
          <p class="govuk-body">
            <ChallengeStatusTag status={challenge.status} side={m.side} />
          </p>
          <Thread challenge={challenge} partnershipName={ctx.partnershipName} agencyName={ctx.agencyName} />
          {m.canWrite ? (
            <form method="post" action={action} novalidate>
              <input type="hidden" name="_csrf" value={m.csrfToken} />
              <Textarea
                id="message"
                name="message"
                rows={6}
                label={{
                  text: m.side === 'agency' ? 'Your answer' : 'Follow-up question or comment',
                  classes: 'govuk-label--m',
                }}
                value={m.message}
                errorMessage={fieldError(m.errors, 'message')}
              />
              <Button text={m.side === 'agency' ? 'Send answer' : 'Send follow-up'} preventDoubleClick />
            </form>
          ) : challenge.status === 'closed' ? (
            <p class="govuk-body">The partnership has closed this challenge.</p>
          ) : (
            ''
          )}
          {m.side === 'partnership' && challenge.status !== 'closed' ? (
            <form method="post" action={`${action}/close`} novalidate>
              <input type="hidden" name="_csrf" value={m.csrfToken} />
              <Button text="Close this challenge" classes="govuk-button--secondary" />
            </form>
          ) : (
            ''
          )}
        </div>
      </div>
    </Layout>
  );
}

export function ChallengeListPage(m: {
  chrome: PageChrome;
  ctx: ReturnContext;
  themes: ThemeInfo[];
  challenges: Challenge[];
  events: Events;
  reviewer: boolean;
}): JSX.Element {
  const { ctx } = m;
  return (
    <Layout
      title={`Challenges from the partnership – ${ctx.agencyName}`}
      {...m.chrome}
      beforeContent={
        <BackLink
          href={m.reviewer ? `/returns/${ctx.id}/review` : `/returns/${ctx.id}`}
          text={m.reviewer ? 'Back to the review' : 'Back to your return'}
        />
      }
    >
      <ReturnCaption ctx={ctx} />
      <h1 class="govuk-heading-l">Challenges from the partnership</h1>
      {m.reviewer ? (
        ''
      ) : (
        <p class="govuk-body" safe>
          {`${ctx.partnershipName} has asked these questions about your return. Answer each one; the partnership may follow up before closing it.`}
        </p>
      )}
      <ChallengeTable
        ctx={ctx}
        themes={m.themes}
        challenges={m.challenges}
        side={m.reviewer ? 'partnership' : 'agency'}
      />
      <h2 class="govuk-heading-m">Challenge events</h2>
      <EventList events={m.events} />
      <p class="govuk-body">
        <a class="govuk-link" href={`/returns/${ctx.id}/evidence`}>
          Evidence requests
        </a>
      </p>
    </Layout>
  );
}

export function GradeFormPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  ctx: ReturnContext;
  theme: ThemeInfo;
  own: ThemeRatingValues | undefined;
  state: GradeState;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const { ctx, theme } = m;
  const descriptors = theme.gradeDescriptors as Partial<Record<'red' | 'amber' | 'green', string>> | null;
  return (
    <Layout
      title={`Moderated grade – ${theme.title}`}
      {...m.chrome}
      errors={m.errors}
      beforeContent={<BackLink href={`/returns/${ctx.id}/review#grades`} text="Back to the review" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ReturnCaption ctx={ctx} />
          <h1 class="govuk-heading-l" safe>
            {`Moderated grade: ${theme.number}. ${theme.title}`}
          </h1>
          <SummaryList
            rows={[
              {
                key: { text: 'Agency’s own rating' },
                value: {
                  html: gradeHtml(m.own?.rating ?? null, m.own?.justification ?? ''),
                },
              },
            ]}
          />
          <p class="govuk-body">
            <a class="govuk-link" href={`/returns/${ctx.id}/check#theme-${theme.number}`}>
              Read the agency’s answers for this theme
            </a>
          </p>
          <form method="post" action={`/returns/${ctx.id}/review/grades/${theme.id}`} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <Radios
              name="rating"
              idPrefix="rating"
              value={m.state.rating}
              fieldset={{ legend: { text: 'Moderated grade', classes: 'govuk-fieldset__legend--m' } }}
              errorMessage={fieldError(m.errors, 'rating')}
              items={(['red', 'amber', 'green'] as const).map((r) => ({
                value: r,
                text: r === 'red' ? 'Red' : r === 'amber' ? 'Amber' : 'Green',
                ...(descriptors?.[r] ? { hint: { text: descriptors[r] } } : {}),
              }))}
            />
            <Textarea
              id="reason"
              name="reason"
              rows={6}
              label={{ text: 'Reason for the moderated grade', classes: 'govuk-label--s' }}
              hint={{ text: 'The agency sees this beside its own rating.' }}
              value={m.state.reason}
              errorMessage={fieldError(m.errors, 'reason')}
            />
            <Button text="Save moderated grade" />
          </form>
        </div>
      </div>
    </Layout>
  );
}

export function EvidenceRequestFormPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  ctx: ReturnContext;
  themes: ThemeInfo[];
  state: EvidenceRequestState;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const { ctx } = m;
  const dateError = fieldError(m.errors, 'dueDate');
  return (
    <Layout
      title={`Request evidence – ${ctx.agencyName}`}
      {...m.chrome}
      errors={m.errors}
      beforeContent={<BackLink href={`/returns/${ctx.id}/review#evidence`} text="Back to the review" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ReturnCaption ctx={ctx} />
          <h1 class="govuk-heading-l">Request evidence</h1>
          <form method="post" action={`/returns/${ctx.id}/review/evidence/new`} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <ThemeSelect
              themes={m.themes}
              value={m.state.themeId}
              label="What is it about?"
              errors={m.errors}
            />
            <Textarea
              id="description"
              name="description"
              rows={4}
              label={{ text: 'Evidence you need', classes: 'govuk-label--s' }}
              hint={{
                text: 'Name the document or record, for example “Safer recruitment audit 2026 and its action plan”',
              }}
              value={m.state.description}
              errorMessage={fieldError(m.errors, 'description')}
            />
            <DateInput
              id="dueDate"
              namePrefix="dueDate"
              fieldset={{ legend: { text: 'Needed by', classes: 'govuk-fieldset__legend--s' } }}
              hint={{ text: 'For example, 27 3 2027' }}
              errorMessage={dateError}
              items={dateInputItems(m.state.dueDate, dateError !== undefined)}
            />
            <Button text="Send request" preventDoubleClick />
          </form>
        </div>
      </div>
    </Layout>
  );
}

export function EvidenceListPage(m: {
  chrome: PageChrome;
  ctx: ReturnContext;
  themes: ThemeInfo[];
  requests: EvidenceRequest[];
  now: Date;
  reviewer: boolean;
}): JSX.Element {
  const { ctx } = m;
  const overdue = m.requests.filter((r) => isEvidenceOverdue(r, m.now)).length;
  return (
    <Layout
      title={`Evidence requests – ${ctx.agencyName}`}
      {...m.chrome}
      beforeContent={
        <BackLink
          href={m.reviewer ? `/returns/${ctx.id}/review` : `/returns/${ctx.id}`}
          text={m.reviewer ? 'Back to the review' : 'Back to your return'}
        />
      }
    >
      <ReturnCaption ctx={ctx} />
      <h1 class="govuk-heading-l">Evidence requests</h1>
      {overdue > 0 ? (
        <WarningText
          text={`${overdue} request${overdue === 1 ? ' is' : 's are'} past the date ${m.reviewer ? 'it was' : 'the partnership'} needed ${m.reviewer ? 'by' : 'it by'}.`}
        />
      ) : (
        ''
      )}
      <EvidenceTable ctx={ctx} themes={m.themes} requests={m.requests} now={m.now} />
    </Layout>
  );
}

export function EvidenceRequestPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  ctx: ReturnContext;
  evidence: EvidenceRequest;
  theme: ThemeInfo | null;
  now: Date;
  reviewer: boolean;
  canAnswer: boolean;
  reference: string;
  errors?: FormErrors | undefined;
  notice?: string | undefined;
}): JSX.Element {
  const { ctx, evidence: r } = m;
  const base = `/returns/${ctx.id}/evidence/${r.id}`;
  const overdue = isEvidenceOverdue(r, m.now);
  return (
    <Layout
      title={`Evidence request – ${ctx.agencyName}`}
      {...m.chrome}
      errors={m.errors}
      beforeContent={
        <BackLink
          href={m.reviewer ? `/returns/${ctx.id}/review#evidence` : `/returns/${ctx.id}/evidence`}
          text={m.reviewer ? 'Back to the review' : 'Back to the evidence requests'}
        />
      }
    >
      <Notice text={m.notice} />
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ReturnCaption ctx={ctx} />
          <h1 class="govuk-heading-l">Evidence request</h1>
          <p class="govuk-body">
            <EvidenceStatusTag request={r} now={m.now} />
          </p>
          {overdue && !m.reviewer ? (
            <WarningText
              text={`This was needed by ${formatDate(r.dueDate)}. Answer it as soon as you can.`}
            />
          ) : (
            ''
          )}
          <SummaryList
            rows={[
              { key: { text: 'Evidence needed' }, value: { text: r.description, classes: 'app-pre-wrap' } },
              {
                key: { text: 'About' },
                value: { text: m.theme ? `${m.theme.number}. ${m.theme.title}` : 'The return as a whole' },
              },
              { key: { text: 'Needed by' }, value: { text: formatDate(r.dueDate) } },
              {
                key: { text: 'Asked' },
                value: {
                  text: `${formatDateTime(r.createdAt)} by ${r.requestedByName ?? 'the partnership'}`,
                },
              },
              {
                key: { text: 'Where it is kept' },
                value: { text: r.responseReference || 'Not given' },
              },
              {
                key: { text: 'Answered' },
                value: {
                  text: r.respondedAt
                    ? `${formatDateTime(r.respondedAt)} by ${r.respondedByName ?? 'the agency'}`
                    : 'Not yet',
                },
              },
              ...(r.closedAt
                ? [{ key: { text: 'Satisfied' }, value: { text: formatDateTime(r.closedAt) } }]
                : []),
            ]}
          />
          <h2 class="govuk-heading-m">Files</h2>
          {r.files.length === 0 ? (
            <p class="govuk-body">No files uploaded.</p>
          ) : (
            <ul class="govuk-list" id="evidence-files">
              {r.files.map((f) => (
                <li>
                  <a class="govuk-link app-break-word" href={`${base}/files/${f.id}`} safe>
                    {f.fileName}
                  </a>{' '}
                  <span class="govuk-body-s" safe>
                    {`(${formatFileSize(f.size)}, uploaded ${formatDateTime(f.createdAt)} by ${f.uploadedByName ?? 'the agency'})`}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {m.canAnswer ? (
            <form method="post" action={base} enctype="multipart/form-data" novalidate>
              <input type="hidden" name="_csrf" value={m.csrfToken} />
              <h2 class="govuk-heading-m">{r.respondedAt ? 'Add to your answer' : 'Your answer'}</h2>
              <Textarea
                id="reference"
                name="reference"
                rows={3}
                label={{ text: 'Where the evidence is kept', classes: 'govuk-label--s' }}
                hint={{ text: 'For example, the document name and the shared drive or system it is on' }}
                value={m.reference}
                errorMessage={fieldError(m.errors, 'reference')}
              />
              <FileUpload
                id="file"
                name="file"
                label={{ text: 'Upload a file (optional)', classes: 'govuk-label--s' }}
                hint={{ text: 'A PDF, Word, Excel, PNG or JPEG file, smaller than 5 MB' }}
                errorMessage={fieldError(m.errors, 'file')}
                attributes={{ accept: '.pdf,.doc,.docx,.xls,.xlsx,.png,.jpg,.jpeg' }}
              />
              <Button text="Send answer" preventDoubleClick />
            </form>
          ) : (
            ''
          )}
          {m.reviewer && r.closedAt === null ? (
            <form method="post" action={`${base}/satisfied`} novalidate>
              <input type="hidden" name="_csrf" value={m.csrfToken} />
              <Button text="Mark as satisfied" classes="govuk-button--secondary" />
            </form>
          ) : (
            ''
          )}
        </div>
      </div>
    </Layout>
  );
}

export function OutcomeFormPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  ctx: ReturnContext;
  themes: ThemeInfo[];
  state: OutcomeState;
  errors?: FormErrors | undefined;
  openChallenges: number;
  openEvidence: number;
}): JSX.Element {
  const { ctx } = m;
  return (
    <Layout
      title={`Outcome of the review – ${ctx.agencyName}`}
      {...m.chrome}
      errors={m.errors}
      beforeContent={<BackLink href={`/returns/${ctx.id}/review#outcome`} text="Back to the review" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <ReturnCaption ctx={ctx} />
          <h1 class="govuk-heading-l">Outcome of the review</h1>
          {m.openChallenges + m.openEvidence > 0 ? (
            <WarningText
              text={`There ${m.openChallenges === 1 ? 'is' : 'are'} ${m.openChallenges} challenge${m.openChallenges === 1 ? '' : 's'} not closed and ${m.openEvidence} evidence request${m.openEvidence === 1 ? '' : 's'} not satisfied.`}
            />
          ) : (
            ''
          )}
          <form method="post" action={`/returns/${ctx.id}/review/outcome`} novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <Radios
              name="decision"
              idPrefix="decision"
              value={m.state.decision}
              fieldset={{ legend: { text: 'What is the outcome?', classes: 'govuk-fieldset__legend--m' } }}
              errorMessage={fieldError(m.errors, 'decision')}
              items={[
                {
                  value: 'accepted',
                  text: 'Accept the return',
                  hint: { text: 'Its review is finished. The agency keeps its action plan up to date.' },
                },
                {
                  value: 'returned',
                  text: 'Return it for changes',
                  hint: {
                    text: 'Only the themes you choose below are reopened for the agency; the others stay locked.',
                  },
                },
              ]}
            />
            <Checkboxes
              idPrefix="themeIds"
              name="themeIds"
              values={m.state.themeIds}
              fieldset={{
                legend: {
                  text: 'Themes to reopen (if returning it for changes)',
                  classes: 'govuk-fieldset__legend--s',
                },
              }}
              errorMessage={fieldError(m.errors, 'themeIds')}
              items={m.themes.map((t) => ({ value: t.id, text: `${t.number}. ${t.title}` }))}
            />
            <Textarea
              id="reasons"
              name="reasons"
              rows={6}
              label={{ text: 'Reasons', classes: 'govuk-label--s' }}
              hint={{ text: 'Needed when returning it for changes: the agency reads them on its return.' }}
              value={m.state.reasons}
              errorMessage={fieldError(m.errors, 'reasons')}
            />
            <Button text="Record the outcome" preventDoubleClick />
          </form>
        </div>
      </div>
    </Layout>
  );
}
