/**
 * The second half of a start (src/server.ts has the first): migrations, the demo partnership, the
 * app, the job queue and its workers, then listening. Imported by server.ts while the database
 * opens, so that loading these modules and opening the embedded database happen at once.
 */
import { createApp } from './app.ts';
import type { Config } from './config.ts';
import { isDatabaseUnavailable } from './db/availability.ts';
import type { Database } from './db/client.ts';
import { databaseIsEmpty, seedDemo } from './features/demo/demo-seed.ts';
import { seedDemoYear } from './features/demo/demo-year.ts';
import { createJobQueue, type JobQueue } from './jobs/job-queue.ts';
import { startWorkers, stopWorkers } from './jobs/workers.ts';
import { systemClock } from './lib/clock.ts';
import { loggedError } from './lib/error-log.ts';
import { gracefulShutdown } from './lib/graceful-shutdown.ts';
import { warmUpPdf } from './lib/pdf.ts';
import { createMailer, smtpTransport, type Transport } from './mail/mailer.ts';
import { notifyTransport } from './mail/notify.ts';

/** What server.ts hands over: where database events go, and how the process stops. */
export interface StartHooks {
  warn: (message: string) => void;
  shutdown: (reason: string, code?: number) => Promise<void>;
}

/**
 * A listener for rejections nobody handled that logs those meaning the database is away and lets
 * any other stop the process, as it would have. pg-boss (10.4) records a job's end without waiting
 * for it (`this.complete(…)` and `this.fail(…)` in its worker's fetch), so a job ending while the
 * database is down rejected with nobody to catch it and Node stopped the app: the database restart
 * test caught it with the hourly statistics job in flight when the server stopped.
 */
export function databaseRejectionsLogged(log: (error: Error) => void): (reason: unknown) => void {
  return (reason) => {
    if (reason instanceof Error && isDatabaseUnavailable(reason)) {
      log(reason);
      return;
    }
    throw reason;
  };
}

export async function startApp(config: Config, database: Database, hooks: StartHooks): Promise<void> {
  // One query when nothing is new (most starts); drizzle's migrator reads and hashes every migration.
  if (!(await database.migrationsApplied())) await database.migrate();
  if (config.demo)
    await database.exclusive(async () => {
      if (!(await databaseIsEmpty(database.db))) return;
      console.info('Seeding the demo partnership…');
      const started = performance.now();
      await seedDemoYear(database.db, systemClock, await seedDemo(database.db, systemClock));
      console.info(
        `Seeded the demo partnership, with a whole year (${Math.round(performance.now() - started)} ms).`,
      );
    });
  const transport: Transport | null = config.notify
    ? notifyTransport(config.notify)
    : config.smtpUrl
      ? smtpTransport(config.smtpUrl, config.mailFrom)
      : null;
  const queue = createJobQueue(database);
  // The job queue starts after the server listens (its tables and schedules took about 0.4 s of a
  // 2 s start): what is sent meanwhile waits for it, so nothing is sent to a queue not yet started.
  let queueStarted: Promise<void> = Promise.resolve();
  const sender: Pick<JobQueue, 'send'> = {
    send: (async (...args: Parameters<JobQueue['send']>) => {
      await queueStarted;
      return queue.send(...args);
    }) as JobQueue['send'],
  };
  const mailer = createMailer(database.db, systemClock, transport, sender);
  // Set once the workers have started, cleared when they stop (shutdown or the queue stopping).
  let jobsRunning = false;
  queue.on('stopped', () => {
    jobsRunning = false;
  });
  // The kind of error and its codes only: a job's error may quote its data (an address to mail).
  let logQueueError = (error: Error) =>
    hooks.warn(`job queue: ${isDatabaseUnavailable(error) ? 'database unavailable' : error.name}`);
  queue.on('error', (error) => logQueueError(error));
  process.on(
    'unhandledRejection',
    databaseRejectionsLogged((error) => logQueueError(error)),
  );
  // Instances starting together create the job queue's tables one at a time.
  const startJobs = () =>
    database.exclusive(() =>
      startWorkers(queue, {
        db: database.db,
        clock: systemClock,
        mailer,
        transport,
        baseUrl: config.baseUrl,
        sessionIdleMinutes: config.sessionIdleMinutes,
      }),
    );
  const app = await createApp({
    config,
    database,
    mailer,
    clock: systemClock,
    queue: sender,
    jobsRunning: () => jobsRunning,
  });
  hooks.warn = (message) => app.log.warn(message);
  logQueueError = (error) =>
    isDatabaseUnavailable(error)
      ? app.log.warn({ error: loggedError(error) }, 'job queue: database unavailable')
      : app.log.error({ error: loggedError(error) }, 'job queue');

  hooks.shutdown = gracefulShutdown({
    app,
    timeoutMs: config.shutdownTimeoutSeconds * 1000,
    steps: [
      { name: 'the job queue', close: (remainingMs) => stopWorkers(queue, remainingMs) },
      { name: 'the mail transport', close: async () => transport?.close?.() },
      { name: 'the database', close: () => database.close() },
    ],
    log: { info: (m) => app.log.info(m), error: (m) => app.log.error(m) },
  });
  process.on('SIGINT', () => void hooks.shutdown('SIGINT'));
  process.on('SIGTERM', () => void hooks.shutdown('SIGTERM'));

  // `/readyz` says not ready until the workers run; a queue that cannot start stops the process, as
  // any other failure to start does.
  queueStarted = startJobs();
  queueStarted.catch(() => {});
  await app.listen({ host: config.host, port: config.port });
  // In the background: the first findings report a person asks for then takes ~1 s, not ~1.5 s.
  setImmediate(() => {
    warmUpPdf().catch((error: unknown) =>
      app.log.warn({ error: loggedError(error as Error) }, 'the PDF warm-up failed'),
    );
  });
  try {
    await queueStarted;
  } catch (error) {
    app.log.error({ error: loggedError(error as Error) }, 'the job queue could not start');
    await hooks.shutdown('the job queue could not start', 1);
    return;
  }
  jobsRunning = true;
  console.info(
    `Section 11 Audit is running at ${config.baseUrl}${config.demo ? ' (demo: sign in with a listed account)' : ''}`,
  );
}
