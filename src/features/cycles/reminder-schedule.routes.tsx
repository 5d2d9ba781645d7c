/** Changing a cycle's automatic reminders: partnership admins only. */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findPartnershipCycle } from '../../domain/cycle-access.repository.ts';
import { assertManagesCycle, type CycleInfo } from '../../domain/cycle-access.ts';
import { notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import type { FormErrors } from '../../views/form-errors.ts';
import { formBody } from '../../web/form-route.ts';
import { takePendingForm } from '../../web/pending-form.ts';
import { requireUser } from '../auth/auth.plugin.ts';
import { loadReminderSchedule, saveReminderSchedule } from './cycle-events.repository.ts';
import {
  parseReminderSchedule,
  type ReminderScheduleState,
  reminderScheduleState,
  stateForSchedule,
} from './reminder-schedule.ts';
import { ReminderSchedulePage } from './reminder-schedule.view.tsx';

type CycleParams = { Params: { cycleId: string } };

export async function reminderScheduleRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db;

  async function adminCycle(request: FastifyRequest<CycleParams>): Promise<CycleInfo> {
    const user = requireUser(request);
    if (!isUuid(request.params.cycleId)) throw notFound('Audit cycle');
    const cycle = await findPartnershipCycle(db, user, request.params.cycleId);
    if (!cycle) throw notFound('Audit cycle');
    assertManagesCycle(cycle, 'Only a partnership admin can change the automatic reminders.');
    return cycle;
  }

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    cycle: CycleInfo,
    state: ReminderScheduleState | null,
    errors?: FormErrors,
  ) {
    const current = await loadReminderSchedule(db, cycle.partnershipId, cycle.id);
    if (!current) throw notFound('Audit cycle');
    return reply.html(
      ReminderSchedulePage({
        chrome: await request.chrome(reply),
        csrfToken: await app.sessions.csrfToken(request, reply),
        cycle,
        current,
        state: state ?? stateForSchedule(current),
        errors,
      }),
      errors ? 422 : 200,
    );
  }

  app.get<CycleParams>('/cycles/:cycleId/reminder-schedule', async (request, reply) => {
    const cycle = await adminCycle(request);
    const pending = await takePendingForm(app, request, reply);
    const schedule = await loadReminderSchedule(db, cycle.partnershipId, cycle.id);
    if (!schedule) throw notFound('Audit cycle');
    return page(
      request,
      reply,
      cycle,
      pending ? reminderScheduleState(pending.body) : stateForSchedule(schedule),
    );
  });

  app.post<CycleParams>('/cycles/:cycleId/reminder-schedule', async (request, reply) => {
    const cycle = await adminCycle(request);
    const state = reminderScheduleState(formBody(request));
    const parsed = parseReminderSchedule(state);
    if (!parsed.value) return page(request, reply, cycle, state, parsed.errors);
    await saveReminderSchedule(db, cycle.partnershipId, cycle.id, parsed.value);
    return reply.redirect(`/cycles/${cycle.id}?done=reminder-schedule`, 303);
  });
}
