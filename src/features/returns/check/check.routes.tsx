/** Check your answers, submit, and the confirmation after. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { documentsByQuestion, listQuestionDocuments } from '../../../domain/question-documents.repository.ts';
import { HttpError } from '../../../lib/http-errors.ts';
import type { FormErrors } from '../../../views/form-errors.ts';
import type { PageParts } from '../../../views/page-parts.ts';
import { handleForm } from '../../../web/form-route.ts';
import type { ReturnParams } from '../../../web/return-context.ts';
import { assertAgencyLead, assertEditable, editRefusal, mayWorkOnTheme } from '../return-access.ts';
import type { ReturnRoutes } from '../return-routes.ts';
import { unansweredQuestions } from '../return-rules.ts';
import { SubmissionBlocked, submissionProblems, submitReturn } from '../return-submission.service.ts';
import { loadAnswers, loadRatings, type ReturnContext } from '../returns.repository.ts';
import { CheckPage } from './check.view.tsx';
import { ConfirmationPage } from './confirmation.view.tsx';
import { submissionErrors, submitSchema, submitState } from './submit.form.ts';

export function checkRoutes(r: ReturnRoutes): void {
  const { app, db, clock, mailer, config, loadContext, structureFor, flagsFor } = r;

  async function checkPage(
    request: FastifyRequest,
    reply: FastifyReply,
    ctx: ReturnContext,
    errors?: FormErrors,
  ): Promise<PageParts> {
    const { structure, themes } = await structureFor(ctx);
    const [answers, ratings, flags, documents] = await Promise.all([
      loadAnswers(db, ctx.partnershipId, ctx.id),
      loadRatings(db, ctx.partnershipId, ctx.id),
      flagsFor(ctx, structure),
      listQuestionDocuments(db, ctx.partnershipId, ctx.id),
    ]);
    const now = clock.now();
    return CheckPage({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      ctx,
      editable: editRefusal(ctx, now) === null,
      canSubmit: ctx.access === 'agency_lead',
      errors,
      // A contributor sees the answers of the themes assigned to them, and only the titles of others.
      themes: themes.map((theme) =>
        mayWorkOnTheme(ctx, theme.id)
          ? {
              theme,
              answers,
              rating: ratings.get(theme.id),
              unanswered: unansweredQuestions(theme, answers).map((q) => q.number),
              flags,
              documents: documentsByQuestion(documents),
              locked: editRefusal(ctx, now, theme.id) === 'theme-locked',
            }
          : { theme, answers: new Map(), rating: undefined, unanswered: [], notAssigned: true },
      ),
    });
  }

  app.get<ReturnParams>('/returns/:returnId/check', async (request, reply) =>
    reply.html(await checkPage(request, reply, await loadContext(request))),
  );

  app.post<ReturnParams>('/returns/:returnId/submit', async (request, reply) => {
    const ctx = await loadContext(request);
    const now = clock.now();
    assertAgencyLead(ctx);
    assertEditable(ctx, now);
    return handleForm(request, reply, {
      state: submitState,
      schema: submitSchema,
      invalid: (_state, errors) => checkPage(request, reply, ctx, errors),
      save: async () => {
        const problems = submissionProblems(ctx);
        if (problems.length) return { errors: submissionErrors(problems) };
        const { structure } = await structureFor(ctx);
        try {
          await submitReturn({ db, mailer, baseUrl: config.baseUrl }, ctx, structure, request.user!, now);
        } catch (e) {
          if (e instanceof SubmissionBlocked) return { errors: submissionErrors(e.problems) };
          throw e;
        }
        return `/returns/${ctx.id}/confirmation`;
      },
    });
  });

  app.get<ReturnParams>('/returns/:returnId/confirmation', async (request, reply) => {
    const ctx = await loadContext(request);
    if (!ctx.reference)
      throw new HttpError(404, 'This return has not been submitted', 'Submit the return first.', [
        { text: 'Go to the return', href: `/returns/${ctx.id}` },
      ]);
    return reply.html(ConfirmationPage({ chrome: await request.chrome(reply), ctx }));
  });
}
