/** Changing deadlines: partnership admins only. */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findPartnershipCycle } from '../../domain/cycle-access.repository.ts';
import { assertManagesCycle, type CycleInfo } from '../../domain/cycle-access.ts';
import { HttpError, notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import type { FormErrors } from '../../views/form-errors.ts';
import { handleForm } from '../../web/form-route.ts';
import { takePendingForm } from '../../web/pending-form.ts';
import { requireUser } from '../auth/auth.plugin.ts';
import {
  type DeadlineFormState,
  deadlineFieldId,
  deadlineFormState,
  deadlineSchema,
  extendCycle,
  extendReturn,
  stateForDeadline,
} from './deadlines.ts';
import { DeadlinePage } from './deadlines.view.tsx';
import { loadMonitoringRows } from './monitoring.repository.ts';

type CycleParams = { Params: { cycleId: string; returnId?: string } };

export async function deadlineRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock, mailer, config } = app.deps;
  const db = database.db;
  const deps = { db, mailer, baseUrl: config.baseUrl };

  async function adminCycle(request: FastifyRequest<CycleParams>): Promise<CycleInfo> {
    const user = requireUser(request);
    if (!isUuid(request.params.cycleId)) throw notFound('Audit cycle');
    const cycle = await findPartnershipCycle(db, user, request.params.cycleId);
    if (!cycle) throw notFound('Audit cycle');
    assertManagesCycle(cycle, 'Only a partnership admin can change deadlines.');
    return cycle;
  }

  /** The unsubmitted return named in the URL, with its agency and deadline. */
  async function openReturn(cycle: CycleInfo, returnId: string | undefined) {
    if (!isUuid(returnId)) throw notFound('Return');
    const row = (await loadMonitoringRows(db, cycle, clock.now())).find((r) => r.returnId === returnId);
    if (!row) throw notFound('Return');
    if (row.status === 'submitted' || row.status === 'accepted')
      throw new HttpError(409, 'This return cannot be given more time', 'It has already been submitted.', [
        { text: 'Go back to the audit', href: `/cycles/${cycle.id}` },
      ]);
    return row;
  }

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    m: {
      cycle: CycleInfo;
      agencyName?: string;
      currentDeadline: Date;
      action: string;
      state: DeadlineFormState;
    },
    errors?: FormErrors,
  ) {
    return DeadlinePage({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      ...m,
      errors,
    });
  }

  app.get<CycleParams>('/cycles/:cycleId/deadline', async (request, reply) => {
    const cycle = await adminCycle(request);
    const pending = await takePendingForm(app, request, reply);
    return reply.html(
      await page(request, reply, {
        cycle,
        currentDeadline: cycle.closesAt,
        action: `/cycles/${cycle.id}/deadline`,
        state: pending ? deadlineFormState(pending.body) : stateForDeadline(cycle.closesAt),
      }),
    );
  });

  app.post<CycleParams>('/cycles/:cycleId/deadline', async (request, reply) => {
    const cycle = await adminCycle(request);
    const now = clock.now();
    return handleForm(request, reply, {
      state: deadlineFormState,
      schema: deadlineSchema(cycle.closesAt > now ? cycle.closesAt : now),
      fieldId: deadlineFieldId,
      invalid: (state, errors) =>
        page(
          request,
          reply,
          { cycle, currentDeadline: cycle.closesAt, action: `/cycles/${cycle.id}/deadline`, state },
          errors,
        ),
      save: async ({ value, reason }) => {
        await extendCycle(deps, cycle, value, reason, request.user!.id, now);
        return `/cycles/${cycle.id}?done=deadline`;
      },
    });
  });

  app.get<CycleParams>('/cycles/:cycleId/returns/:returnId/extension', async (request, reply) => {
    const cycle = await adminCycle(request);
    const row = await openReturn(cycle, request.params.returnId);
    const pending = await takePendingForm(app, request, reply);
    return reply.html(
      await page(request, reply, {
        cycle,
        agencyName: row.agencyName,
        currentDeadline: row.deadline,
        action: `/cycles/${cycle.id}/returns/${row.returnId}/extension`,
        state: pending ? deadlineFormState(pending.body) : stateForDeadline(row.deadline),
      }),
    );
  });

  app.post<CycleParams>('/cycles/:cycleId/returns/:returnId/extension', async (request, reply) => {
    const cycle = await adminCycle(request);
    const row = await openReturn(cycle, request.params.returnId);
    const now = clock.now();
    return handleForm(request, reply, {
      state: deadlineFormState,
      schema: deadlineSchema(row.deadline > now ? row.deadline : now),
      fieldId: deadlineFieldId,
      invalid: (state, errors) =>
        page(
          request,
          reply,
          {
            cycle,
            agencyName: row.agencyName,
            currentDeadline: row.deadline,
            action: `/cycles/${cycle.id}/returns/${row.returnId}/extension`,
            state,
          },
          errors,
        ),
      save: async ({ value, reason }) => {
        await extendReturn(deps, cycle, row.returnId, value, reason, request.user!.id, now);
        return `/cycles/${cycle.id}?done=extension`;
      },
    });
  });
}
