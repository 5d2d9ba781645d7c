/** `npm run db:migrate`: applies the migrations to the configured database and exits. */
import { loadConfig } from '../config.ts';
import { openDatabase } from './client.ts';

const config = loadConfig();
const database = await openDatabase({
  databaseUrl: config.databaseUrl,
  appDatabaseUrl: config.appDatabaseUrl,
  dataDir: config.dataDir,
});
await database.migrate();
await database.close();
console.info(`Migrations applied (${database.kind}).`);
