/** Turns return state into what pages show: status tags, progress, deadlines. */
import type { ReturnStatus } from '../../db/schema.ts';
import type { ThemeProgress } from './return-rules.ts';

export const RETURN_STATUS_TAGS: Record<ReturnStatus, { text: string; classes: string }> = {
  not_started: { text: 'Not started', classes: 'govuk-tag--grey' },
  in_progress: { text: 'In progress', classes: 'govuk-tag--teal' },
  submitted: { text: 'Submitted', classes: 'govuk-tag--green' },
  returned: { text: 'Returned for changes', classes: 'govuk-tag--orange' },
  resubmitted: { text: 'Resubmitted', classes: 'govuk-tag--green' },
  accepted: { text: 'Accepted', classes: 'govuk-tag--teal' },
};

export const THEME_PROGRESS_LABELS: Record<ThemeProgress, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  completed: 'Completed',
};

export function progressText(completed: number, total: number): string {
  return `${completed} of ${total} theme${total === 1 ? '' : 's'} completed`;
}
