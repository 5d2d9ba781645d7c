/** The moderated grade of a theme: Red, Amber or Green, and the reason the agency reads. */
import { z } from 'zod';
import type { Rag } from '../../../db/schema.ts';
import { requiredText } from '../../../web/form-fields.ts';
import { type FormBody, textField } from '../../../web/form-route.ts';

export const REASON_MAX = 5000;

export interface GradeState {
  rating: string;
  reason: string;
}

export const gradeState = (body: FormBody): GradeState => ({
  rating: textField(body, 'rating'),
  reason: textField(body, 'reason'),
});

export const gradeSchema: z.ZodType<{ rating: Rag; reason: string }, GradeState> = z.object({
  rating: z.enum(['red', 'amber', 'green'], 'Select the moderated grade: Red, Amber or Green'),
  reason: requiredText('Enter the reason for the moderated grade', REASON_MAX, 'The reason'),
});
