/** The form updating one action: its lead, success criteria, target date, status and a progress update. */
import { z } from 'zod';
import { ACTION_STATUSES, type ActionStatus } from '../../../db/schema.ts';
import type { DateParts } from '../../../lib/dates.ts';
import {
  dateFieldId,
  datePartsField,
  optionalText,
  requiredDate,
  requiredText,
} from '../../../web/form-fields.ts';
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
    targetDate: datePartsField(body, 'targetDate'),
    status: textField(body, 'status'),
    note: textField(body, 'note'),
  };
}

/**
 * The schema. `statusChanged` says whether the person changed the status from the one their form
 * showed: a change needs a progress update saying why.
 */
export const actionSchema = (statusChanged: (status: ActionStatus) => boolean) =>
  z
    .object({
      leadPerson: requiredText(
        'Enter the name or role of the person leading this action',
        LEAD_PERSON_MAX,
        'Lead person',
      ),
      successCriteria: optionalText(SUCCESS_CRITERIA_MAX, 'Success criteria'),
      targetDate: requiredDate('Target date', 'Enter a target date'),
      status: z.enum(ACTION_STATUSES, 'Select the status of this action'),
      note: optionalText(PROGRESS_NOTE_MAX, 'Progress update'),
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
export const actionFieldId = dateFieldId('targetDate');
