/** The notes of a challenge event. */
import { z } from 'zod';
import { requiredText } from '../../../web/form-fields.ts';
import { type FormBody, textField } from '../../../web/form-route.ts';

export const NOTES_MAX = 20000;

export interface NotesState {
  notes: string;
}

export const notesState = (body: FormBody): NotesState => ({ notes: textField(body, 'notes') });

export const notesSchema = z.object({
  notes: requiredText('Enter the notes of the event', NOTES_MAX, 'The notes'),
});
