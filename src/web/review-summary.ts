/**
 * What a return's task list says about its review, for the agency and for the partnership: read
 * from the review feature for the return's pages, so neither feature imports the other.
 */
import type { DbOrTx } from '../db/client.ts';
import type { ThemeInfo } from '../features/returns/return-structure.ts';
import type { loadRatings, ReturnContext } from '../features/returns/returns.repository.ts';
import { loadReviewSummaryRows } from '../features/review/review.repository.ts';
import { isReviewer, seesReviewItem } from '../features/review/review-access.ts';
import { isEvidenceOverdue } from '../features/review/review-rules.ts';
import type { ReviewSummary } from '../views/review-panel.tsx';

export async function reviewSummaryFor(
  db: DbOrTx,
  ctx: ReturnContext,
  themes: ThemeInfo[],
  ratings: Awaited<ReturnType<typeof loadRatings>>,
  now: Date,
): Promise<ReviewSummary> {
  // Challenges, evidence requests, moderated grades and outcomes start at submission: a return
  // never submitted has none, so its task list (the page agencies open most while they work) reads
  // only the challenge events its agency may be invited to. Everything is read in one statement.
  const { challenges, evidence, moderations, lastReturned, events } = await loadReviewSummaryRows(
    db,
    ctx.partnershipId,
    ctx.id,
    {
      submitted: ctx.status !== 'not_started' && ctx.status !== 'in_progress',
      returned: ctx.status === 'returned',
    },
  );
  const mine = challenges.filter((c) => seesReviewItem(ctx, c.themeId));
  const asked = evidence.filter((e) => seesReviewItem(ctx, e.themeId));
  return {
    reviewer: isReviewer(ctx),
    challenges: mine.length,
    awaitingAnswer: mine.filter((c) => c.status === 'open').length,
    evidence: asked.length,
    evidenceOpen: asked.filter((e) => e.closedAt === null).length,
    evidenceOverdue: asked.filter((e) => isEvidenceOverdue(e, now)).length,
    moderated: themes.flatMap((t) => {
      const m = moderations.get(t.id);
      return m && seesReviewItem(ctx, t.id)
        ? [
            {
              themeNumber: t.number,
              themeTitle: t.title,
              own: ratings.get(t.id)?.rating ?? null,
              rating: m.rating,
              reason: m.reason,
            },
          ]
        : [];
    }),
    returned: lastReturned
      ? {
          reasons: lastReturned.reasons,
          at: lastReturned.createdAt,
          themeTitles: themes
            .filter((t) => lastReturned.themeIds.includes(t.id))
            .map((t) => `${t.number}. ${t.title}`),
        }
      : null,
    events,
  };
}
