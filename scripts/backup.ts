/**
 * `npm run backup -- FILE`, `npm run backup -- --verify FILE` and `npm run restore -- [--force] FILE`:
 * back up, check and restore the configured database (DATABASE_URL, or the PGlite folder DATA_DIR).
 * See the README's "Backups" section; the work is in src/db/backup.ts.
 */
import { resolve } from 'node:path';
import { loadDatabaseConfig } from '../src/config.ts';
import { BackupError, backup, restore, verifyBackup } from '../src/db/backup.ts';

const HELP = {
  backup: `Usage: npm run backup -- [--verify] FILE

Backs up the whole database to FILE: with DATABASE_URL set, a PostgreSQL custom-format dump made by
pg_dump (the app may keep running); otherwise the embedded database in DATA_DIR (default ./data) as
a gzipped tarball (stop the app first: its data folder must not be open twice).

  --verify   do not back up: restore FILE into a scratch database (in memory, or a temporary
             database on the server), report the row counts of the main tables and whether its
             migrations are current. Exits 1 if the backup cannot be restored.
  --help     this text

Backups hold personal data: store them encrypted.`,
  restore: `Usage: npm run restore -- [--force] FILE

Restores FILE (made by npm run backup) into the configured database: with DATABASE_URL set, into
that PostgreSQL database with pg_restore in one transaction; otherwise into the data folder DATA_DIR
(default ./data). Stop the app first.

  --force    replace a database that is not empty (without it, the restore is refused)
  --help     this text`,
};

const [command, ...args] = process.argv.slice(2);
if (command !== 'backup' && command !== 'restore') {
  console.error('Usage: tsx scripts/backup.ts backup|restore [options] FILE');
  process.exit(2);
}
const known = command === 'backup' ? ['--verify', '--help'] : ['--force', '--help'];
const flags = args.filter((a) => a.startsWith('--'));
const files = args.filter((a) => !a.startsWith('--'));
if (flags.includes('--help') || flags.includes('-h')) {
  console.info(HELP[command]);
  process.exit(0);
}
const unknown = flags.filter((f) => !known.includes(f));
if (unknown.length || files.length !== 1) {
  console.error(unknown.length ? `Unknown option ${unknown.join(', ')}.` : 'Give exactly one backup FILE.');
  console.error(HELP[command]);
  process.exit(2);
}
// npm runs scripts in the project folder; a relative FILE is relative to where npm was run.
const file = resolve(process.env.INIT_CWD ?? process.cwd(), files[0] as string);
const target = loadDatabaseConfig();
const progress = (line: string) => console.info(line);
console.info(
  target.databaseUrl
    ? 'Database: the PostgreSQL server in DATABASE_URL.'
    : `Database: embedded (PGlite) in ${target.dataDir}.`,
);

try {
  if (command === 'restore') {
    await restore(target, file, { force: flags.includes('--force') }, progress);
  } else if (flags.includes('--verify')) {
    const report = await verifyBackup(target, file, progress);
    const width = Math.max(...report.counts.map((c) => c.table.length));
    for (const { table, rows } of report.counts) console.info(`  ${table.padEnd(width)}  ${rows}`);
    const m = report.migrations;
    console.info(
      m.current
        ? `Migrations: current (${m.applied} of ${m.expected}).`
        : `Migrations: NOT current (${m.applied} applied, this version has ${m.expected}); the app applies missing ones at start.`,
    );
    console.info('The backup restores.');
  } else {
    await backup(target, file, progress);
  }
} catch (error) {
  if (error instanceof BackupError) {
    console.error(`Failed: ${error.message}`);
  } else {
    console.error('Failed:', error);
  }
  process.exit(1);
}
