/**
 * The review of a return. The partnership's side lives under /returns/:id/review; the challenge
 * threads and evidence requests are shared by both sides (/returns/:id/challenges, /evidence), each
 * person seeing what the rules in review-access.ts allow. Every route loads the return through
 * `loadReturnContext`, so a return the person may not see is a 404.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { londonDate } from '../../lib/dates.ts';
import { attachment } from '../../lib/downloads.ts';
import { acceptFileUploads, isUpload } from '../../lib/file-uploads.ts';
import { HttpError, notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import { FormErrorBuilder, type FormErrors } from '../../views/form-errors.ts';
import type { PageChrome } from '../../views/layout.tsx';
import { takePendingForm } from '../../web/pending-form.ts';
import { loadReturnContext, type ReturnParams } from '../../web/return-context.ts';
import { applicableThemes } from '../returns/return-rules.ts';
import { loadReturnStructure } from '../returns/return-structure.repository.ts';
import type { ThemeInfo } from '../returns/return-structure.ts';
import { loadRatings, type ReturnContext } from '../returns/returns.repository.ts';
import { listEventsForReturn } from './challenge-events.repository.ts';
import { checkEvidenceFile, EVIDENCE_MAX_BYTES } from './evidence-file.ts';
import {
  findEvidenceFile,
  listChallenges,
  listEvidenceRequests,
  listModerations,
  listOutcomes,
} from './review.repository.ts';
import {
  addToChallenge,
  answerEvidence,
  closeChallengeFor,
  decideOutcome,
  markEvidenceSatisfied,
  moderateTheme,
  raiseChallenge,
  requestEvidence,
} from './review.service.ts';
import {
  ChallengeFormPage,
  ChallengeListPage,
  ChallengeThreadPage,
  EvidenceListPage,
  EvidenceRequestFormPage,
  EvidenceRequestPage,
  GradeFormPage,
  OutcomeFormPage,
  REVIEW_NOTICES,
  ReviewPage,
} from './review.view.tsx';
import {
  AWAITING_OUTCOME,
  answersForAgency,
  assertMayDecide,
  assertReviewer,
  assertUnderReview,
  isReviewer,
  reviewsForLead,
  seesReviewItem,
  UNDER_REVIEW,
} from './review-access.ts';
import {
  type OutcomeState,
  parseChallenge,
  parseEvidenceRequest,
  parseEvidenceResponse,
  parseGrade,
  parseMessage,
  parseOutcome,
} from './review-forms.ts';

type Done = { Querystring: { done?: string; theme?: string } };
type ChallengeParams = { Params: { returnId: string; challengeId: string } } & Done;
type ThemeParams = { Params: { returnId: string; themeId: string } } & Done;
type EvidenceParams = { Params: { returnId: string; requestId: string } } & Done;
type FileParams = { Params: { returnId: string; requestId: string; fileId: string } } & Done;

export async function reviewRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock, mailer, config } = app.deps;
  const db = database.db;
  const deps = { db, mailer, baseUrl: config.baseUrl };

  async function themesOf(ctx: ReturnContext): Promise<ThemeInfo[]> {
    const structure = await loadReturnStructure(db, ctx.partnershipId, ctx.templateVersionId);
    return applicableThemes(structure.themes, ctx.agencyLocalityIds, ctx.agencySector);
  }

  async function reviewer(request: FastifyRequest<ReturnParams>) {
    const ctx = await loadReturnContext(db, request);
    assertReviewer(ctx);
    return { ctx, themes: await themesOf(ctx) };
  }

  const csrf = (request: FastifyRequest, reply: FastifyReply) => app.sessions.csrfToken(request, reply);
  const notice = (request: FastifyRequest<Done>) => REVIEW_NOTICES[request.query.done ?? ''];

  /** A form page with the page chrome and CSRF token; 422 when it shows errors. */
  async function formPage<P extends object>(
    request: FastifyRequest,
    reply: FastifyReply,
    Page: (m: P & { chrome: PageChrome; csrfToken: string; errors?: FormErrors | undefined }) => JSX.Element,
    props: P,
    errors?: FormErrors,
  ) {
    return reply.html(
      Page({ ...props, chrome: await request.chrome(reply), csrfToken: await csrf(request, reply), errors }),
      errors ? 422 : 200,
    );
  }

  const ownRating = async (ctx: ReturnContext, theme: ThemeInfo) =>
    (await loadRatings(db, ctx.partnershipId, ctx.id)).get(theme.id);

  // The partnership's review page.
  app.get<ReturnParams & Done>('/returns/:returnId/review', async (request, reply) => {
    const { ctx, themes } = await reviewer(request);
    const [ratings, moderations, challenges, evidence, outcomes, events] = await Promise.all([
      loadRatings(db, ctx.partnershipId, ctx.id),
      listModerations(db, ctx.partnershipId, ctx.id),
      listChallenges(db, ctx.partnershipId, ctx.id),
      listEvidenceRequests(db, ctx.partnershipId, ctx.id),
      listOutcomes(db, ctx.partnershipId, ctx.id),
      listEventsForReturn(db, ctx.id),
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

  // Challenges: the partnership raises them.
  app.get<ReturnParams & Done>('/returns/:returnId/review/challenges/new', async (request, reply) => {
    const { ctx, themes } = await reviewer(request);
    assertUnderReview(ctx);
    const pending = await takePendingForm(app, request, reply);
    const state = pending
      ? parseChallenge(
          pending.body,
          themes.map((t) => t.id),
        ).state
      : { themeId: themes.some((t) => t.id === request.query.theme) ? request.query.theme! : '', body: '' };
    return formPage(request, reply, ChallengeFormPage, { ctx, themes, state });
  });

  app.post<ReturnParams>('/returns/:returnId/review/challenges/new', async (request, reply) => {
    const { ctx, themes } = await reviewer(request);
    assertUnderReview(ctx);
    const parsed = parseChallenge(
      (request.body ?? {}) as Record<string, unknown>,
      themes.map((t) => t.id),
    );
    if (!parsed.values)
      return formPage(request, reply, ChallengeFormPage, { ctx, themes, state: parsed.state }, parsed.errors);
    const theme = themes.find((t) => t.id === parsed.values.themeId) ?? null;
    const id = await raiseChallenge(deps, ctx, theme, parsed.values.body, request.user!, clock.now());
    return reply.redirect(`/returns/${ctx.id}/challenges/${id}?done=challenge-raised`, 303);
  });

  // Challenges: both sides read them; the agency answers, the partnership follows up and closes.
  app.get<ReturnParams & Done>('/returns/:returnId/challenges', async (request, reply) => {
    const ctx = await loadReturnContext(db, request);
    const [themes, challenges, events] = await Promise.all([
      themesOf(ctx),
      listChallenges(db, ctx.partnershipId, ctx.id),
      listEventsForReturn(db, ctx.id),
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
    return { ctx, challenge, theme: themes.find((t) => t.id === challenge.themeId) ?? null };
  }

  async function threadPage(
    request: FastifyRequest<ChallengeParams>,
    reply: FastifyReply,
    loaded: Awaited<ReturnType<typeof loadChallenge>>,
    message: string,
    errors?: FormErrors,
  ) {
    const { ctx, challenge, theme } = loaded;
    const side = isReviewer(ctx) ? 'partnership' : 'agency';
    return reply.html(
      ChallengeThreadPage({
        chrome: await request.chrome(reply),
        csrfToken: await csrf(request, reply),
        ctx,
        challenge,
        theme,
        side,
        canWrite:
          challenge.status !== 'closed' &&
          (side === 'partnership' || answersForAgency(ctx, challenge.themeId)),
        message,
        errors,
        notice: notice(request),
      }),
      errors ? 422 : 200,
    );
  }

  app.get<ChallengeParams>('/returns/:returnId/challenges/:challengeId', async (request, reply) => {
    const loaded = await loadChallenge(request);
    const pending = await takePendingForm(app, request, reply);
    return threadPage(
      request,
      reply,
      loaded,
      typeof pending?.body.message === 'string' ? pending.body.message : '',
    );
  });

  const closedChallenge = (ctx: ReturnContext, id: string) =>
    new HttpError(
      409,
      'This challenge is closed',
      'Nothing more can be added to it. What you wrote was not saved.',
      [{ text: 'Go back to the challenge', href: `/returns/${ctx.id}/challenges/${id}` }],
    );

  app.post<ChallengeParams>('/returns/:returnId/challenges/:challengeId', async (request, reply) => {
    const loaded = await loadChallenge(request);
    const { ctx, challenge, theme } = loaded;
    const side = isReviewer(ctx) ? 'partnership' : 'agency';
    if (side === 'agency' && !answersForAgency(ctx, challenge.themeId)) throw notFound('Challenge');
    const parsed = parseMessage((request.body ?? {}) as Record<string, unknown>, side);
    if (challenge.status === 'closed') throw closedChallenge(ctx, challenge.id);
    if (!parsed.values) return threadPage(request, reply, loaded, parsed.state.message, parsed.errors);
    const added = await addToChallenge(
      deps,
      ctx,
      challenge,
      theme,
      side,
      parsed.values.message,
      request.user!,
      clock.now(),
    );
    if (!added) throw closedChallenge(ctx, challenge.id);
    return reply.redirect(
      `/returns/${ctx.id}/challenges/${challenge.id}?done=${side === 'agency' ? 'answered' : 'followed-up'}`,
      303,
    );
  });

  app.post<ChallengeParams>('/returns/:returnId/challenges/:challengeId/close', async (request, reply) => {
    const { ctx, challenge, theme } = await loadChallenge(request);
    assertReviewer(ctx);
    if (challenge.status !== 'closed')
      await closeChallengeFor(deps, ctx, challenge.id, theme, request.user!.id, clock.now());
    return reply.redirect(`/returns/${ctx.id}/challenges/${challenge.id}?done=challenge-closed`, 303);
  });

  // Moderated grades.
  async function gradeTheme(request: FastifyRequest<ThemeParams>) {
    const { ctx, themes } = await reviewer(request);
    if (!isUuid(request.params.themeId)) throw notFound('Theme');
    const theme = themes.find((t) => t.id === request.params.themeId);
    if (!theme) throw notFound('Theme');
    assertUnderReview(ctx);
    return { ctx, theme };
  }

  app.get<ThemeParams>('/returns/:returnId/review/grades/:themeId', async (request, reply) => {
    const { ctx, theme } = await gradeTheme(request);
    const pending = await takePendingForm(app, request, reply);
    const saved = (await listModerations(db, ctx.partnershipId, ctx.id)).get(theme.id);
    const state = pending
      ? parseGrade(pending.body).state
      : { rating: saved?.rating ?? '', reason: saved?.reason ?? '' };
    return formPage(request, reply, GradeFormPage, { ctx, theme, own: await ownRating(ctx, theme), state });
  });

  app.post<ThemeParams>('/returns/:returnId/review/grades/:themeId', async (request, reply) => {
    const { ctx, theme } = await gradeTheme(request);
    const parsed = parseGrade((request.body ?? {}) as Record<string, unknown>);
    if (!parsed.values)
      return formPage(
        request,
        reply,
        GradeFormPage,
        { ctx, theme, own: await ownRating(ctx, theme), state: parsed.state },
        parsed.errors,
      );
    await moderateTheme(deps, ctx, theme, parsed.values, request.user!.id, clock.now());
    return reply.redirect(`/returns/${ctx.id}/review?done=graded#grades`, 303);
  });

  // Evidence requests: the partnership asks.
  app.get<ReturnParams & Done>('/returns/:returnId/review/evidence/new', async (request, reply) => {
    const { ctx, themes } = await reviewer(request);
    assertUnderReview(ctx);
    const pending = await takePendingForm(app, request, reply);
    const state = pending
      ? parseEvidenceRequest(
          pending.body,
          themes.map((t) => t.id),
          londonDate(clock.now()),
        ).state
      : {
          themeId: themes.some((t) => t.id === request.query.theme) ? request.query.theme! : '',
          description: '',
          dueDate: { day: '', month: '', year: '' },
        };
    return formPage(request, reply, EvidenceRequestFormPage, { ctx, themes, state });
  });

  app.post<ReturnParams>('/returns/:returnId/review/evidence/new', async (request, reply) => {
    const { ctx, themes } = await reviewer(request);
    assertUnderReview(ctx);
    const now = clock.now();
    const parsed = parseEvidenceRequest(
      (request.body ?? {}) as Record<string, unknown>,
      themes.map((t) => t.id),
      londonDate(now),
    );
    if (!parsed.values)
      return formPage(
        request,
        reply,
        EvidenceRequestFormPage,
        { ctx, themes, state: parsed.state },
        parsed.errors,
      );
    const theme = themes.find((t) => t.id === parsed.values.themeId) ?? null;
    const id = await requestEvidence(deps, ctx, theme, parsed.values, request.user!.id, now);
    return reply.redirect(`/returns/${ctx.id}/evidence/${id}?done=evidence-requested`, 303);
  });

  // Evidence requests: both sides read them; the agency answers, the partnership marks them satisfied.
  app.get<ReturnParams>('/returns/:returnId/evidence', async (request, reply) => {
    const ctx = await loadReturnContext(db, request);
    const [themes, evidence] = await Promise.all([
      themesOf(ctx),
      listEvidenceRequests(db, ctx.partnershipId, ctx.id),
    ]);
    return reply.html(
      EvidenceListPage({
        chrome: await request.chrome(reply),
        ctx,
        themes,
        requests: evidence.filter((e) => seesReviewItem(ctx, e.themeId)),
        now: clock.now(),
        reviewer: isReviewer(ctx),
      }),
    );
  });

  async function loadRequest(request: FastifyRequest<EvidenceParams>) {
    const ctx = await loadReturnContext(db, request);
    if (!isUuid(request.params.requestId)) throw notFound('Evidence request');
    const found = (await listEvidenceRequests(db, ctx.partnershipId, ctx.id)).find(
      (e) => e.id === request.params.requestId,
    );
    if (!found || !seesReviewItem(ctx, found.themeId)) throw notFound('Evidence request');
    const themes = await themesOf(ctx);
    return { ctx, evidence: found, theme: themes.find((t) => t.id === found.themeId) ?? null };
  }

  async function requestPage(
    request: FastifyRequest<EvidenceParams>,
    reply: FastifyReply,
    loaded: Awaited<ReturnType<typeof loadRequest>>,
    reference: string,
    errors?: FormErrors,
  ) {
    const { ctx, evidence, theme } = loaded;
    return reply.html(
      EvidenceRequestPage({
        chrome: await request.chrome(reply),
        csrfToken: await csrf(request, reply),
        ctx,
        evidence,
        theme,
        now: clock.now(),
        reviewer: isReviewer(ctx),
        canAnswer: evidence.closedAt === null && answersForAgency(ctx, evidence.themeId),
        reference,
        errors,
        notice: notice(request),
      }),
      errors ? 422 : 200,
    );
  }

  app.get<EvidenceParams>('/returns/:returnId/evidence/:requestId', async (request, reply) => {
    const loaded = await loadRequest(request);
    const pending = await takePendingForm(app, request, reply);
    const reference =
      typeof pending?.body.reference === 'string'
        ? pending.body.reference
        : loaded.evidence.responseReference;
    return requestPage(request, reply, loaded, reference);
  });

  // The agency's answer may carry a file: only this route reads multipart forms.
  await app.register(async (upload) => {
    // Room for the reference's 1,000 characters in any script (up to 4 bytes each), so it is never cut.
    await acceptFileUploads(upload, EVIDENCE_MAX_BYTES, 4000 + 1);
    upload.post<EvidenceParams>('/returns/:returnId/evidence/:requestId', async (request, reply) => {
      const loaded = await loadRequest(request);
      const { ctx, evidence, theme } = loaded;
      if (!answersForAgency(ctx, evidence.themeId))
        throw new HttpError(
          403,
          'Only the agency can answer this',
          'The agency answers evidence requests. You can read its answer here.',
          [{ text: 'Go back to the request', href: `/returns/${ctx.id}/evidence/${evidence.id}` }],
        );
      const body = (request.body ?? {}) as Record<string, unknown>;
      const parsed = parseEvidenceResponse(body);
      const file = body.file;
      const errors = new FormErrorBuilder();
      let checked: { fileName: string; contentType: string; data: Buffer } | null = null;
      if (isUpload(file) && file.fileName !== '') {
        const check = checkEvidenceFile(file.fileName, file.data, file.truncated);
        if (check.ok) checked = { fileName: check.fileName, contentType: check.contentType, data: file.data };
        else errors.add('file', check.error);
      }
      if (parsed.errors) for (const e of parsed.errors.list) errors.add(e.href.slice(1), e.text);
      if (!errors.hasErrors && !checked && !parsed.values?.reference)
        errors.add('reference', 'Enter where the evidence is kept, or choose a file to upload');
      if (evidence.closedAt !== null)
        throw new HttpError(
          409,
          'This request has been marked satisfied',
          'Nothing more is needed. What you sent was not saved.',
          [{ text: 'Go back to the request', href: `/returns/${ctx.id}/evidence/${evidence.id}` }],
        );
      if (errors.hasErrors)
        return requestPage(request, reply, loaded, parsed.state.reference, errors.build());
      const ok = await answerEvidence(
        deps,
        ctx,
        evidence,
        theme,
        { reference: parsed.values!.reference, file: checked },
        request.user!,
        clock.now(),
      );
      if (!ok) return reply.redirect(`/returns/${ctx.id}/evidence/${evidence.id}`, 303);
      return reply.redirect(`/returns/${ctx.id}/evidence/${evidence.id}?done=evidence-answered`, 303);
    });
  });

  app.post<EvidenceParams>('/returns/:returnId/evidence/:requestId/satisfied', async (request, reply) => {
    const { ctx, evidence, theme } = await loadRequest(request);
    assertReviewer(ctx);
    if (evidence.closedAt === null)
      await markEvidenceSatisfied(deps, ctx, evidence.id, theme, request.user!.id, clock.now());
    return reply.redirect(`/returns/${ctx.id}/evidence/${evidence.id}?done=evidence-satisfied`, 303);
  });

  app.get<FileParams>('/returns/:returnId/evidence/:requestId/files/:fileId', async (request, reply) => {
    const { ctx, evidence } = await loadRequest(request);
    if (!isUuid(request.params.fileId)) throw notFound('File');
    const file = await findEvidenceFile(db, ctx.partnershipId, ctx.id, evidence.id, request.params.fileId);
    if (!file) throw notFound('File');
    return reply
      .type(file.contentType)
      .header('cache-control', 'private, no-store')
      .header('content-disposition', attachment(file.fileName))
      .send(file.data);
  });

  // The outcome.
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
    return formPage(
      request,
      reply,
      OutcomeFormPage,
      {
        ctx,
        themes,
        state,
        openChallenges: challenges.filter((c) => c.status !== 'closed').length,
        openEvidence: evidence.filter((e) => e.closedAt === null).length,
      },
      errors,
    );
  }

  app.get<ReturnParams>('/returns/:returnId/review/outcome', async (request, reply) => {
    const { ctx, themes } = await reviewer(request);
    assertMayDecide(ctx, request.user!);
    const pending = await takePendingForm(app, request, reply);
    const state = pending
      ? parseOutcome(
          pending.body,
          themes.map((t) => t.id),
        ).state
      : { decision: '', reasons: '', themeIds: [] };
    return outcomePage(request, reply, ctx, themes, state);
  });

  app.post<ReturnParams>('/returns/:returnId/review/outcome', async (request, reply) => {
    const { ctx, themes } = await reviewer(request);
    assertMayDecide(ctx, request.user!);
    const parsed = parseOutcome(
      (request.body ?? {}) as Record<string, unknown>,
      themes.map((t) => t.id),
    );
    if (!parsed.values) return outcomePage(request, reply, ctx, themes, parsed.state, parsed.errors);
    await decideOutcome(deps, ctx, themes, parsed.values, request.user!, clock.now());
    return reply.redirect(`/returns/${ctx.id}/review?done=${parsed.values.decision}`, 303);
  });
}
