/** The partnership's review of one return: its outcome, grades, challenges, evidence and events. */

import type { QuestionDocument } from '../../../domain/question-documents.repository.ts';
import { formatDate, formatDateTime } from '../../../lib/dates.ts';
import { BackLink } from '../../../views/govuk/back-link.tsx';
import { Button } from '../../../views/govuk/button.tsx';
import { SummaryList } from '../../../views/govuk/summary-list.tsx';
import { Table } from '../../../views/govuk/table.tsx';
import { Tag } from '../../../views/govuk/tag.tsx';
import { WarningText } from '../../../views/govuk/warning-text.tsx';
import { Layout, type PageChrome } from '../../../views/layout.tsx';
import { toHtml } from '../../../views/render.ts';
import { RETURN_STATUS_TAGS } from '../../returns/return-presenters.ts';
import type { ThemeInfo, ThemeRatingValues } from '../../returns/return-structure.ts';
import type { ReturnContext } from '../../returns/returns.repository.ts';
import type { Challenge, EvidenceRequest, Moderation, OutcomeRecord } from '../review.repository.ts';
import {
  ChallengeTable,
  EventList,
  type Events,
  EvidenceTable,
  gradeHtml,
  Notice,
  ReturnCaption,
  themeName,
} from '../review-parts.tsx';
import { ReviewDocuments } from './documents.view.tsx';

export function ReviewPage(m: {
  chrome: PageChrome;
  ctx: ReturnContext;
  themes: ThemeInfo[];
  ratings: ReadonlyMap<string, ThemeRatingValues>;
  moderations: ReadonlyMap<string, Moderation>;
  challenges: Challenge[];
  evidence: EvidenceRequest[];
  /** The documents attached to the return's questions. */
  documents: readonly QuestionDocument[];
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

      <h2 class="govuk-heading-m" id="documents">
        Documents attached to the answers
      </h2>
      <ReviewDocuments returnId={ctx.id} themes={m.themes} documents={m.documents} />

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
