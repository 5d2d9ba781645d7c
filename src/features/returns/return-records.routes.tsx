/** The return's records: copy (page and PDF), score summary, action plan and change history. */

import { and, count, eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { returnHistory } from '../../db/schema.ts';
import { dateToParts } from '../../lib/dates.ts';
import { attachment, downloadName } from '../../lib/downloads.ts';
import { HttpError, notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import type { FormErrors } from '../../views/form-errors.ts';
import { takePendingForm } from '../../web/pending-form.ts';
import { loadReturnContext, type ReturnParams } from '../../web/return-context.ts';
import {
  type ActionFormState,
  actionFormState,
  assertCanUpdateActions,
  parseActionForm,
  updateAction,
} from './action-plan.service.ts';
import { actionPlanWorkbook } from './action-plan.xlsx.ts';
import { assertNotContributor, isAgencyMember, mayWorkOnTheme } from './return-access.ts';
import { returnCopyPdf } from './return-copy.pdf.ts';
import {
  ActionEditPage,
  ActionPlanPage,
  CopyPage,
  HistoryPage,
  ScoresPage,
} from './return-records.pages.tsx';
import { loadReturnRecord } from './return-records.ts';
import { loadHistory, type ReturnContext } from './returns.repository.ts';

type ActionParams = { Params: { returnId: string; actionId: string } };

const HISTORY_PAGE_SIZE = 100;

function fileName(ctx: ReturnContext, kind: string, ext: string): string {
  return downloadName(kind, `${ctx.agencyName} ${ctx.cycleName}`, ext, ctx.reference);
}

export async function returnRecordRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock } = app.deps;
  const db = database.db;

  const loadContext = (request: FastifyRequest<ReturnParams>) => loadReturnContext(db, request);

  /** The whole return is for the agency lead and the partnership: a contributor sees only their themes. */
  const assertWholeReturn = (ctx: ReturnContext) =>
    assertNotContributor(
      ctx,
      'Only your agency lead can see the whole return',
      'The copy and the score summary show every theme’s answers. You can see and change the answers of the themes assigned to you, and their actions.',
    );
  /** What a person may see of the action plan: a contributor, the actions of their own themes. */
  const recordFor = (ctx: ReturnContext) =>
    loadReturnRecord(db, ctx, clock.now(), ctx.access === 'contributor' ? ctx.assignedThemeIds : undefined);

  app.get<ReturnParams>('/returns/:returnId/copy', async (request, reply) => {
    const ctx = await loadContext(request);
    assertWholeReturn(ctx);
    const record = await loadReturnRecord(db, ctx, clock.now());
    return reply.html(CopyPage({ chrome: await request.chrome(reply), record }));
  });

  app.get<ReturnParams>('/returns/:returnId/copy.pdf', async (request, reply) => {
    const ctx = await loadContext(request);
    assertWholeReturn(ctx);
    const now = clock.now();
    const record = await loadReturnRecord(db, ctx, now);
    const pdf = await returnCopyPdf(record, { generatedAt: now });
    return reply
      .type('application/pdf')
      .header('cache-control', 'no-store')
      .header('content-disposition', attachment(fileName(ctx, 'section-11-return', 'pdf')))
      .send(pdf);
  });

  app.get<ReturnParams>('/returns/:returnId/scores', async (request, reply) => {
    const ctx = await loadContext(request);
    assertWholeReturn(ctx);
    const record = await loadReturnRecord(db, ctx, clock.now());
    return reply.html(ScoresPage({ chrome: await request.chrome(reply), record }));
  });

  app.get<ReturnParams & { Querystring: { updated?: string } }>(
    '/returns/:returnId/actions',
    async (request, reply) => {
      const ctx = await loadContext(request);
      const record = await recordFor(ctx);
      return reply.html(
        ActionPlanPage({
          chrome: await request.chrome(reply),
          record,
          canUpdate: isAgencyMember(ctx),
          updated: request.query.updated === '1',
        }),
      );
    },
  );

  app.get<ReturnParams>('/returns/:returnId/actions.xlsx', async (request, reply) => {
    const ctx = await loadContext(request);
    const now = clock.now();
    const record = await recordFor(ctx);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('cache-control', 'no-store')
      .header('content-disposition', attachment(fileName(ctx, 'action-plan', 'xlsx')))
      .send(await actionPlanWorkbook(record, now));
  });

  async function loadAction(request: FastifyRequest<ActionParams>) {
    const ctx = await loadContext(request);
    if (!isUuid(request.params.actionId)) throw notFound('Action');
    const record = await loadReturnRecord(db, ctx, clock.now());
    const action = record.actions.find((a) => a.id === request.params.actionId);
    if (!action) throw notFound('Action');
    if (!mayWorkOnTheme(ctx, action.themeId))
      throw new HttpError(
        403,
        'This action belongs to a theme not assigned to you',
        'You can update the actions of the themes your agency lead assigned to you.',
        [{ text: 'Go to the action plan', href: `/returns/${ctx.id}/actions` }],
      );
    return { ctx, action };
  }

  async function actionPage(
    request: FastifyRequest,
    reply: FastifyReply,
    loaded: Awaited<ReturnType<typeof loadAction>>,
    state: ActionFormState,
    errors?: FormErrors,
  ) {
    return reply.html(
      ActionEditPage({
        chrome: await request.chrome(reply),
        csrfToken: await app.sessions.csrfToken(request, reply),
        ...loaded,
        state,
        errors,
      }),
      errors ? 422 : 200,
    );
  }

  app.get<ActionParams>('/returns/:returnId/actions/:actionId', async (request, reply) => {
    const loaded = await loadAction(request);
    const { action } = loaded;
    assertCanUpdateActions(loaded.ctx);
    const pending = await takePendingForm(app, request, reply);
    return actionPage(
      request,
      reply,
      loaded,
      pending
        ? actionFormState(pending.body)
        : {
            leadPerson: action.leadPerson,
            successCriteria: action.successCriteria,
            targetDate: dateToParts(action.targetDate),
            status: action.status,
            note: '',
          },
    );
  });

  app.post<ActionParams>('/returns/:returnId/actions/:actionId', async (request, reply) => {
    const loaded = await loadAction(request);
    const { ctx, action } = loaded;
    assertCanUpdateActions(ctx);
    const state = actionFormState((request.body ?? {}) as Record<string, unknown>);
    const parsed = parseActionForm(state, action);
    if (!parsed.values) return actionPage(request, reply, loaded, state, parsed.errors);
    await updateAction(db, ctx, action.id, parsed.values, request.user!.id, clock.now());
    return reply.redirect(`/returns/${ctx.id}/actions?updated=1`, 303);
  });

  app.get<ReturnParams & { Querystring: { page?: string } }>(
    '/returns/:returnId/history',
    async (request, reply) => {
      const ctx = await loadContext(request);
      if (ctx.access === 'contributor')
        throw new HttpError(
          403,
          'Only your agency lead can see the change history',
          'Ask your agency’s safeguarding lead if you need to know who changed what.',
          [{ text: 'Go to the return', href: `/returns/${ctx.id}` }],
        );
      const [{ total } = { total: 0 }] = await db
        .select({ total: count() })
        .from(returnHistory)
        .where(and(eq(returnHistory.partnershipId, ctx.partnershipId), eq(returnHistory.returnId, ctx.id)));
      const pageCount = Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE));
      const requested = Number.parseInt(request.query.page ?? '1', 10);
      if (!Number.isInteger(requested) || requested < 1 || requested > pageCount) throw notFound('Page');
      const entries = await loadHistory(db, ctx.partnershipId, ctx.id, {
        limit: HISTORY_PAGE_SIZE,
        offset: (requested - 1) * HISTORY_PAGE_SIZE,
      });
      return reply.html(
        HistoryPage({
          chrome: await request.chrome(reply),
          ctx,
          entries,
          page: requested,
          pageCount,
          total,
        }),
      );
    },
  );
}
