/** The reminders-to-action-owners form: on or off, and how often overdue actions are reminded. One schema. */
import { z } from 'zod';
import { type FormBody, textField } from '../../web/form-route.ts';

/** How often an overdue action is reminded again: days, 0 for once only. */
export const OVERDUE_REPEATS: Array<{ days: number; text: string }> = [
  { days: 7, text: 'Every week' },
  { days: 14, text: 'Every two weeks' },
  { days: 28, text: 'Every four weeks' },
  { days: 0, text: 'Once only' },
];

export interface ReminderFormState {
  enabled: string;
  overdueReminderDays: string;
}

export const reminderFormState = (body: FormBody): ReminderFormState => ({
  enabled: textField(body, 'enabled'),
  overdueReminderDays: textField(body, 'overdueReminderDays'),
});

export const reminderSettingsSchema = z.object({
  enabled: z
    .string()
    .refine((v) => v === 'yes' || v === 'no', 'Select whether to send reminders to action owners')
    .transform((v) => v === 'yes'),
  overdueReminderDays: z
    .string()
    .refine(
      (v) => OVERDUE_REPEATS.some((r) => String(r.days) === v),
      'Select how often overdue actions are reminded',
    )
    .transform(Number),
});
