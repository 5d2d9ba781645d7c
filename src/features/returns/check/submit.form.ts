/** The submit form: no fields of its own; what blocks a submission is said as errors on the check page. */
import { z } from 'zod';
import { FormErrorBuilder, type FormErrors } from '../../../views/form-errors.ts';
import type { SubmissionProblem } from '../return-submission.service.ts';

/** The form posts only its token: nothing to read but that it was sent. */
export const submitSchema = z.object({});
export const submitState = (): Record<string, never> => ({});

/** Why the return cannot be submitted yet, each linking to the part of the check page to fix. */
export function submissionErrors(problems: readonly SubmissionProblem[]): FormErrors {
  const errors = new FormErrorBuilder();
  if (problems.includes('details'))
    errors.add('details', 'Add the details of the person completing the return', 'your-details');
  if (problems.includes('signoff'))
    errors.add('signoff', 'Record the senior officer’s sign-off before submitting', 'your-details');
  return errors.build();
}
