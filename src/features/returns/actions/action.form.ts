/** The form updating one action: its lead, success criteria, target date, status and a progress update. */
import { z } from 'zod';
import { ACTION_STATUSES, type ActionStatus } from '../../../db/schema.ts';
import { type DateParts, parseDateParts } from '../../../lib/dates.ts';
import { type FormBody, textField } from '../../../web/form-route.ts';

const LEAD_PERSON_MAX = 200;
export const SUCCESS_CRITERIA_MAX = 2000;
export const PROGRESS_NOTE_MAX = 2000;

export interface ActionFormState {
  leadPerson: string;
  successCriteria: string;
  targetDate: DateParts;
  status: string;
  note: string;
}

export interface ActionValues {
  leadPerson: string;
  successCriteria: string;
  targetDate: string | null;
  status: ActionStatus;
  note: string;
}

export function actionFormState(body: FormBody): ActionFormState {
  return {
    leadPerson: textField(body, 'leadPerson'),
    successCriteria: textField(body, 'successCriteria'),
    targetDate: {
      day: textField(body, 'targetDate-day'),
      month: textField(body, 'targetDate-month'),
      year: textField(body, 'targetDate-year'),
    },
    status: textField(body, 'status'),
    note: textField(body, 'note'),
  };
}

const text = (label: string, max: number) =>
  z.string().trim().max(max, `${label} must be ${max} characters or fewer`);

/**
 * The schema. `statusChanged` says whether the person changed the status from the one their form
 * showed: a change needs a progress update saying why.
 */
export const actionSchema = (statusChanged: (status: ActionStatus) => boolean) =>
  z
    .object({
      leadPerson: text('Lead person', LEAD_PERSON_MAX).min(
        1,
        'Enter the name or role of the person leading this action',
      ),
      successCriteria: text('Success criteria', SUCCESS_CRITERIA_MAX),
      targetDate: z
        .object({ day: z.string(), month: z.string(), year: z.string() })
        .transform((parts, ctx) => {
          const date = parseDateParts(parts, 'Target date');
          if (date.error) ctx.addIssue({ code: 'custom', message: date.error });
          else if (!date.value) ctx.addIssue({ code: 'custom', message: 'Enter a target date' });
          return date.value;
        }),
      status: z.enum(ACTION_STATUSES, 'Select the status of this action'),
      note: text('Progress update', PROGRESS_NOTE_MAX),
    })
    .superRefine(
      (v, ctx) => {
        if (v.note !== '') return;
        if (statusChanged(v.status))
          ctx.addIssue({
            code: 'custom',
            path: ['note'],
            message: 'Enter a progress update saying why the status has changed',
          });
        else if (v.status === 'no_longer_needed')
          ctx.addIssue({
            code: 'custom',
            path: ['note'],
            message: 'Enter why this action is no longer needed',
          });
      },
      // Checked beside the other fields' errors, once the status and the update can be read.
      { when: (payload) => statusAndNoteValid(payload.value) },
    );

function statusAndNoteValid(value: unknown): boolean {
  const v = value as { status?: unknown; note?: unknown } | undefined;
  return (
    typeof v?.status === 'string' &&
    (ACTION_STATUSES as readonly string[]).includes(v.status) &&
    typeof v.note === 'string' &&
    v.note.trim().length <= PROGRESS_NOTE_MAX
  );
}

/** The date's error links to its first box. */
export const actionFieldId = (path: string): string => (path === 'targetDate' ? 'targetDate-day' : path);
