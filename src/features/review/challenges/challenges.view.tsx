/** The challenges of a return, and one challenge's thread: both sides read them and write in turn. */
import { formatDateTime } from '../../../lib/dates.ts';
import { fieldError } from '../../../views/form-errors.ts';
import { BackLink } from '../../../views/govuk/back-link.tsx';
import { Button } from '../../../views/govuk/button.tsx';
import { CharacterCount } from '../../../views/govuk/character-count.tsx';
import { Layout, type PageChrome } from '../../../views/layout.tsx';
import type { ThemeInfo } from '../../returns/return-structure.ts';
import type { ReturnContext } from '../../returns/returns.repository.ts';
import type { Challenge } from '../review.repository.ts';
import type { FormChrome } from '../review-kit.ts';
import {
  ChallengeStatusTag,
  ChallengeTable,
  EventList,
  type Events,
  Notice,
  ReturnCaption,
} from '../review-parts.tsx';
import { MESSAGE_MAX } from './message.form.ts';

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

export function ChallengeThreadPage(
  m: {
    ctx: ReturnContext;
    challenge: Challenge;
    theme: ThemeInfo | null;
    side: 'agency' | 'partnership';
    canWrite: boolean;
    message: string;
    notice?: string | undefined;
  } & FormChrome,
): JSX.Element {
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
              <CharacterCount
                id="message"
                name="message"
                maxlength={MESSAGE_MAX}
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
  // The agency reads what the partnership asked; the partnership's staff, what they asked the agency.
  const heading = m.reviewer ? 'Challenges to the agency' : 'Challenges from the partnership';
  return (
    <Layout
      title={`${heading} – ${ctx.agencyName}`}
      {...m.chrome}
      beforeContent={
        <BackLink
          href={m.reviewer ? `/returns/${ctx.id}/review` : `/returns/${ctx.id}`}
          text={m.reviewer ? 'Back to the review' : 'Back to your return'}
        />
      }
    >
      <ReturnCaption ctx={ctx} />
      <h1 class="govuk-heading-l">{heading}</h1>
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
