/** The partnership's evidence request: what it is about, the evidence needed, and by when. */
import { z } from 'zod';
import type { DateParts } from '../../../lib/dates.ts';
import { dateFieldId, dateFromToday, datePartsField, requiredText } from '../../../web/form-fields.ts';
import { type FormBody, textField } from '../../../web/form-route.ts';
import { themeChoice } from '../review-fields.ts';

export const DESCRIPTION_MAX = 2000;

export interface EvidenceRequestState {
  themeId: string;
  description: string;
  dueDate: DateParts;
}

export const evidenceRequestState = (body: FormBody): EvidenceRequestState => ({
  themeId: textField(body, 'themeId'),
  description: textField(body, 'description'),
  dueDate: datePartsField(body, 'dueDate'),
});

export const evidenceRequestSchema = (themeIds: readonly string[], today: string) =>
  z.object({
    themeId: themeChoice(themeIds),
    description: requiredText('Enter the evidence you need', DESCRIPTION_MAX, 'The evidence you need'),
    dueDate: dateFromToday(
      'The date it is needed by',
      {
        missing: 'Enter the date it is needed by',
        past: 'The date it is needed by must be today or in the future',
      },
      today,
    ),
  });

export const evidenceRequestFieldId = dateFieldId('dueDate');
