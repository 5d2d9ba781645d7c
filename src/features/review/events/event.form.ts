/** Scheduling a challenge event: its name, the agencies taking part, when, where, who chairs and attends. */
import { z } from 'zod';
import { type DateParts, parseTimeOfDay } from '../../../lib/dates.ts';
import {
  dateFieldId,
  dateFromToday,
  datePartsField,
  optionalText,
  requiredText,
} from '../../../web/form-fields.ts';
import { type FormBody, listField, textField } from '../../../web/form-route.ts';

export const TITLE_MAX = 200;
export const LOCATION_MAX = 1000;
export const CHAIR_MAX = 200;
export const ATTENDEES_MAX = 5000;

export interface EventState {
  title: string;
  returnIds: string[];
  date: DateParts;
  time: string;
  location: string;
  chair: string;
  attendees: string;
}

export const eventState = (body: FormBody): EventState => ({
  title: textField(body, 'title'),
  returnIds: listField(body, 'returnIds'),
  date: datePartsField(body, 'date'),
  time: textField(body, 'time'),
  location: textField(body, 'location'),
  chair: textField(body, 'chair'),
  attendees: textField(body, 'attendees'),
});

/** `returnIds`: the returns the person may schedule with; `today` in London. */
export const eventSchema = (returnIds: readonly string[], today: string) =>
  z.object({
    title: requiredText('Enter a name for the event', TITLE_MAX, 'The name'),
    location: requiredText(
      'Enter where it is held, or the link to join it',
      LOCATION_MAX,
      'Where it is held',
    ),
    chair: requiredText('Enter who chairs it', CHAIR_MAX, 'Who chairs it'),
    attendees: optionalText(ATTENDEES_MAX, 'Who attends'),
    returnIds: z
      .array(z.string())
      .refine(
        (ids) => ids.length > 0 && ids.every((id) => returnIds.includes(id)),
        'Select the agencies taking part',
      ),
    date: dateFromToday(
      'The date',
      { missing: 'Enter the date of the event', past: 'The date must be today or in the future' },
      today,
    ),
    time: z.string().transform((text, ctx) => {
      const time = parseTimeOfDay(text);
      if (!time) ctx.addIssue({ code: 'custom', message: 'Enter the time it starts, like 10am or 14:30' });
      return time ?? '';
    }),
  });

export type EventValues = z.output<ReturnType<typeof eventSchema>>;

export const eventFieldId = dateFieldId('date');
