/** Starts the app: configuration, database and migrations, demo data, the job queue, then the server. */
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from './config.ts';
import { EMPTY_DATABASE, openDatabase } from './db/client.ts';
import { DataDirLockedError } from './db/data-dir-lock.ts';
import type { Transport } from './mail/mailer.ts';

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}

console.info(
  `Running in ${config.env} because ${config.envReason}${config.devMail ? '; no mail transport, so mail is kept at /dev/mail' : ''}.`,
);
// Until the app's logger exists, database events go to standard error.
let warn = (message: string) => console.error(message);
let shutdown: (reason: string, code?: number) => Promise<void> = async (_reason, code) => {
  process.exit(code ?? 0);
};

// The embedded database starts in its own thread (about 0.7 s) while the rest of the app's modules
// load on this one (about as long): the imports below are dynamic so that both happen at once.
const opening = openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  // A new data folder is filled from the build's empty database (see scripts/build-database.ts).
  startingDump: fileURLToPath(new URL(`./${EMPTY_DATABASE}`, import.meta.url)),
  // A connection dropped by a restarting server: the pool opens new ones when it is back.
  onConnectionError: (error) => warn(`Database connection lost: ${error.message}`),
  // The embedded database's thread failed and could not be restarted: exit for a supervisor.
  onFatal: (error) => {
    console.error(`The embedded database failed and could not be restarted (${error.message}): exiting.`);
    void shutdown('embedded database failed', 1);
  },
}).catch((error: unknown) => {
  if (error instanceof DataDirLockedError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
});
// Failing to open is reported where it is awaited, below, not as an unhandled rejection meanwhile.
opening.catch(() => {});
const [
  { createApp },
  { isDatabaseUnavailable },
  { databaseIsEmpty, seedDemo },
  { seedDemoYear },
  { createJobQueue },
  { startWorkers, stopWorkers },
  { systemClock },
  { loggedError },
  { gracefulShutdown },
  { createMailer, smtpTransport },
  { notifyTransport },
] = await Promise.all([
  import('./app.ts'),
  import('./db/availability.ts'),
  import('./features/demo/demo-seed.ts'),
  import('./features/demo/demo-year.ts'),
  import('./jobs/job-queue.ts'),
  import('./jobs/workers.ts'),
  import('./lib/clock.ts'),
  import('./lib/error-log.ts'),
  import('./lib/graceful-shutdown.ts'),
  import('./mail/mailer.ts'),
  import('./mail/notify.ts'),
]);
const database = await opening;
// One query when nothing is new (most starts); drizzle's migrator reads and hashes every migration.
if (!(await database.migrationsApplied())) await database.migrate();
if (config.demo)
  await database.exclusive(async () => {
    if (!(await databaseIsEmpty(database.db))) return;
    console.info('Seeding the demo partnership…');
    const ids = await seedDemo(database.db, systemClock);
    const started = performance.now();
    await seedDemoYear(database.db, systemClock, ids);
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
const mailer = createMailer(database.db, systemClock, transport, queue);
// Set once the workers have started, cleared when they stop (shutdown or the queue stopping).
let jobsRunning = false;
queue.on('stopped', () => {
  jobsRunning = false;
});
const app = await createApp({
  config,
  database,
  mailer,
  clock: systemClock,
  queue,
  jobsRunning: () => jobsRunning,
});
warn = (message) => app.log.warn(message);
// The kind of error and its codes only: a job's error may quote its data (an address to mail).
queue.on('error', (error) =>
  isDatabaseUnavailable(error)
    ? app.log.warn({ error: loggedError(error) }, 'job queue: database unavailable')
    : app.log.error({ error: loggedError(error) }, 'job queue'),
);
// Instances starting together create the job queue's tables one at a time.
await database.exclusive(() =>
  startWorkers(queue, {
    db: database.db,
    clock: systemClock,
    mailer,
    transport,
    baseUrl: config.baseUrl,
    sessionIdleMinutes: config.sessionIdleMinutes,
  }),
);
jobsRunning = true;

shutdown = gracefulShutdown({
  app,
  timeoutMs: config.shutdownTimeoutSeconds * 1000,
  steps: [
    { name: 'the job queue', close: (remainingMs) => stopWorkers(queue, remainingMs) },
    { name: 'the mail transport', close: async () => transport?.close?.() },
    { name: 'the database', close: () => database.close() },
  ],
  log: { info: (m) => app.log.info(m), error: (m) => app.log.error(m) },
});
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ host: config.host, port: config.port });
console.info(
  `Section 11 Audit is running at ${config.baseUrl}${config.demo ? ' (demo: sign in with a listed account)' : ''}`,
);
