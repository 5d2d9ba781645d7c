/** Rules of the review that its pages and the return's task list both read. */
import { londonDate } from '../../lib/dates.ts';
import type { EvidenceRequest } from './review.repository.ts';

/** Not answered, not satisfied, and past the date it was needed by (London). */
export function isEvidenceOverdue(
  request: Pick<EvidenceRequest, 'closedAt' | 'respondedAt' | 'dueDate'>,
  now: Date,
): boolean {
  return request.closedAt === null && request.respondedAt === null && request.dueDate < londonDate(now);
}
