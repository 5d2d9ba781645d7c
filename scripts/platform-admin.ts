/**
 * `npm run platform-admin -- EMAIL [--name "NAME"]`: makes the person with this address a platform
 * admin (creating their account if there is none), on the configured database (DATABASE_URL, or the
 * embedded one in DATA_DIR). They then sign in with a link sent to that address.
 */
import { loadDatabaseConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { addPlatformAdmin, platformAdminInput } from '../src/features/platform/platform-admins.ts';

const HELP = `Usage: npm run platform-admin -- EMAIL [--name "NAME"]

Makes the person with EMAIL a platform admin of this deployment, creating their account (named NAME,
or after the address) if there is none. A platform admin creates partnerships and their first
admins, and sees no partnership's agencies, audits or returns. They sign in at /sign-in with a link
sent to EMAIL. Uses DATABASE_URL, or the embedded database in DATA_DIR (stop the app first).

  --name NAME   the person's name, for a new account
  --help        this text`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.info(HELP);
  process.exit(0);
}
const nameAt = args.indexOf('--name');
const name = nameAt >= 0 ? args[nameAt + 1] : undefined;
const rest = nameAt < 0 ? args : args.filter((_, i) => i !== nameAt && i !== nameAt + 1);
const unknown = rest.filter((a) => a.startsWith('-'));
if (unknown.length || rest.length !== 1 || (nameAt >= 0 && name === undefined)) {
  console.error(unknown.length ? `Unknown option ${unknown.join(', ')}.` : 'Give exactly one EMAIL.');
  console.error(HELP);
  process.exit(2);
}
const email = rest[0] as string;
const parsed = platformAdminInput.safeParse({ email, name: name ?? email.split('@')[0] });
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(issue.message);
  process.exit(2);
}

const target = loadDatabaseConfig();
const database = await openDatabase(
  target.databaseUrl ? { databaseUrl: target.databaseUrl } : { dataDir: target.dataDir },
);
try {
  await database.migrate();
  const outcome = await addPlatformAdmin(database.db, parsed.data, new Date());
  console.info(
    outcome === 'already'
      ? 'That person is already a platform admin: nothing changed.'
      : outcome === 'created'
        ? 'Account created as a platform admin. They sign in at /sign-in with that address.'
        : 'Existing account made a platform admin. They sign in at /sign-in with that address.',
  );
} catch (error) {
  console.error(`Could not add the platform admin: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await database.close();
}
