/**
 * The background job queue: pg-boss, in the same database as everything else, so any number of
 * app instances share one queue. On a PostgreSQL server pg-boss opens its own small pool; on the
 * embedded database (PGlite, one connection) it goes through `Database.executeSql`.
 *
 * The queue is separate from `createApp`: route tests that do not need it never start it, and tests
 * that do drive its jobs one by one with `runQueuedJobs`.
 */
import PgBoss from 'pg-boss';
import type { Database } from '../db/client.ts';

export type JobQueue = PgBoss;
export type QueuedJob<T = object> = PgBoss.JobWithMetadata<T>;

/** What a job does. Throwing fails the attempt; pg-boss retries it as its queue says. */
export type JobHandler = (job: QueuedJob) => Promise<void>;

export interface QueueDefinition {
  name: string;
  options: Omit<PgBoss.Queue, 'name'>;
}

export interface JobQueueOptions {
  /** Run cron schedules (the scheduler). Off in tests that only send and run jobs. */
  schedule?: boolean;
  /** Run pg-boss's maintenance (expiry, archiving). Off in tests. */
  supervise?: boolean;
}

export function createJobQueue(database: Database, options: JobQueueOptions = {}): JobQueue {
  const common = {
    application_name: 'section11-jobs',
    schedule: options.schedule ?? true,
    supervise: options.supervise ?? true,
    migrate: true,
  };
  if (database.kind === 'postgres' && database.url) {
    return new PgBoss({ connectionString: database.url, max: 4, ...common });
  }
  return new PgBoss({
    db: { executeSql: (text, values) => database.executeSql(text, values) },
    ...common,
  });
}

/** Starts the queue (creating its tables on first use) and makes sure every queue exists. */
export async function startJobQueue(queue: JobQueue, definitions: QueueDefinition[]): Promise<void> {
  await queue.start();
  const existing = new Set((await queue.getQueues()).map((q) => q.name));
  for (const d of definitions) {
    if (existing.has(d.name)) await queue.updateQueue(d.name, { name: d.name, ...d.options });
    else await queue.createQueue(d.name, { name: d.name, ...d.options });
  }
}

export interface WorkerOptions {
  /** How often an idle worker looks for jobs. */
  pollingIntervalSeconds?: number;
  /**
   * Queues whose jobs are handled several at once: `workers` each fetching up to `batchSize` jobs
   * (highest priority first) and handling them side by side. Others take one job at a time.
   */
  concurrency?: Record<string, { workers: number; batchSize: number }>;
}

/**
 * Registers workers for each handler. Each job is handled on its own: one failing fails only itself
 * (in a batch, it is failed by itself and the others complete). A worker that fetched a full batch
 * looks again at once rather than after its polling interval, so a backlog drains at full speed.
 */
export async function workOn(
  queue: JobQueue,
  handlers: Record<string, JobHandler>,
  options: WorkerOptions = {},
): Promise<void> {
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
  for (const [name, handle] of Object.entries(handlers)) {
    const { workers, batchSize } = options.concurrency?.[name] ?? { workers: 1, batchSize: 1 };
    for (let w = 0; w < workers; w++) {
      let workerId: string | undefined;
      workerId = await queue.work<object>(
        name,
        { includeMetadata: true, batchSize, pollingIntervalSeconds },
        async (jobs) => {
          if (batchSize === 1) {
            if (jobs[0]) await handle(jobs[0]);
          } else {
            await Promise.all(
              jobs.map(async (job) => {
                try {
                  await handle(job);
                } catch (e) {
                  await queue.fail(name, job.id, { message: e instanceof Error ? e.message : String(e) });
                }
              }),
            );
          }
          if (jobs.length === batchSize && workerId) queue.notifyWorker(workerId);
        },
      );
    }
  }
}

/**
 * Runs the jobs waiting in one queue now, each once, retries included whatever their delay (tests
 * drive the queue with this rather than waiting). Returns how many ran and how many failed.
 */
export async function runQueuedJobs(
  queue: JobQueue,
  name: string,
  handle: JobHandler,
): Promise<{ ran: number; failed: number }> {
  const jobs = await queue.fetch<object>(name, {
    includeMetadata: true,
    ignoreStartAfter: true,
    batchSize: 100,
  });
  let failed = 0;
  for (const job of jobs) {
    try {
      await handle(job);
      await queue.complete(name, job.id);
    } catch (e) {
      failed++;
      await queue.fail(name, job.id, { message: e instanceof Error ? e.message : String(e) });
    }
  }
  return { ran: jobs.length, failed };
}
