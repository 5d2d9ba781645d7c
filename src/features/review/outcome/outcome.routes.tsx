/** The outcome of the review (acceptance, or return for changes), decided by the partnership running the audit. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FormErrors } from '../../../views/form-errors.ts';
import { handleForm } from '../../../web/form-route.ts';
import { takePendingForm } from '../../../web/pending-form.ts';
import type { ReturnParams } from '../../../web/return-context.ts';
import type { ThemeInfo } from '../../returns/return-structure.ts';
import type { ReturnContext } from '../../returns/returns.repository.ts';
import { listChallenges, listEvidenceRequests } from '../review.repository.ts';
import { decideOutcome } from '../review.service.ts';
import { assertMayDecide } from '../review-access.ts';
import { reviewKit } from '../review-kit.ts';
import { type OutcomeState, outcomeSchema, outcomeState } from './outcome.form.ts';
import { OutcomeFormPage } from './outcome.view.tsx';

export async function outcomeRoutes(app: FastifyInstance): Promise<void> {
  const { db, clock, deps, reviewer, formChrome } = reviewKit(app);

  async function outcomePage(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: ReturnContext,
    themes: ThemeInfo[],
    state: OutcomeState,
    errors?: FormErrors,
  ) {
    const [challenges, evidence] = await Promise.all([
      listChallenges(db, ctx.partnershipId, ctx.id),
      listEvidenceRequests(db, ctx.partnershipId, ctx.id),
    ]);
    return OutcomeFormPage({
      ...(await formChrome(request, reply, errors)),
      ctx,
      themes,
      state,
      openChallenges: challenges.filter((c) => c.status !== 'closed').length,
      openEvidence: evidence.filter((e) => e.closedAt === null).length,
    });
  }

  app.get<ReturnParams>('/returns/:returnId/review/outcome', async (request, reply) => {
    const { ctx, themes } = await reviewer(request);
    assertMayDecide(ctx, request.user!);
    const pending = await takePendingForm(app, request, reply);
    const state = pending ? outcomeState(pending.body) : { decision: '', reasons: '', themeIds: [] };
    return reply.html(await outcomePage(request, reply, ctx, themes, state));
  });

  app.post<ReturnParams>('/returns/:returnId/review/outcome', async (request, reply) => {
    const { ctx, themes } = await reviewer(request);
    assertMayDecide(ctx, request.user!);
    return handleForm(request, reply, {
      state: outcomeState,
      schema: outcomeSchema(themes.map((t) => t.id)),
      invalid: (state, errors) => outcomePage(request, reply, ctx, themes, state, errors),
      save: async (values) => {
        await decideOutcome(deps, ctx, themes, values, request.user!, clock.now());
        return `/returns/${ctx.id}/review?done=${values.decision}`;
      },
    });
  });
}
