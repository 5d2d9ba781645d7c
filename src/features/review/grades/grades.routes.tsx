/** A theme's moderated grade, recorded by the partnership while the return is under review. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Rag } from '../../../db/schema.ts';
import { RAG_LABELS } from '../../../domain/rag.ts';
import { notFound } from '../../../lib/http-errors.ts';
import { isUuid } from '../../../lib/tokens.ts';
import { handleForm } from '../../../web/form-route.ts';
import { encodeShown, formVersion, shownOf, shownRecord } from '../../../web/form-version.ts';
import { takePendingForm } from '../../../web/pending-form.ts';
import { recordConflictPage } from '../../../web/record-conflict.ts';
import type { ThemeInfo } from '../../returns/return-structure.ts';
import { loadRatings, type ReturnContext } from '../../returns/returns.repository.ts';
import { listModerations } from '../review.repository.ts';
import { GRADE_LABELS, GRADE_RECORD, gradeFields, gradeRecord, moderateTheme } from '../review.service.ts';
import { assertUnderReview } from '../review-access.ts';
import { type Done, reviewKit } from '../review-kit.ts';
import { gradeSchema, gradeState } from './grade.form.ts';
import { GradeFormPage } from './grade.view.tsx';

type ThemeParams = { Params: { returnId: string; themeId: string } } & Done;

export async function gradeRoutes(app: FastifyInstance): Promise<void> {
  const { db, clock, deps, reviewer, formChrome, formPage } = reviewKit(app);

  async function gradeTheme(request: FastifyRequest<ThemeParams>) {
    const { ctx, themes } = await reviewer(request);
    if (!isUuid(request.params.themeId)) throw notFound('Theme');
    const theme = themes.find((t) => t.id === request.params.themeId);
    if (!theme) throw notFound('Theme');
    assertUnderReview(ctx);
    return { ctx, theme };
  }

  const ownRating = async (ctx: ReturnContext, theme: ThemeInfo) =>
    (await loadRatings(db, ctx.partnershipId, ctx.id)).get(theme.id);

  app.get<ThemeParams>('/returns/:returnId/review/grades/:themeId', async (request, reply) => {
    const { ctx, theme } = await gradeTheme(request);
    const pending = await takePendingForm(app, request, reply);
    const saved = gradeFields((await listModerations(db, ctx.partnershipId, ctx.id)).get(theme.id));
    // A form kept when the session ended keeps what it was shown: the conflict rule compares with that.
    const state = pending ? gradeState(pending.body) : saved;
    const shown = pending ? shownOf(pending.body) : encodeShown({ [GRADE_RECORD]: shownRecord(saved) });
    return formPage(request, reply, GradeFormPage, {
      ctx,
      theme,
      own: await ownRating(ctx, theme),
      state,
      shown,
    });
  });

  app.post<ThemeParams>('/returns/:returnId/review/grades/:themeId', async (request, reply) => {
    const { ctx, theme } = await gradeTheme(request);
    return handleForm(request, reply, {
      state: gradeState,
      schema: gradeSchema,
      invalid: async (state, errors, body) =>
        GradeFormPage({
          ctx,
          theme,
          own: await ownRating(ctx, theme),
          state,
          shown: shownOf(body),
          ...(await formChrome(request, reply, errors)),
        }),
      save: async (values, body) => {
        const outcome = await moderateTheme(
          deps,
          ctx,
          theme,
          values,
          request.user!.id,
          clock.now(),
          formVersion(body),
        );
        const action = `/returns/${ctx.id}/review/grades/${theme.id}`;
        if ('conflicts' in outcome)
          return recordConflictPage(request, reply, {
            record: gradeRecord(ctx, theme.id),
            recordName: `The moderated grade of ${theme.number}. ${theme.title}`,
            action,
            body,
            conflicts: outcome.conflicts,
            label: (field) => GRADE_LABELS[field as keyof typeof GRADE_LABELS] ?? field,
            show: (field, value) =>
              field === 'rating' ? (RAG_LABELS[value as Rag] ?? 'None') : String(value ?? ''),
          });
        return `/returns/${ctx.id}/review?done=graded#grades`;
      },
    });
  });
}
