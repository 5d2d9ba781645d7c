/** The action plan: read by everyone who may see the return, kept up to date by the agency. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { dateToParts } from '../../../lib/dates.ts';
import { attachment } from '../../../lib/downloads.ts';
import { HttpError, notFound } from '../../../lib/http-errors.ts';
import { isUuid } from '../../../lib/tokens.ts';
import type { FormErrors } from '../../../views/form-errors.ts';
import { formBody, handleForm } from '../../../web/form-route.ts';
import { encodeShown, fingerprint, formVersion, shownOf, shownRecord } from '../../../web/form-version.ts';
import { takePendingForm } from '../../../web/pending-form.ts';
import type { ReturnParams } from '../../../web/return-context.ts';
import {
  ACTION_RECORD,
  actionFields,
  actionFieldText,
  actionHistoryFields,
  assertCanUpdateActions,
  statusChangedByPerson,
  updateAction,
} from '../action-plan.service.ts';
import { actionPlanWorkbook } from '../action-plan.xlsx.ts';
import { isAgencyMember, mayWorkOnTheme } from '../return-access.ts';
import { loadReturnRecord } from '../return-records.ts';
import { type ReturnRoutes, returnFileName } from '../return-routes.ts';
import type { ReturnContext } from '../returns.repository.ts';
import { type ActionFormState, actionFieldId, actionFormState, actionSchema } from './action.form.ts';
import { ActionEditPage } from './action.view.tsx';
import { ActionPlanPage } from './actions.view.tsx';

type ActionParams = { Params: { returnId: string; actionId: string } };

export function actionRoutes({ app, db, clock, loadContext, conflictPage }: ReturnRoutes): void {
  /** What a person may see of the action plan: a contributor, the actions of their own themes. */
  const recordFor = (ctx: ReturnContext) =>
    loadReturnRecord(db, ctx, clock.now(), ctx.access === 'contributor' ? ctx.assignedThemeIds : undefined);

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
      .header('content-disposition', attachment(returnFileName(ctx, 'action-plan', 'xlsx')))
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
    shown: string,
    errors?: FormErrors,
  ) {
    return ActionEditPage({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      ...loaded,
      state,
      shown,
      errors,
    });
  }

  app.get<ActionParams>('/returns/:returnId/actions/:actionId', async (request, reply) => {
    const loaded = await loadAction(request);
    const { action } = loaded;
    assertCanUpdateActions(loaded.ctx);
    const pending = await takePendingForm(app, request, reply);
    const state = pending
      ? actionFormState(pending.body)
      : {
          leadPerson: action.leadPerson,
          successCriteria: action.successCriteria,
          targetDate: dateToParts(action.targetDate),
          status: action.status,
          note: '',
        };
    // What it showed, for the conflict rule: the saved action (a kept form keeps its own).
    const shown = pending
      ? shownOf(pending.body)
      : encodeShown({ [ACTION_RECORD]: shownRecord(actionFields(action)) });
    return reply.html(await actionPage(request, reply, loaded, state, shown));
  });

  app.post<ActionParams>('/returns/:returnId/actions/:actionId', async (request, reply) => {
    const loaded = await loadAction(request);
    const { ctx, action } = loaded;
    assertCanUpdateActions(ctx);
    const form = formVersion(formBody(request));
    return handleForm(request, reply, {
      state: actionFormState,
      schema: actionSchema((status) => statusChangedByPerson(action.status, form, status)),
      fieldId: actionFieldId,
      invalid: (state, errors, body) => actionPage(request, reply, loaded, state, shownOf(body), errors),
      save: async (values, body) => {
        const result = await updateAction(db, ctx, action.id, values, request.user!.id, clock.now(), form);
        if (result.conflicts.length > 0)
          return conflictPage(request, reply, ctx, {
            recordName: `Action: ${action.description}`,
            action: `/returns/${ctx.id}/actions/${action.id}`,
            body,
            conflicts: result.conflicts.map((c) => ({
              ...c,
              historyField: actionHistoryFields(action, c.field),
              mine: actionFieldText(c.field, c.mine),
              theirs: actionFieldText(c.field, c.theirs),
              fingerprintTheirs: fingerprint(c.theirs),
            })),
          });
        return `/returns/${ctx.id}/actions?updated=1`;
      },
    });
  });
}
