/** A partnership admin's schedule of reminders to action owners (on or off, and the overdue repeat). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FormErrors } from '../../views/form-errors.ts';
import { handleForm } from '../../web/form-route.ts';
import { takePendingForm } from '../../web/pending-form.ts';
import { partnershipAccess } from '../partnerships/partnership-access.ts';
import {
  type ReminderFormState,
  reminderFormState,
  reminderSettingsSchema,
} from './action-reminders.form.ts';
import { findReminderSettings, saveReminderSettings } from './action-reminders.repository.ts';
import { ActionRemindersPage } from './action-reminders.view.tsx';

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
    return ActionRemindersPage({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      partnership,
      state,
      errors,
      notice: request.query.done === 'saved' ? 'Reminders to action owners saved' : undefined,
    });
  }

  app.get<Params>(path, async (request, reply) => {
    const partnership = partnershipAccess(request, true, REFUSAL);
    const pending = await takePendingForm(app, request, reply);
    const settings = await findReminderSettings(db, partnership.id);
    return reply.html(
      await page(
        request,
        reply,
        pending
          ? reminderFormState(pending.body)
          : {
              enabled: settings.actionReminders ? 'yes' : 'no',
              overdueReminderDays: String(settings.overdueReminderDays),
            },
      ),
    );
  });

  app.post<Params>(path, async (request, reply) => {
    const partnership = partnershipAccess(request, true, REFUSAL);
    return handleForm(request, reply, {
      state: reminderFormState,
      schema: reminderSettingsSchema,
      invalid: (state, errors) => page(request, reply, state, errors),
      save: async ({ enabled, overdueReminderDays }) => {
        await saveReminderSettings(db, partnership.id, { actionReminders: enabled, overdueReminderDays });
        return `/partnerships/${partnership.id}/action-reminders?done=saved`;
      },
    });
  });
}
