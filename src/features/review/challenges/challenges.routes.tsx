/**
 * Challenges: the partnership raises them (/returns/:id/review/challenges/new); both sides read them
 * (/returns/:id/challenges); the agency answers, the partnership follows up and closes.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError, notFound } from '../../../lib/http-errors.ts';
import { isUuid } from '../../../lib/tokens.ts';
import type { FormErrors } from '../../../views/form-errors.ts';
import { handleForm } from '../../../web/form-route.ts';
import { takePendingForm } from '../../../web/pending-form.ts';
import { loadReturnContext, type ReturnParams } from '../../../web/return-context.ts';
import type { ReturnContext } from '../../returns/returns.repository.ts';
import { listEventsForReturn } from '../challenge-events.repository.ts';
import { listChallenges } from '../review.repository.ts';
import { addToChallenge, closeChallengeFor, raiseChallenge } from '../review.service.ts';
import {
  answersForAgency,
  assertReviewer,
  assertUnderReview,
  isReviewer,
  seesReviewItem,
} from '../review-access.ts';
import { type Done, reviewKit } from '../review-kit.ts';
import { challengeSchema, challengeState } from './challenge.form.ts';
import { ChallengeListPage, ChallengeThreadPage } from './challenges.view.tsx';
import { messageSchema, messageState } from './message.form.ts';
import { ChallengeFormPage } from './raise.view.tsx';

type ChallengeParams = { Params: { returnId: string; challengeId: string } } & Done;

const closedChallenge = (ctx: ReturnContext, id: string) =>
  new HttpError(
    409,
    'This challenge is closed',
    'Nothing more can be added to it. What you wrote was not saved.',
    [{ text: 'Go back to the challenge', href: `/returns/${ctx.id}/challenges/${id}` }],
  );

export async function challengeRoutes(app: FastifyInstance): Promise<void> {
  const { db, clock, deps, themesOf, reviewer, formChrome, formPage, notice } = reviewKit(app);

  app.get<ReturnParams & Done>('/returns/:returnId/review/challenges/new', async (request, reply) => {
    const { ctx, themes } = await reviewer(request);
    assertUnderReview(ctx);
    const pending = await takePendingForm(app, request, reply);
    const state = pending
      ? challengeState(pending.body)
      : { themeId: themes.some((t) => t.id === request.query.theme) ? request.query.theme! : '', body: '' };
    return formPage(request, reply, ChallengeFormPage, { ctx, themes, state });
  });

  app.post<ReturnParams>('/returns/:returnId/review/challenges/new', async (request, reply) => {
    const { ctx, themes } = await reviewer(request);
    assertUnderReview(ctx);
    return handleForm(request, reply, {
      state: challengeState,
      schema: challengeSchema(themes.map((t) => t.id)),
      invalid: async (state, errors) =>
        ChallengeFormPage({ ctx, themes, state, ...(await formChrome(request, reply, errors)) }),
      save: async (values) => {
        const theme = themes.find((t) => t.id === values.themeId) ?? null;
        const id = await raiseChallenge(deps, ctx, theme, values.body, request.user!, clock.now());
        return `/returns/${ctx.id}/challenges/${id}?done=challenge-raised`;
      },
    });
  });

  app.get<ReturnParams & Done>('/returns/:returnId/challenges', async (request, reply) => {
    const ctx = await loadReturnContext(db, request);
    const [themes, challenges, events] = await Promise.all([
      themesOf(ctx),
      listChallenges(db, ctx.partnershipId, ctx.id),
      listEventsForReturn(db, ctx.partnershipId, ctx.id),
    ]);
    return reply.html(
      ChallengeListPage({
        chrome: await request.chrome(reply),
        ctx,
        themes,
        challenges: challenges.filter((c) => seesReviewItem(ctx, c.themeId)),
        events,
        reviewer: isReviewer(ctx),
      }),
    );
  });

  async function loadChallenge(request: FastifyRequest<ChallengeParams>) {
    const ctx = await loadReturnContext(db, request);
    if (!isUuid(request.params.challengeId)) throw notFound('Challenge');
    const challenge = (await listChallenges(db, ctx.partnershipId, ctx.id)).find(
      (c) => c.id === request.params.challengeId,
    );
    // A contributor is told nothing of a challenge on another theme.
    if (!challenge || !seesReviewItem(ctx, challenge.themeId)) throw notFound('Challenge');
    const themes = await themesOf(ctx);
    const side: 'agency' | 'partnership' = isReviewer(ctx) ? 'partnership' : 'agency';
    return { ctx, challenge, side, theme: themes.find((t) => t.id === challenge.themeId) ?? null };
  }

  async function threadPage(
    request: FastifyRequest<ChallengeParams>,
    reply: FastifyReply,
    loaded: Awaited<ReturnType<typeof loadChallenge>>,
    message: string,
    errors?: FormErrors,
  ) {
    const { ctx, challenge, theme, side } = loaded;
    return ChallengeThreadPage({
      ...(await formChrome(request, reply, errors)),
      ctx,
      challenge,
      theme,
      side,
      canWrite:
        challenge.status !== 'closed' && (side === 'partnership' || answersForAgency(ctx, challenge.themeId)),
      message,
      notice: notice(request),
    });
  }

  app.get<ChallengeParams>('/returns/:returnId/challenges/:challengeId', async (request, reply) => {
    const loaded = await loadChallenge(request);
    const pending = await takePendingForm(app, request, reply);
    const message = pending ? messageState(pending.body).message : '';
    return reply.html(await threadPage(request, reply, loaded, message));
  });

  app.post<ChallengeParams>('/returns/:returnId/challenges/:challengeId', async (request, reply) => {
    const loaded = await loadChallenge(request);
    const { ctx, challenge, theme, side } = loaded;
    if (side === 'agency' && !answersForAgency(ctx, challenge.themeId)) throw notFound('Challenge');
    if (challenge.status === 'closed') throw closedChallenge(ctx, challenge.id);
    return handleForm(request, reply, {
      state: messageState,
      schema: messageSchema(side),
      invalid: (state, errors) => threadPage(request, reply, loaded, state.message, errors),
      save: async (values) => {
        const user = request.user!;
        const added = await addToChallenge(
          deps,
          ctx,
          challenge,
          theme,
          side,
          values.message,
          user,
          clock.now(),
        );
        if (!added) throw closedChallenge(ctx, challenge.id);
        return `/returns/${ctx.id}/challenges/${challenge.id}?done=${side === 'agency' ? 'answered' : 'followed-up'}`;
      },
    });
  });

  app.post<ChallengeParams>('/returns/:returnId/challenges/:challengeId/close', async (request, reply) => {
    const { ctx, challenge, theme } = await loadChallenge(request);
    assertReviewer(ctx);
    if (challenge.status !== 'closed')
      await closeChallengeFor(deps, ctx, challenge.id, theme, request.user!.id, clock.now());
    return reply.redirect(`/returns/${ctx.id}/challenges/${challenge.id}?done=challenge-closed`, 303);
  });
}
