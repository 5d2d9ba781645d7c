/**
 * Evidence requests: the partnership asks (/returns/:id/review/evidence/new); both sides read them
 * (/returns/:id/evidence); the agency answers (a reference, a file, or both); the partnership marks
 * them satisfied. Files are downloaded only by those who see the request.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { londonDate } from '../../../lib/dates.ts';
import { attachment } from '../../../lib/downloads.ts';
import { acceptFileUploads } from '../../../lib/file-uploads.ts';
import { HttpError, notFound } from '../../../lib/http-errors.ts';
import { isUuid } from '../../../lib/tokens.ts';
import type { FormErrors } from '../../../views/form-errors.ts';
import { EMPTY_DATE } from '../../../web/form-fields.ts';
import { handleForm } from '../../../web/form-route.ts';
import { takePendingForm } from '../../../web/pending-form.ts';
import { loadReturnContext, type ReturnParams } from '../../../web/return-context.ts';
import { EVIDENCE_MAX_BYTES } from '../evidence-file.ts';
import { findEvidenceFile, listEvidenceRequests } from '../review.repository.ts';
import { answerEvidence, markEvidenceSatisfied, requestEvidence } from '../review.service.ts';
import {
  answersForAgency,
  assertReviewer,
  assertUnderReview,
  isReviewer,
  seesReviewItem,
} from '../review-access.ts';
import { type Done, reviewKit } from '../review-kit.ts';
import { EvidenceListPage, EvidenceRequestPage } from './evidence.view.tsx';
import { evidenceAnswerSchema, evidenceAnswerState, REFERENCE_MAX } from './evidence-answer.form.ts';
import {
  evidenceRequestFieldId,
  evidenceRequestSchema,
  evidenceRequestState,
} from './evidence-request.form.ts';
import { EvidenceRequestFormPage } from './request-form.view.tsx';

type EvidenceParams = { Params: { returnId: string; requestId: string } } & Done;
type FileParams = { Params: { returnId: string; requestId: string; fileId: string } } & Done;

export async function evidenceRoutes(app: FastifyInstance): Promise<void> {
  const { db, clock, deps, themesOf, reviewer, formChrome, formPage, notice } = reviewKit(app);

  app.get<ReturnParams & Done>('/returns/:returnId/review/evidence/new', async (request, reply) => {
    const { ctx, themes } = await reviewer(request);
    assertUnderReview(ctx);
    const pending = await takePendingForm(app, request, reply);
    const state = pending
      ? evidenceRequestState(pending.body)
      : {
          themeId: themes.some((t) => t.id === request.query.theme) ? request.query.theme! : '',
          description: '',
          dueDate: EMPTY_DATE,
        };
    return formPage(request, reply, EvidenceRequestFormPage, { ctx, themes, state });
  });

  app.post<ReturnParams>('/returns/:returnId/review/evidence/new', async (request, reply) => {
    const { ctx, themes } = await reviewer(request);
    assertUnderReview(ctx);
    const now = clock.now();
    return handleForm(request, reply, {
      state: evidenceRequestState,
      schema: evidenceRequestSchema(
        themes.map((t) => t.id),
        londonDate(now),
      ),
      fieldId: evidenceRequestFieldId,
      invalid: async (state, errors) =>
        EvidenceRequestFormPage({ ctx, themes, state, ...(await formChrome(request, reply, errors)) }),
      save: async (values) => {
        const theme = themes.find((t) => t.id === values.themeId) ?? null;
        const id = await requestEvidence(deps, ctx, theme, values, request.user!.id, now);
        return `/returns/${ctx.id}/evidence/${id}?done=evidence-requested`;
      },
    });
  });

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
    return EvidenceRequestPage({
      ...(await formChrome(request, reply, errors)),
      ctx,
      evidence,
      theme,
      now: clock.now(),
      reviewer: isReviewer(ctx),
      canAnswer: evidence.closedAt === null && answersForAgency(ctx, evidence.themeId),
      reference,
      notice: notice(request),
    });
  }

  app.get<EvidenceParams>('/returns/:returnId/evidence/:requestId', async (request, reply) => {
    const loaded = await loadRequest(request);
    const pending = await takePendingForm(app, request, reply);
    const reference = pending
      ? evidenceAnswerState(pending.body).reference
      : loaded.evidence.responseReference;
    return reply.html(await requestPage(request, reply, loaded, reference));
  });

  // The agency's answer may carry a file: only this route reads multipart forms.
  await app.register(async (upload) => {
    // Room for the reference's characters in any script (up to 4 bytes each), so it is never cut.
    await acceptFileUploads(upload, EVIDENCE_MAX_BYTES, REFERENCE_MAX * 4 + 1);
    upload.post<EvidenceParams>('/returns/:returnId/evidence/:requestId', async (request, reply) => {
      const loaded = await loadRequest(request);
      const { ctx, evidence, theme } = loaded;
      const back = [{ text: 'Go back to the request', href: `/returns/${ctx.id}/evidence/${evidence.id}` }];
      if (!answersForAgency(ctx, evidence.themeId))
        throw new HttpError(
          403,
          'Only the agency can answer this',
          'The agency answers evidence requests. You can read its answer here.',
          back,
        );
      if (evidence.closedAt !== null)
        throw new HttpError(
          409,
          'This request has been marked satisfied',
          'Nothing more is needed. What you sent was not saved.',
          back,
        );
      return handleForm(request, reply, {
        state: evidenceAnswerState,
        schema: evidenceAnswerSchema,
        invalid: (state, errors) => requestPage(request, reply, loaded, state.reference, errors),
        save: async ({ reference, file }) => {
          const answer = { reference, file: file ?? null };
          const ok = await answerEvidence(deps, ctx, evidence, theme, answer, request.user!, clock.now());
          const base = `/returns/${ctx.id}/evidence/${evidence.id}`;
          return ok ? `${base}?done=evidence-answered` : base;
        },
      });
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
}
