/** A return's status as pages and documents name it, with its GOV.UK tag colour. */
import type { ReturnStatus } from '../db/schema.ts';

export const RETURN_STATUS_TAGS: Record<ReturnStatus, { text: string; classes: string }> = {
  not_started: { text: 'Not started', classes: 'govuk-tag--grey' },
  in_progress: { text: 'In progress', classes: 'govuk-tag--teal' },
  submitted: { text: 'Submitted', classes: 'govuk-tag--green' },
  returned: { text: 'Returned for changes', classes: 'govuk-tag--orange' },
  resubmitted: { text: 'Resubmitted', classes: 'govuk-tag--green' },
  accepted: { text: 'Accepted', classes: 'govuk-tag--teal' },
};
