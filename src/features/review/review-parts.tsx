/**
 * What the review's pages share: the notices after a change, the caption naming the return, the
 * status tags, the tables of challenges and evidence requests, and the theme choice.
 */
import { escapeHtml } from '@kitajs/html';
import { formatDate, formatDateTime } from '../../lib/dates.ts';
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { NotificationBanner } from '../../views/govuk/notification-banner.tsx';
import { Select } from '../../views/govuk/select.tsx';
import { Table } from '../../views/govuk/table.tsx';
import { Tag } from '../../views/govuk/tag.tsx';
import { RagTag } from '../../views/rag-tag.tsx';
import { toHtml } from '../../views/render.ts';
import type { ThemeInfo } from '../returns/return-structure.ts';
import type { ReturnContext } from '../returns/returns.repository.ts';
import type { Challenge, ChallengeStatus, EvidenceRequest } from './review.repository.ts';
import { isEvidenceOverdue } from './review-rules.ts';

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

export type Events = Array<{ title: string; startsAt: Date; location: string; chair: string }>;

/** A grade with its reason below it (the reason escaped). */
export const gradeHtml = (rating: 'red' | 'amber' | 'green' | null, reason: string) =>
  `${toHtml(<RagTag rating={rating} />)}${reason ? `<span class="govuk-body-s govuk-!-display-block govuk-!-margin-top-1 app-pre-wrap">${escapeHtml(reason)}</span>` : ''}`;

export const themeName = (themes: ThemeInfo[], themeId: string | null) => {
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

export function ReturnCaption(props: { ctx: ReturnContext }): JSX.Element {
  return (
    <span class="govuk-caption-l" safe>
      {`${props.ctx.agencyName} – ${props.ctx.cycleName}`}
    </span>
  );
}

export function Notice(props: { text?: string | undefined }): JSX.Element {
  return props.text ? <NotificationBanner type="success" text={props.text} /> : '';
}

export function EventList(props: { events: Events }): JSX.Element {
  if (props.events.length === 0) return <p class="govuk-body">None scheduled with this agency.</p>;
  return (
    <ul class="govuk-list govuk-list--bullet">
      {props.events.map((e) => (
        <li safe>{`${e.title}: ${formatDateTime(e.startsAt)}, ${e.location} (chair: ${e.chair})`}</li>
      ))}
    </ul>
  );
}

export function ChallengeTable(props: {
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

export function EvidenceTable(props: {
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

export function ThemeSelect(props: {
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
