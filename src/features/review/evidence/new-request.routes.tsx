/** Asking an agency for evidence (/returns/:id/review/evidence/new): reviewers only, while under review. */
import type { FastifyInstance } from 'fastify';
import { londonDate } from '../../../lib/dates.ts';
import { EMPTY_DATE } from '../../../web/form-fields.ts';
import { handleForm } from '../../../web/form-route.ts';
import { takePendingForm } from '../../../web/pending-form.ts';
import type { ReturnParams } from '../../../web/return-context.ts';
import { requestEvidence } from '../review.service.ts';
import { assertUnderReview } from '../review-access.ts';
import { type Done, reviewKit } from '../review-kit.ts';
import {
  evidenceRequestFieldId,
  evidenceRequestSchema,
  evidenceRequestState,
} from './evidence-request.form.ts';
import { EvidenceRequestFormPage } from './request-form.view.tsx';

export async function newEvidenceRequestRoutes(app: FastifyInstance): Promise<void> {
  const { clock, deps, reviewer, formChrome, formPage } = reviewKit(app);

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
}
