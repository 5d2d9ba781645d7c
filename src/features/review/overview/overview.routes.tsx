/** The partnership's review page of a return (GET /returns/:returnId/review). */
import type { FastifyInstance } from 'fastify';
import { listQuestionDocuments } from '../../../domain/question-documents.repository.ts';
import type { ReturnParams } from '../../../web/return-context.ts';
import { loadRatings } from '../../returns/returns.repository.ts';
import { listEventsForReturn } from '../challenge-events.repository.ts';
import { listChallenges, listEvidenceRequests, listModerations, listOutcomes } from '../review.repository.ts';
import { AWAITING_OUTCOME, reviewsForLead, UNDER_REVIEW } from '../review-access.ts';
import { type Done, reviewKit } from '../review-kit.ts';
import { ReviewPage } from './overview.view.tsx';

export async function overviewRoutes(app: FastifyInstance): Promise<void> {
  const { db, clock, reviewer, notice } = reviewKit(app);

  app.get<ReturnParams & Done>('/returns/:returnId/review', async (request, reply) => {
    const { ctx, themes } = await reviewer(request);
    const [ratings, moderations, challenges, evidence, outcomes, events, documents] = await Promise.all([
      loadRatings(db, ctx.partnershipId, ctx.id),
      listModerations(db, ctx.partnershipId, ctx.id),
      listChallenges(db, ctx.partnershipId, ctx.id),
      listEvidenceRequests(db, ctx.partnershipId, ctx.id),
      listOutcomes(db, ctx.partnershipId, ctx.id),
      listEventsForReturn(db, ctx.partnershipId, ctx.id),
      listQuestionDocuments(db, ctx.partnershipId, ctx.id),
    ]);
    return reply.html(
      ReviewPage({
        chrome: await request.chrome(reply),
        ctx,
        themes,
        ratings,
        moderations,
        challenges,
        evidence,
        documents,
        outcomes,
        events,
        now: clock.now(),
        underReview: UNDER_REVIEW.has(ctx.status),
        mayDecide: AWAITING_OUTCOME.has(ctx.status) && reviewsForLead(ctx, request.user!),
        partner: !reviewsForLead(ctx, request.user!),
        notice: notice(request),
      }),
    );
  });
}
