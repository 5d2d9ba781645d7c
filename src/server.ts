/**
 * Starts the app: configuration and opening the database here, then (src/start-app.ts) migrations,
 * demo data, the app, the job queue and the server.
 */
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from './config.ts';
import { EMPTY_DATABASE, openDatabase } from './db/client.ts';
import { DataDirLockedError } from './db/data-dir-lock.ts';
import type { StartHooks } from './start-app.ts';

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
// Until the app's logger exists, database events go to standard error; start-app.ts replaces both.
const hooks: StartHooks = {
  warn: (message) => console.error(message),
  shutdown: async (_reason, code) => process.exit(code ?? 0),
};

// The embedded database starts in its own thread (about 0.7 s) while the rest of the app's modules
// load on this one (about as long): start-app.ts is imported dynamically so that both happen at once.
const opening = openDatabase({
  databaseUrl: config.databaseUrl,
  appDatabaseUrl: config.appDatabaseUrl,
  dataDir: config.dataDir,
  // A new data folder is filled from the build's empty database (see scripts/build-database.ts).
  startingDump: fileURLToPath(new URL(`./${EMPTY_DATABASE}`, import.meta.url)),
  // A connection dropped by a restarting server: the pool opens new ones when it is back.
  onConnectionError: (error) => hooks.warn(`Database connection lost: ${error.message}`),
  // The embedded database's thread failed and could not be restarted: exit for a supervisor.
  onFatal: (error) => {
    console.error(`The embedded database failed and could not be restarted (${error.message}): exiting.`);
    void hooks.shutdown('embedded database failed', 1);
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
const { startApp } = await import('./start-app.ts');
await startApp(config, await opening, hooks);
