/**
 * The words for an action's status: a module of its own, importing nothing that runs, so that the
 * export's worker thread can use them without loading the database layer.
 */
import type { ActionStatus } from '../../db/schema.ts';

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  completed: 'Completed',
  no_longer_needed: 'No longer needed',
};
