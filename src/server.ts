/** Starts the app: configuration, database and migrations, demo data, the job queue, then the server. */
import { createApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { databaseIsEmpty, seedDemo } from './features/demo/demo-seed.ts';
import { createJobQueue } from './jobs/job-queue.ts';
import { startWorkers, stopWorkers } from './jobs/workers.ts';
import { systemClock } from './lib/clock.ts';
import { createMailer, smtpTransport, type Transport } from './mail/mailer.ts';
import { notifyTransport } from './mail/notify.ts';

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
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
await database.migrate();
if (config.demo && (await databaseIsEmpty(database.db))) {
  await seedDemo(database.db, systemClock);
  console.info('Seeded the demo partnership.');
}
const transport: Transport | null = config.notify
  ? notifyTransport(config.notify)
  : config.smtpUrl
    ? smtpTransport(config.smtpUrl, config.mailFrom)
    : null;
const queue = createJobQueue(database);
const mailer = createMailer(database.db, systemClock, transport, queue);
const app = await createApp({ config, database, mailer, clock: systemClock, queue });
queue.on('error', (error) => app.log.error(error, 'job queue'));
await startWorkers(queue, {
  db: database.db,
  clock: systemClock,
  mailer,
  transport,
  baseUrl: config.baseUrl,
  sessionIdleMinutes: config.sessionIdleMinutes,
});

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  await app.close();
  await stopWorkers(queue);
  await database.close();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

await app.listen({ host: config.host, port: config.port });
console.info(
  `Section 11 Audit is running at ${config.baseUrl}${config.demo ? ' (demo: sign in with a listed account)' : ''}`,
);
