/**
 * `npm run s11 -- COMMAND [options]` (or the `s11` bin): the operator's command line. Each command
 * works on the configured database (DATABASE_URL, or the embedded one in DATA_DIR) through the same
 * services as the web pages. Errors go to stderr on one line: exit 2 for bad input, 1 for a failure.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { and, eq } from 'drizzle-orm';
import { loadDatabaseConfig } from '../src/config.ts';
import { BackupError, type BackupTarget, backup, restore, verifyBackup } from '../src/db/backup.ts';
import { type Database, openDatabase } from '../src/db/client.ts';
import { partnershipRoles, partnerships, users } from '../src/db/schema.ts';
import { activeLocalities, listAgencies } from '../src/features/agencies/agencies.repository.ts';
import { readImportFile } from '../src/features/agencies/agency-import-file.ts';
import { checkImportRows } from '../src/features/agencies/agency-import-rows.ts';
import { importAgencies, saveImport } from '../src/features/agencies/agency-imports.repository.ts';
import { normaliseEmail } from '../src/features/auth/users.repository.ts';
import { isUniqueViolation, shortNameTaken } from '../src/features/partnerships/partnerships.repository.ts';
import { newPartnershipState, parseNewPartnership } from '../src/features/platform/new-partnership-form.ts';
import { createPartnership } from '../src/features/platform/platform.repository.ts';
import { addPlatformAdmin, platformAdminInput } from '../src/features/platform/platform-admins.ts';

/** Bad input: exit 2 with its message. */
class UsageError extends Error {}
/** The work could not be done: exit 1 with its message. */
class CommandError extends Error {}

const DATABASE_NOTE =
  'Uses DATABASE_URL, or the embedded database in DATA_DIR (default ./data; stop the app first).';

type Options = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

interface Command {
  summary: string;
  usage: string;
  help: string;
  options: Options;
  /** Number of positional arguments it takes. */
  positionals: number;
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<void>;
}

// npm runs scripts in the project folder; a relative FILE is relative to where npm was run.
const fromCaller = (file: string) => resolve(process.env.INIT_CWD ?? process.cwd(), file);

const info = (line: string) => process.stdout.write(`${line}\n`);

async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const target = loadDatabaseConfig();
  const database = await openDatabase(
    target.databaseUrl ? { databaseUrl: target.databaseUrl } : { dataDir: target.dataDir },
  );
  try {
    await database.migrate();
    return await work(database);
  } finally {
    await database.close();
  }
}

/** The configured database, named on the first line so an operator sees which one is backed up or replaced. */
function databaseTarget(): BackupTarget {
  const target = loadDatabaseConfig();
  info(
    target.databaseUrl
      ? 'Database: the PostgreSQL server in DATABASE_URL.'
      : `Database: embedded (PGlite) in ${target.dataDir}.`,
  );
  return target;
}

const str = (v: string | boolean | undefined) => (typeof v === 'string' ? v : '');

const COMMANDS: Record<string, Command> = {
  'create-partnership': {
    summary: 'create a partnership and its first partnership admin',
    usage:
      'create-partnership --name NAME --short-name SHORT --contact-email EMAIL --locality NAME [--locality NAME ...] --admin-email EMAIL --admin-name NAME',
    help: `Creates a partnership with its localities, the built-in Section 11 template published, and its
first partnership admin (their account is made if there is none). No email is sent: tell the admin
to sign in at /sign-in with their address.

  --name NAME            the partnership's name
  --short-name SHORT     lowercase letters, digits and hyphens; used in web addresses; unique
  --contact-email EMAIL  the partnership's contact address, shown to agencies
  --locality NAME        a locality; repeat for each (at least one)
  --admin-email EMAIL    the first admin's address
  --admin-name NAME      the first admin's name`,
    options: {
      name: { type: 'string' },
      'short-name': { type: 'string' },
      'contact-email': { type: 'string' },
      locality: { type: 'string', multiple: true },
      'admin-email': { type: 'string' },
      'admin-name': { type: 'string' },
    },
    positionals: 0,
    async run(v) {
      const localities = (v.locality as unknown as string[] | undefined) ?? [];
      const parsed = parseNewPartnership(
        newPartnershipState({
          name: str(v.name),
          shortName: str(v['short-name']),
          contactEmail: str(v['contact-email']),
          localities: localities.join('\n'),
          adminName: str(v['admin-name']),
          adminEmail: str(v['admin-email']),
        }),
      );
      if (parsed.errors) throw new UsageError(parsed.errors.list.map((e) => e.text).join('; '));
      const values = parsed.values;
      await withDatabase(async ({ db }) => {
        const taken = new CommandError(
          `A partnership with the short name ${values.shortName} exists already.`,
        );
        if (await shortNameTaken(db, values.shortName)) throw taken;
        try {
          await createPartnership(db, values, new Date());
        } catch (error) {
          if (isUniqueViolation(error)) throw taken;
          throw error;
        }
      });
      info(
        `Partnership ${values.shortName} created with ${values.localities.length} localities; its admin signs in at /sign-in with their address.`,
      );
    },
  },

  'platform-admin': {
    summary: 'make someone a platform admin (creating their account if needed)',
    usage: 'platform-admin EMAIL [--name NAME]',
    help: `Makes the person with EMAIL a platform admin of this deployment, creating their account (named NAME,
or after the address) if there is none. A platform admin creates partnerships and their first
admins, and sees no partnership's agencies, audits or returns. They sign in at /sign-in with a link
sent to EMAIL.

  --name NAME   the person's name, for a new account`,
    options: { name: { type: 'string' } },
    positionals: 1,
    async run(v, [email]) {
      const parsed = platformAdminInput.safeParse({
        email,
        name: typeof v.name === 'string' ? v.name : email!.split('@')[0],
      });
      if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
      const outcome = await withDatabase(({ db }) => addPlatformAdmin(db, parsed.data, new Date()));
      info(
        outcome === 'already'
          ? 'That person is already a platform admin: nothing changed.'
          : outcome === 'created'
            ? 'Account created as a platform admin. They sign in at /sign-in with that address.'
            : 'Existing account made a platform admin. They sign in at /sign-in with that address.',
      );
    },
  },

  'import-agencies': {
    summary: "import a partnership's agencies from a CSV or XLSX file",
    usage: 'import-agencies FILE --partnership SHORT --as ADMIN_EMAIL',
    help: `Imports the agencies in FILE (CSV or XLSX, with the columns of the template the agencies page
offers) into the partnership, all or nothing: every row is checked as on the web page, and if any
has a problem each is listed and nothing is imported. The import is recorded as made by ADMIN_EMAIL,
who must be one of the partnership's admins. Lead contacts are not emailed from here: invite them
from each agency's page.

  --partnership SHORT   the partnership's short name
  --as ADMIN_EMAIL      the partnership admin the import is made for`,
    options: { partnership: { type: 'string' }, as: { type: 'string' } },
    positionals: 1,
    async run(v, [file]) {
      if (typeof v.partnership !== 'string')
        throw new UsageError('Give the partnership: --partnership SHORT.');
      if (typeof v.as !== 'string') throw new UsageError('Give the admin it is made for: --as ADMIN_EMAIL.');
      const path = fromCaller(file!);
      let data: Buffer;
      try {
        data = await readFile(path);
      } catch {
        throw new UsageError(`Cannot read ${path}.`);
      }
      const read = await readImportFile(path, data);
      if (read.error !== undefined) throw new UsageError(`${read.error}.`);
      const shortName = v.partnership;
      const asEmail = normaliseEmail(v.as);
      const count = await withDatabase(async ({ db }) => {
        const [partnership] = await db
          .select({ id: partnerships.id, name: partnerships.name })
          .from(partnerships)
          .where(eq(partnerships.shortName, shortName));
        if (!partnership) throw new CommandError(`No partnership has the short name ${shortName}.`);
        const [admin] = await db
          .select({ id: users.id })
          .from(users)
          .innerJoin(partnershipRoles, eq(partnershipRoles.userId, users.id))
          .where(
            and(
              eq(users.email, asEmail),
              eq(partnershipRoles.partnershipId, partnership.id),
              eq(partnershipRoles.role, 'partnership_admin'),
            ),
          );
        if (!admin) throw new CommandError(`${asEmail} is not an admin of ${shortName}.`);
        const [localities, agencies] = await Promise.all([
          activeLocalities(db, partnership.id),
          listAgencies(db, partnership.id),
        ]);
        const rows = checkImportRows(read.rows, { localities, existingNames: agencies.map((a) => a.name) });
        const problems = rows.flatMap((r) => r.problems.map((p) => `Row ${r.source.row}: ${p.message}`));
        if (problems.length) {
          for (const p of problems) process.stderr.write(`${p}\n`);
          throw new CommandError(`${problems.length} problems in the file: nothing was imported.`);
        }
        const now = new Date();
        const importId = await saveImport(
          db,
          {
            partnershipId: partnership.id,
            userId: admin.id,
            fileName: path.split('/').pop()!.slice(0, 200),
            rows: read.rows,
          },
          now,
        );
        const values = rows.map((r) => r.values).filter((x) => x !== null);
        const made = await importAgencies(db, partnership.id, importId, values, now);
        return made?.length ?? 0;
      });
      info(
        `${count} agencies imported into ${shortName}. Invite their lead contacts from each agency's page.`,
      );
    },
  },

  backup: {
    summary: 'back up the whole database to a file, or check a backup',
    usage: 'backup [--verify] FILE',
    help: `Backs up the whole database to FILE: with DATABASE_URL set, a PostgreSQL custom-format dump made by
pg_dump (the app may keep running); otherwise the embedded database in DATA_DIR (default ./data) as
a gzipped tarball (stop the app first: its data folder must not be open twice).

  --verify   do not back up: restore FILE into a scratch database (in memory, or a temporary
             database on the server), report the row counts of the main tables and whether its
             migrations are current. Exits 1 if the backup cannot be restored.

Backups hold personal data: store them encrypted.`,
    options: { verify: { type: 'boolean' } },
    positionals: 1,
    async run(v, [file]) {
      const target = databaseTarget();
      const path = fromCaller(file!);
      if (!v.verify) return backup(target, path, info);
      const report = await verifyBackup(target, path, info);
      const width = Math.max(...report.counts.map((c) => c.table.length));
      for (const { table, rows } of report.counts) info(`  ${table.padEnd(width)}  ${rows}`);
      const m = report.migrations;
      info(
        m.current
          ? `Migrations: current (${m.applied} of ${m.expected}).`
          : `Migrations: NOT current (${m.applied} applied, this version has ${m.expected}); the app applies missing ones at start.`,
      );
      info('The backup restores.');
    },
  },

  restore: {
    summary: 'restore a backup made by the backup command',
    usage: 'restore [--force] FILE',
    help: `Restores FILE (made by the backup command) into the configured database: with DATABASE_URL set,
into that PostgreSQL database with pg_restore in one transaction; otherwise into the data folder
DATA_DIR (default ./data). Stop the app first.

  --force    replace a database that is not empty (without it, the restore is refused)`,
    options: { force: { type: 'boolean' } },
    positionals: 1,
    async run(v, [file]) {
      await restore(databaseTarget(), fromCaller(file!), { force: v.force === true }, info);
    },
  },
};

function commandHelp(command: Command): string {
  return `Usage: npm run s11 -- ${command.usage}\n\n${command.help}\n  --help                this text\n\n${DATABASE_NOTE}`;
}

function overallHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(width)}  ${c.summary}`);
  return `Usage: npm run s11 -- COMMAND [options]   (or: s11 COMMAND [options])

Commands:
${lines.join('\n')}

Run "npm run s11 -- COMMAND --help" for a command's options.
${DATABASE_NOTE}`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    info(overallHelp());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`Unknown command ${name}. Run with --help to list the commands.`);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } } as never,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // parseArgs names the option: "Unknown option '--admin'. ..." — keep its first sentence.
    throw new UsageError(`${(error as Error).message.split('. ')[0]}. Run "${name} --help" for its options.`);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) {
    info(commandHelp(command));
    return 0;
  }
  if (parsed.positionals.length !== command.positionals)
    throw new UsageError(
      command.positionals === 0
        ? `${name} takes no arguments besides its options (got ${parsed.positionals.join(' ')}).`
        : `Usage: npm run s11 -- ${command.usage}`,
    );
  await command.run(values, parsed.positionals);
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 2;
  } else if (error instanceof CommandError || error instanceof BackupError) {
    process.stderr.write(`Failed: ${error.message}\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write(`Failed: ${(error as Error)?.message ?? String(error)}\n`);
    process.exitCode = 1;
  }
}
