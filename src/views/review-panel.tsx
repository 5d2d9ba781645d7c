/**
 * The review's part of a return's task list: for the partnership a way in, for the agency what it
 * must do. It sits here, below the features, because the return's pages show what the review
 * feature found (`reviewSummaryFor` in src/web): neither feature imports the other for it.
 */
import type { Rag, ReturnStatus } from '../db/schema.ts';
import { formatDateTime } from '../lib/dates.ts';
import { plural } from '../lib/words.ts';
import { NotificationBanner } from './govuk/notification-banner.tsx';
import { Table } from './govuk/table.tsx';
import { Tag } from './govuk/tag.tsx';
import { RagTag } from './rag-tag.tsx';
import { toHtml } from './render.ts';

/** What a return's task list says about its review, for the agency and for the partnership. */
export interface ReviewSummary {
  /** The person reviews (the partnership): the task list links to the review. */
  reviewer: boolean;
  challenges: number;
  /** Challenges waiting on the agency's answer. */
  awaitingAnswer: number;
  evidence: number;
  evidenceOpen: number;
  evidenceOverdue: number;
  /** The moderated grades, each beside the agency's own rating. */
  moderated: Array<{ themeNumber: number; themeTitle: string; own: Rag | null; rating: Rag; reason: string }>;
  /** The latest decision to return it for changes, while it is returned. */
  returned: { reasons: string; at: Date; themeTitles: string[] } | null;
  events: Array<{ title: string; startsAt: Date; location: string; chair: string }>;
}

export function ReviewPanel(props: {
  ctx: { id: string; status: ReturnStatus; partnershipName: string };
  review: ReviewSummary;
}): JSX.Element {
  const { ctx, review } = props;
  const base = `/returns/${ctx.id}`;
  const reviewable = ['submitted', 'returned', 'resubmitted', 'accepted'].includes(ctx.status);
  if (review.reviewer)
    return reviewable ? (
      <p class="govuk-body">
        <a class="govuk-button govuk-!-margin-bottom-0" data-module="govuk-button" href={`${base}/review`}>
          Review this return
        </a>
      </p>
    ) : (
      ''
    );
  const anything =
    review.challenges > 0 || review.evidence > 0 || review.moderated.length > 0 || review.events.length > 0;
  return (
    <>
      {ctx.status === 'returned' && review.returned ? (
        <NotificationBanner titleText="Returned for changes" titleId="returned-banner-title">
          <h3 class="govuk-notification-banner__heading" safe>
            {`${ctx.partnershipName} returned this return for changes at ${formatDateTime(review.returned.at)}`}
          </h3>
          <p class="govuk-body app-pre-wrap" safe>
            {review.returned.reasons}
          </p>
          <p class="govuk-body">Change these themes, then check and submit the return again:</p>
          <ul class="govuk-list govuk-list--bullet" id="reopened-themes">
            {review.returned.themeTitles.map((t) => (
              <li safe>{t}</li>
            ))}
          </ul>
          <p class="govuk-body">The other themes stay as you submitted them.</p>
        </NotificationBanner>
      ) : (
        ''
      )}
      {anything ? (
        <div id="partnership-review">
          <h2 class="govuk-heading-m">Review by the partnership</h2>
          <ul class="govuk-list">
            {review.challenges > 0 ? (
              <li>
                <a class="govuk-link" href={`${base}/challenges`}>
                  Challenges from the partnership
                </a>{' '}
                {review.awaitingAnswer > 0 ? (
                  <Tag
                    text={`${plural(review.awaitingAnswer, 'challenge')} to answer`}
                    classes="govuk-tag--orange"
                  />
                ) : (
                  <span
                    class="govuk-body-s"
                    safe
                  >{`(${plural(review.challenges, 'challenge')}, all answered)`}</span>
                )}
              </li>
            ) : (
              ''
            )}
            {review.evidence > 0 ? (
              <li>
                <a class="govuk-link" href={`${base}/evidence`}>
                  Evidence requests
                </a>{' '}
                {review.evidenceOverdue > 0 ? (
                  <Tag
                    text={`${plural(review.evidenceOverdue, 'request')} overdue`}
                    classes="govuk-tag--red"
                  />
                ) : (
                  <span
                    class="govuk-body-s"
                    safe
                  >{`(${review.evidenceOpen} open of ${review.evidence})`}</span>
                )}
              </li>
            ) : (
              ''
            )}
          </ul>
          {review.moderated.length > 0 ? (
            <Table
              caption="Moderated grades"
              captionClasses="govuk-table__caption--s"
              attributes={{ id: 'moderated-grades' }}
              head={[
                { text: 'Theme' },
                { text: 'Your rating' },
                { text: 'Moderated grade' },
                { text: 'Reason' },
              ]}
              rows={review.moderated.map((m) => [
                { text: `${m.themeNumber}. ${m.themeTitle}` },
                { html: toHtml(<RagTag rating={m.own} />) },
                { html: toHtml(<RagTag rating={m.rating} />) },
                { text: m.reason, classes: 'govuk-body-s app-pre-wrap' },
              ])}
            />
          ) : (
            ''
          )}
          {review.events.length > 0 ? (
            <>
              <h3 class="govuk-heading-s">Challenge events</h3>
              <ul class="govuk-list govuk-list--bullet" id="challenge-events">
                {review.events.map((e) => (
                  <li
                    safe
                  >{`${e.title}: ${formatDateTime(e.startsAt)}, ${e.location} (chair: ${e.chair})`}</li>
                ))}
              </ul>
            </>
          ) : (
            ''
          )}
        </div>
      ) : (
        ''
      )}
    </>
  );
}
