/** A partnership admin's schedule of reminders to action owners (on or off, and the overdue repeat). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FormErrorBuilder, type FormErrors } from '../../views/form-errors.ts';
import { partnershipAccess } from '../partnerships/partnership-access.ts';
import { findReminderSettings, saveReminderSettings } from './action-reminders.repository.ts';
import { ActionRemindersPage, OVERDUE_REPEATS, type ReminderFormState } from './action-reminders.view.tsx';

type Params = { Params: { partnershipId: string }; Querystring: { done?: string } };
const REFUSAL = 'Only a partnership admin can change the reminders to action owners.';

export async function actionReminderRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.database.db;
  const path = '/partnerships/:partnershipId/action-reminders';

  async function page(
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    state: ReminderFormState,
    errors?: FormErrors,
  ) {
    const partnership = partnershipAccess(request, true, REFUSAL);
    return reply.html(
      ActionRemindersPage({
        chrome: await request.chrome(reply),
        csrfToken: await app.sessions.csrfToken(request, reply),
        partnership,
        state,
        errors,
        notice: request.query.done === 'saved' ? 'Reminders to action owners saved' : undefined,
      }),
      errors ? 422 : 200,
    );
  }

  app.get<Params>(path, async (request, reply) => {
    const partnership = partnershipAccess(request, true, REFUSAL);
    const settings = await findReminderSettings(db, partnership.id);
    return page(request, reply, {
      enabled: settings.actionReminders ? 'yes' : 'no',
      overdueReminderDays: String(settings.overdueReminderDays),
    });
  });

  app.post<Params>(path, async (request, reply) => {
    const partnership = partnershipAccess(request, true, REFUSAL);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const state: ReminderFormState = {
      enabled: typeof body.enabled === 'string' ? body.enabled : '',
      overdueReminderDays: typeof body.overdueReminderDays === 'string' ? body.overdueReminderDays : '',
    };
    const errors = new FormErrorBuilder();
    if (state.enabled !== 'yes' && state.enabled !== 'no')
      errors.add('enabled', 'Select whether to send reminders to action owners');
    const repeat = OVERDUE_REPEATS.find((r) => String(r.days) === state.overdueReminderDays);
    if (!repeat) errors.add('overdueReminderDays', 'Select how often overdue actions are reminded');
    if (errors.hasErrors || !repeat) return page(request, reply, state, errors.build());
    await saveReminderSettings(db, partnership.id, {
      actionReminders: state.enabled === 'yes',
      overdueReminderDays: repeat.days,
    });
    return reply.redirect(`/partnerships/${partnership.id}/action-reminders?done=saved`, 303);
  });
}
