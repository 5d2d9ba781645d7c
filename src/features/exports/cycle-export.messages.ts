/** What a person is told of an export that failed in a way we know: the rest stays in the log. */

/** An export that stopped half-way (the server stopped, or the process ran out of memory). */
export const INTERRUPTED_EXPORT_ERROR =
  'The export stopped before it finished: the server was restarted or the file was too large. It will not be tried again by itself: ask for a new export, and if that fails too, try the CSV of the answers.';

/** An export whose file needed more memory than its worker is allowed. */
export const TOO_LARGE_EXPORT_ERROR =
  'This audit is too large to export within the memory allowed for exports. Try the CSV of the answers, or ask the people who run this service to allow exports more memory.';

/** The audit is no longer shared with the partnership that asked. */
export const UNSHARED_EXPORT_ERROR = 'The audit is no longer shared with this partnership.';

const SHOWN = new Set([INTERRUPTED_EXPORT_ERROR, TOO_LARGE_EXPORT_ERROR, UNSHARED_EXPORT_ERROR]);

/** The recorded error when it is one written for people; null for any other (technical) error. */
export function exportErrorForPeople(error: string | null): string | null {
  return error !== null && SHOWN.has(error) ? error : null;
}
