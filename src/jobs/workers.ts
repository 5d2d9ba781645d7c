/**
 * The app's background work: delivering email, the scheduler that opens and closes cycles by
 * themselves (invitations and reminders), the exports of large cycles and the anonymisation of
 * audits past their partnership's retention period. `startWorkers` starts the queue, its workers and the
 * schedule; the server calls it beside `createApp`.
 */
import { DEFAULT_SESSION_IDLE_MINUTES } from '../config.ts';
import type { Db } from '../db/client.ts';
import { refreshStatistics } from '../db/statistics.ts';
import { runActionReminders } from '../features/action-reminders/action-reminders.service.ts';
import {
  SESSIONS_PURGE_CRON,
  SESSIONS_PURGE_QUEUE,
  sessionsPurgeHandler,
  sessionsPurgeQueue,
} from '../features/auth/sign-in.service.ts';
import { runDueCycleEvents } from '../features/cycles/cycle-events.service.ts';
import {
  CYCLE_EXPORTS_PURGE_CRON,
  CYCLE_EXPORTS_PURGE_QUEUE,
  CYCLE_EXPORTS_QUEUE,
  cycleExportHandler,
  cycleExportsPurgeHandler,
  cycleExportsPurgeQueue,
  cycleExportsQueue,
  failInterruptedExports,
} from '../features/exports/cycle-export.service.ts';
import {
  RETENTION_CRON,
  RETENTION_QUEUE,
  retentionQueue,
  runRetention,
} from '../features/privacy/retention.ts';
import {
  keepMissingGrades,
  RETURN_GRADES_QUEUE,
  type ReturnGradesJob,
} from '../features/results/results.repository.ts';
import type { Clock } from '../lib/clock.ts';
import {
  MAIL_BATCH_SIZE,
  MAIL_WORKERS,
  type Mailer,
  mailDeliveryHandler,
  mailQueue,
  type Transport,
} from '../mail/mailer.ts';
import {
  type JobHandler,
  type JobQueue,
  type QueueDefinition,
  startJobQueue,
  type WorkerOptions,
  workOn,
} from './job-queue.ts';

export const CYCLE_EVENTS_QUEUE = 'cycle-events';

/** Once a minute; a run that fails is simply done again by the next one. */
export const cycleEventsQueue: QueueDefinition = {
  name: CYCLE_EVENTS_QUEUE,
  options: { retryLimit: 0, expireInSeconds: 300 },
};
export const CYCLE_EVENTS_CRON = '* * * * *';

export const ACTION_REMINDERS_QUEUE = 'action-reminders';

/** Hourly: each reminder is sent once whichever run (or instance) comes first; a failed run is redone. */
export const actionRemindersQueue: QueueDefinition = {
  name: ACTION_REMINDERS_QUEUE,
  options: { retryLimit: 0, expireInSeconds: 600 },
};
export const ACTION_REMINDERS_CRON = '20 * * * *';

export const DATABASE_STATISTICS_QUEUE = 'database-statistics';

/**
 * Hourly, and once at start: the planner's statistics (see statistics.ts; the embedded database has
 * no autovacuum). A failed run is simply done again by the next one.
 */
export const databaseStatisticsQueue: QueueDefinition = {
  name: DATABASE_STATISTICS_QUEUE,
  options: { retryLimit: 0, expireInSeconds: 900 },
};
export const DATABASE_STATISTICS_CRON = '50 * * * *';

export { RETURN_GRADES_QUEUE };
export const RETURN_GRADES_CRON = '55 * * * *';

/**
 * At start and then hourly: the grades of submitted returns not kept yet (see keepMissingGrades),
 * so that the first view of a large audit's results does not work them out: after an upgrade, and
 * after anything that rewrote a submitted return's answers (the anonymisation of an audit by the
 * retention job, a restored backup). Also queued for one cycle when its results are asked for and
 * more of its returns than `GRADES_INLINE_RETURNS` have none kept (the page says how far it has got).
 * Not retried: asking for the results again queues it again. One job a cycle waits at a time (the
 * `short` policy): a request a minute later, however its minute falls, finds it queued and queues none.
 */
export const returnGradesQueue: QueueDefinition = {
  name: RETURN_GRADES_QUEUE,
  options: { policy: 'short', retryLimit: 0, expireInSeconds: 3600 },
};

export const JOB_QUEUES: QueueDefinition[] = [
  mailQueue,
  cycleEventsQueue,
  actionRemindersQueue,
  cycleExportsQueue,
  cycleExportsPurgeQueue,
  sessionsPurgeQueue,
  retentionQueue,
  databaseStatisticsQueue,
  returnGradesQueue,
];

/** Mail is delivered several messages at a time; other queues take one job at a time. */
export const WORKER_CONCURRENCY: WorkerOptions['concurrency'] = {
  [mailQueue.name]: { workers: MAIL_WORKERS, batchSize: MAIL_BATCH_SIZE },
};

export interface WorkerDeps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  /** Null: mail is kept in the development mailbox and nothing is delivered. */
  transport: Transport | null;
  baseUrl: string;
  /** Sessions idle this long are deleted by the purge job (the app's `SESSION_IDLE_MINUTES`). */
  sessionIdleMinutes?: number;
}

export function jobHandlers(deps: WorkerDeps): Record<string, JobHandler> {
  const handlers: Record<string, JobHandler> = {
    [CYCLE_EVENTS_QUEUE]: async () => {
      await runDueCycleEvents(deps, deps.clock.now());
    },
    [ACTION_REMINDERS_QUEUE]: async () => {
      await runActionReminders(deps, deps.clock.now());
    },
    [RETENTION_QUEUE]: async () => {
      await runRetention(deps, deps.clock.now());
    },
    [DATABASE_STATISTICS_QUEUE]: async () => {
      await refreshStatistics(deps.db);
    },
    [RETURN_GRADES_QUEUE]: async (job) => {
      await keepMissingGrades(deps.db, deps.clock.now(), (job.data as ReturnGradesJob).cycleId);
    },
    [CYCLE_EXPORTS_QUEUE]: cycleExportHandler(deps),
    [CYCLE_EXPORTS_PURGE_QUEUE]: cycleExportsPurgeHandler(deps),
    [SESSIONS_PURGE_QUEUE]: sessionsPurgeHandler({
      ...deps,
      sessionIdleMinutes: deps.sessionIdleMinutes ?? DEFAULT_SESSION_IDLE_MINUTES,
    }),
  };
  if (deps.transport) handlers[mailQueue.name] = mailDeliveryHandler({ ...deps, transport: deps.transport });
  return handlers;
}

/** Starts the queue (already created with `createJobQueue`), every worker and the schedule. */
export async function startWorkers(
  queue: JobQueue,
  deps: WorkerDeps,
  options: WorkerOptions = {},
): Promise<void> {
  await startJobQueue(queue, JOB_QUEUES);
  // An export left running by a process that stopped (a restart, or memory) would otherwise show as
  // being prepared, and hold up new requests; it is failed with a message saying to ask again.
  await failInterruptedExports(deps);
  await workOn(queue, jobHandlers(deps), { concurrency: WORKER_CONCURRENCY, ...options });
  await queue.schedule(CYCLE_EVENTS_QUEUE, CYCLE_EVENTS_CRON, {}, { tz: 'Europe/London' });
  await queue.schedule(ACTION_REMINDERS_QUEUE, ACTION_REMINDERS_CRON, {}, { tz: 'Europe/London' });
  await queue.schedule(CYCLE_EXPORTS_PURGE_QUEUE, CYCLE_EXPORTS_PURGE_CRON, {}, { tz: 'Europe/London' });
  await queue.schedule(SESSIONS_PURGE_QUEUE, SESSIONS_PURGE_CRON, {}, { tz: 'Europe/London' });
  await queue.schedule(RETENTION_QUEUE, RETENTION_CRON, {}, { tz: 'Europe/London' });
  await queue.schedule(DATABASE_STATISTICS_QUEUE, DATABASE_STATISTICS_CRON, {}, { tz: 'Europe/London' });
  await queue.schedule(RETURN_GRADES_QUEUE, RETURN_GRADES_CRON, {}, { tz: 'Europe/London' });
  // A database just made (the demo, or a restored backup) has no statistics until the first hour.
  await queue.send(DATABASE_STATISTICS_QUEUE, {});
  await queue.send(RETURN_GRADES_QUEUE, {});
}

/** Stops taking jobs, lets running ones finish (up to `timeoutMs`), and closes the queue. */
export async function stopWorkers(queue: JobQueue, timeoutMs = 10_000): Promise<void> {
  await queue.stop({ graceful: true, wait: true, timeout: timeoutMs });
}
