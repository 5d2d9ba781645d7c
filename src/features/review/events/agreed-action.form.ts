/** An action agreed at a challenge event, for one agency's action plan, on a theme that applies to it. */
import { z } from 'zod';
import type { DateParts } from '../../../lib/dates.ts';
import {
  dateFieldId,
  dateFromToday,
  datePartsField,
  EMPTY_DATE,
  requiredText,
} from '../../../web/form-fields.ts';
import { type FormBody, textField } from '../../../web/form-route.ts';

export const ACTION_MAX = 2000;
export const LEAD_MAX = 200;

export interface AgreedActionState {
  returnId: string;
  themeId: string;
  description: string;
  leadPerson: string;
  targetDate: DateParts;
}

export const EMPTY_ACTION: AgreedActionState = {
  returnId: '',
  themeId: '',
  description: '',
  leadPerson: '',
  targetDate: EMPTY_DATE,
};

export const agreedActionState = (body: FormBody): AgreedActionState => ({
  returnId: textField(body, 'returnId'),
  themeId: textField(body, 'themeId'),
  description: textField(body, 'description'),
  leadPerson: textField(body, 'leadPerson'),
  targetDate: datePartsField(body, 'targetDate'),
});

/**
 * `themesByReturn`: the event's returns, each with the themes that apply to its agency; `returnId`
 * the one chosen (its themes decide which theme may be chosen); `today` in London.
 */
export const agreedActionSchema = (
  themesByReturn: ReadonlyMap<string, readonly string[]>,
  returnId: string,
  today: string,
) => {
  const themeIds = themesByReturn.get(returnId);
  return z.object({
    returnId: z.string().refine(() => themeIds !== undefined, 'Select the agency whose action plan it joins'),
    // Asked only once the agency is known.
    themeId: z
      .string()
      .refine(
        (id) => themeIds === undefined || themeIds.includes(id),
        'Select the theme the action is about',
      ),
    description: requiredText('Enter the action agreed', ACTION_MAX, 'The action'),
    leadPerson: requiredText('Enter the name or role of the person leading it', LEAD_MAX, 'The lead'),
    targetDate: dateFromToday(
      'The target date',
      { missing: 'Enter the target date', past: 'The target date must be today or in the future' },
      today,
    ),
  });
};

export const agreedActionFieldId = dateFieldId('targetDate');
