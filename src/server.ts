/** Starts the app: configuration, database and migrations, demo data, then the server. */
import { createApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { databaseIsEmpty, seedDemo } from './features/demo/demo-seed.ts';
import { systemClock } from './lib/clock.ts';
import { createMailer, smtpTransport } from './mail/mailer.ts';

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

const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
await database.migrate();
if (config.demo && (await databaseIsEmpty(database.db))) {
  await seedDemo(database.db, systemClock);
  console.info('Seeded the demo partnership.');
}
const mailer = createMailer(
  database.db,
  systemClock,
  config.smtpUrl ? smtpTransport(config.smtpUrl, config.mailFrom) : null,
);
const app = await createApp({ config, database, mailer, clock: systemClock });

const shutdown = async () => {
  await app.close();
  await database.close();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

await app.listen({ host: config.host, port: config.port });
console.info(
  `Section 11 Audit is running at ${config.baseUrl}${config.demo ? ' (demo: sign in with a listed account)' : ''}`,
);
