/** The monitoring page's reminder form: the agencies ticked for a reminder now. One schema. */
import { z } from 'zod';
import { type FormBody, listField } from '../../web/form-route.ts';
import type { MonitoringRow } from './monitoring.ts';
import { notRemindable, remindable } from './reminders.ts';

/** The reminder form: the agencies ticked. */
export const remindersState = (body: FormBody) => ({ returnIds: listField(body, 'returnIds') });

/** The reminder form's schema: at least one ticked agency a reminder can go to. */
export const remindersSchema = (all: MonitoringRow[]) =>
  z
    .object({ returnIds: z.array(z.string()) })
    .transform(({ returnIds }) => ({
      targets: remindable(all, returnIds),
      skipped: notRemindable(all, returnIds),
    }))
    .refine((v) => v.targets.length > 0, {
      path: ['returnIds'],
      message: 'Select at least one agency that has not submitted and has a lead contact',
    });
