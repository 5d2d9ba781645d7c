/** Changing a cycle's automatic reminders: partnership admins only, under the conflict rule. */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findPartnershipCycle } from '../../domain/cycle-access.repository.ts';
import { assertManagesCycle, type CycleInfo } from '../../domain/cycle-access.ts';
import { notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import type { FormErrors } from '../../views/form-errors.ts';
import { shownForPage, shownOf } from '../../web/form-version.ts';
import { takePendingForm } from '../../web/pending-form.ts';
import { handleRecordForm } from '../../web/record-conflict.ts';
import { requireUser } from '../auth/auth.plugin.ts';
import { loadReminderSchedule } from './cycle-events.repository.ts';
import { cycleRecord, REMINDER_LABELS, REMINDERS_RECORD, saveReminders } from './cycle-settings.service.ts';
import {
  type ReminderSchedule,
  type ReminderScheduleState,
  reminderScheduleSchema,
  reminderScheduleState,
  stateForSchedule,
} from './reminder-schedule.ts';
import { ReminderSchedulePage } from './reminder-schedule.view.tsx';

type CycleParams = { Params: { cycleId: string } };

export async function reminderScheduleRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock } = app.deps;
  const db = database.db;

  async function adminCycle(request: FastifyRequest<CycleParams>): Promise<CycleInfo> {
    const user = requireUser(request);
    if (!isUuid(request.params.cycleId)) throw notFound('Audit cycle');
    const cycle = await findPartnershipCycle(db, user, request.params.cycleId);
    if (!cycle) throw notFound('Audit cycle');
    assertManagesCycle(cycle, 'Only a partnership admin can change the automatic reminders.');
    return cycle;
  }

  async function schedule(cycle: CycleInfo): Promise<ReminderSchedule> {
    const current = await loadReminderSchedule(db, cycle.partnershipId, cycle.id);
    if (!current) throw notFound('Audit cycle');
    return current;
  }

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    cycle: CycleInfo,
    state: ReminderScheduleState,
    shown: string,
    errors?: FormErrors,
  ) {
    return ReminderSchedulePage({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      cycle,
      current: await schedule(cycle),
      state,
      shown,
      errors,
    });
  }

  app.get<CycleParams>('/cycles/:cycleId/reminder-schedule', async (request, reply) => {
    const cycle = await adminCycle(request);
    // A form kept when the session ended keeps what it was shown: the conflict rule compares with that.
    const pending = await takePendingForm(app, request, reply);
    const saved = await schedule(cycle);
    return reply.html(
      await page(
        request,
        reply,
        cycle,
        pending ? reminderScheduleState(pending.body) : stateForSchedule(saved),
        shownForPage(pending, REMINDERS_RECORD, saved),
      ),
    );
  });

  app.post<CycleParams>('/cycles/:cycleId/reminder-schedule', async (request, reply) => {
    const cycle = await adminCycle(request);
    return handleRecordForm(request, reply, {
      state: reminderScheduleState,
      schema: reminderScheduleSchema,
      invalid: (state, errors, body) => page(request, reply, cycle, state, shownOf(body), errors),
      save: (values, version) =>
        saveReminders(db, cycle.partnershipId, cycle.id, values, request.user!.id, clock.now(), version),
      conflict: {
        record: cycleRecord(cycle.partnershipId, cycle.id),
        recordName: 'The automatic reminders',
        action: `/cycles/${cycle.id}/reminder-schedule`,
        label: (field) => REMINDER_LABELS[field as keyof ReminderSchedule] ?? field,
        show: (_field, value) => (Array.isArray(value) && value.length > 0 ? value.join(', ') : 'None'),
      },
      done: `/cycles/${cycle.id}?done=reminder-schedule`,
    });
  });
}
