/**
 * `npm run s11 -- COMMAND [options]` (or the `s11` bin): the operator's command line. Each command
 * works on the configured database (DATABASE_URL, or the embedded one in DATA_DIR) through the same
 * services as the web pages. Errors go to stderr on one line: exit 2 for bad input, 1 for a failure.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { and, eq, sql } from 'drizzle-orm';
import { loadDatabaseConfig } from '../src/config.ts';
import { BackupError, type BackupTarget, backup, restore, verifyBackup } from '../src/db/backup.ts';
import { type Database, type Db, openDatabase, queryRows } from '../src/db/client.ts';
import { partnershipRoles, partnerships, users } from '../src/db/schema.ts';
import { activeLocalities, listAgencies } from '../src/features/agencies/agencies.repository.ts';
import { readImportFile } from '../src/features/agencies/agency-import-file.ts';
import { checkImportRows } from '../src/features/agencies/agency-import-rows.ts';
import { importAgencies, saveImport } from '../src/features/agencies/agency-imports.repository.ts';
import { normaliseEmail } from '../src/features/auth/users.repository.ts';
import { isUniqueViolation, shortNameTaken } from '../src/features/partnerships/partnerships.repository.ts';
import { removeFromAgency } from '../src/features/people/memberships.repository.ts';
import { removePerson } from '../src/features/people/people.repository.ts';
import { newPartnershipSchema, newPartnershipState } from '../src/features/platform/new-partnership-form.ts';
import { createPartnership } from '../src/features/platform/platform.repository.ts';
import { addPlatformAdmin, platformAdminInput } from '../src/features/platform/platform-admins.ts';
import { anonymisePerson } from '../src/features/privacy/person-erasure.ts';
import {
  formatOf,
  problemText,
  TEMPLATE_FILE_MAX_BYTES,
  writeTemplateFile,
} from '../src/features/templates/template-file.ts';
import { importTemplate } from '../src/features/templates/template-import.service.ts';
import { findVersion, listTemplates } from '../src/features/templates/template-versions.repository.ts';
import { WORKBOOK_MAX_BYTES, writeTemplateWorkbook } from '../src/features/templates/template-workbook.ts';
import { isUuid } from '../src/lib/tokens.ts';
import { validate } from '../src/web/form-route.ts';
import { progressBar, stepProgress } from './cli-progress.ts';

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
    target.databaseUrl
      ? { databaseUrl: target.databaseUrl, appDatabaseUrl: target.appDatabaseUrl }
      : { dataDir: target.dataDir },
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

/** Reads FILE (relative to where the command was run), or refuses it with exit 2. */
async function readInput(file: string, maxBytes?: number): Promise<{ path: string; data: Buffer }> {
  const path = fromCaller(file);
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch {
    throw new UsageError(`Cannot read ${path}.`);
  }
  if (maxBytes !== undefined && data.length > maxBytes)
    throw new UsageError(
      `${path} is larger than ${Math.round(maxBytes / 1024)} KB, the most a template can be.`,
    );
  return { path, data };
}

/** The partnership named by its id or short name, or a failure naming what was given. */
async function findPartnership(db: Db, given: string): Promise<{ id: string; shortName: string }> {
  const [found] = await db
    .select({ id: partnerships.id, shortName: partnerships.shortName })
    .from(partnerships)
    .where(isUuid(given) ? eq(partnerships.id, given) : eq(partnerships.shortName, given));
  if (!found) throw new CommandError(`No partnership has the id or short name ${given}.`);
  return found;
}

/** What a template file is, from its name: YAML, JSON or an XLSX workbook. */
function templateKind(path: string): { format: 'yaml' | 'json' } | { workbook: string } {
  const format = formatOf(path);
  if (format) return { format };
  if (/\.xlsx$/i.test(path)) return { workbook: path.split('/').pop()! };
  throw new UsageError(`FILE must end in .yaml, .yml, .json or .xlsx (got ${path.split('/').pop()}).`);
}

/** `--partnership` is required by every command that works in one. */
function partnershipOption(v: Record<string, string | boolean | undefined>): string {
  if (typeof v.partnership !== 'string' || v.partnership === '')
    throw new UsageError('Give the partnership: --partnership ID_OR_SHORT_NAME.');
  return v.partnership;
}

interface PersonPlan {
  userId: string;
  name: string;
  platformAdmin: boolean;
  /** Their partnership roles: the partnership, and whether they are its only admin. */
  partnershipRoles: Array<{ partnershipId: string; shortName: string; role: string; onlyAdmin: boolean }>;
  /** Their agency roles, with the partnerships each agency is a member of. */
  agencyRoles: Array<{ agencyId: string; agencyName: string; role: string; partnershipIds: string[] }>;
}

async function planAnonymising(db: Db, email: string): Promise<PersonPlan | undefined> {
  const [user] = await db
    .select({ id: users.id, name: users.name, platformAdmin: users.isPlatformAdmin })
    .from(users)
    .where(eq(users.email, email));
  if (!user) return undefined;
  const roles = await queryRows<{ partnership_id: string; short_name: string; role: string; admins: number }>(
    db,
    sql`select r.partnership_id, p.short_name, r.role,
          (select count(*)::int from partnership_roles a
            where a.partnership_id = r.partnership_id and a.role = 'partnership_admin') as admins
        from partnership_roles r join partnerships p on p.id = r.partnership_id
        where r.user_id = ${user.id} order by p.short_name`,
  );
  const agencyRows = await queryRows<{
    agency_id: string;
    name: string;
    role: string;
    partnership_ids: string[] | null;
  }>(
    db,
    sql`select u.agency_id, a.name, u.role,
          array(select m.partnership_id from agency_memberships m where m.agency_id = u.agency_id) as partnership_ids
        from agency_users u join agencies a on a.id = u.agency_id
        where u.user_id = ${user.id} order by a.name`,
  );
  return {
    userId: user.id,
    name: user.name,
    platformAdmin: user.platformAdmin,
    partnershipRoles: roles.map((r) => ({
      partnershipId: r.partnership_id,
      shortName: r.short_name,
      role: r.role,
      onlyAdmin: r.role === 'partnership_admin' && Number(r.admins) <= 1,
    })),
    agencyRoles: agencyRows.map((r) => ({
      agencyId: r.agency_id,
      agencyName: r.name,
      role: r.role,
      partnershipIds: r.partnership_ids ?? [],
    })),
  };
}

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
      const parsed = validate(
        newPartnershipSchema,
        newPartnershipState({
          name: str(v.name),
          shortName: str(v['short-name']),
          contactEmail: str(v['contact-email']),
          localities: localities.join('\n'),
          adminName: str(v['admin-name']),
          adminEmail: str(v['admin-email']),
        }),
      );
      if (!parsed.ok) throw new UsageError(parsed.errors.list.map((e) => e.text).join('; '));
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
        const bar = progressBar('Importing agencies', values.length);
        try {
          const made = await importAgencies(db, partnership.id, importId, values, now, (done) =>
            bar.update(done),
          );
          return made?.length ?? 0;
        } finally {
          bar.stop();
        }
      });
      info(
        `${count} agencies imported into ${shortName}. Invite their lead contacts from each agency's page.`,
      );
    },
  },

  'template-export': {
    summary: 'write a version of a partnership template to a YAML, JSON or XLSX file',
    usage: 'template-export --partnership ID_OR_SHORT --template ID_OR_NAME [--version N] FILE',
    help: `Writes one version of one of the partnership's templates to FILE, in the format its name ends in:
.yaml or .yml, .json (docs/template-format.md), or .xlsx (the template workbook). The files are the
ones the templates page exports, and template-import reads them back.

  --partnership ID_OR_SHORT   the partnership's id or short name
  --template ID_OR_NAME       the template's id, key or name
  --version N                 the version number (default: the newest published version, or the
                              newest version if none is published)`,
    options: { partnership: { type: 'string' }, template: { type: 'string' }, version: { type: 'string' } },
    positionals: 1,
    async run(v, [file]) {
      const given = partnershipOption(v);
      if (typeof v.template !== 'string' || v.template === '')
        throw new UsageError('Give the template: --template ID_OR_NAME.');
      const wanted = v.template;
      let number: number | undefined;
      if (v.version !== undefined) {
        number = Number(v.version);
        if (!Number.isInteger(number) || number < 1)
          throw new UsageError('--version must be a whole number from 1, like 2.');
      }
      const path = fromCaller(file!);
      const kind = templateKind(path);
      const { text, version, name } = await withDatabase(async ({ db }) => {
        const partnership = await findPartnership(db, given);
        const all = await listTemplates(db, partnership.id);
        const lower = wanted.toLowerCase();
        const template =
          all.find((t) => t.id === wanted) ??
          all.find((t) => t.key === wanted) ??
          all.find((t) => t.name.toLowerCase() === lower);
        if (!template)
          throw new CommandError(
            `${partnership.shortName} has no template with the id, key or name ${wanted} (its templates: ${
              all.map((t) => t.key).join(', ') || 'none'
            }).`,
          );
        const chosen =
          number === undefined
            ? (template.versions.find((x) => x.status === 'published') ?? template.versions[0])
            : template.versions.find((x) => x.version === number);
        if (!chosen)
          throw new CommandError(
            `The template ${template.key} has no version ${number} (its versions: ${template.versions
              .map((x) => x.version)
              .sort((a, b) => a - b)
              .join(', ')}).`,
          );
        const found = (await findVersion(db, partnership.id, chosen.id))!;
        return {
          text:
            'format' in kind
              ? writeTemplateFile(kind.format, found.definition)
              : await writeTemplateWorkbook(found.definition, new Date()),
          version: chosen,
          name: template.key,
        };
      });
      try {
        await writeFile(path, text);
      } catch {
        throw new CommandError(`Cannot write ${path}.`);
      }
      info(`Version ${version.version} (${version.status}) of the template ${name} written to ${path}.`);
    },
  },

  'template-import': {
    summary: 'import a YAML, JSON or XLSX template file as a new draft of a partnership',
    usage: 'template-import --partnership ID_OR_SHORT FILE',
    help: `Imports FILE (.yaml, .yml, .json, or an .xlsx template workbook) into the partnership as a new
draft version, all or nothing, checked exactly as the templates page checks an upload: if the file
has problems, each is listed (with its line, or its sheet and cell) and nothing is imported. A file
whose key is an existing template's makes that template's next version; it must keep the template's
name and description. Publish the draft from the templates page.

  --partnership ID_OR_SHORT   the partnership's id or short name`,
    options: { partnership: { type: 'string' } },
    positionals: 1,
    async run(v, [file]) {
      const given = partnershipOption(v);
      const kind = templateKind(fromCaller(file!));
      const { path, data } = await readInput(
        file!,
        'format' in kind ? TEMPLATE_FILE_MAX_BYTES : WORKBOOK_MAX_BYTES,
      );
      const bar = progressBar('Importing the template', 3);
      bar.update(1, 'read');
      // Stopped however the work ends, a database that fails to open included: a bar left running
      // on a terminal keeps its timer and the process never exits.
      const outcome = await withDatabase(async ({ db }) => {
        const partnership = await findPartnership(db, given);
        const saved = await importTemplate(db, partnership.id, kind, data, new Date(), (step) =>
          bar.update(step === 'checked' ? 2 : 3, step),
        );
        return { partnership, saved };
      }).finally(() => bar.stop());
      const { saved, partnership } = outcome;
      if (saved.problems) {
        for (const p of saved.problems) process.stderr.write(`${problemText(p)}\n`);
        const n = saved.problems.length;
        throw new CommandError(
          `${n === 1 ? '1 problem' : `${n} problems`} in ${path.split('/').pop()}: nothing was imported.`,
        );
      }
      info(
        `The template ${saved.definition.key} imported into ${partnership.shortName} as a draft (version id ${saved.versionId}). Publish it from the templates page.`,
      );
    },
  },

  'anonymise-person': {
    summary: 'remove a person and anonymise their name and address (refused without --yes)',
    usage: 'anonymise-person --email EMAIL [--partnership ID_OR_SHORT] --yes',
    help: `Does what a partnership admin's "Remove and anonymise" does, from the command line: the person
with EMAIL is removed, then their account's name and address are replaced with "Removed person",
they are signed out, their sign-in links and invitations end and the API tokens they made are
revoked, and their name and address are replaced in the change history, returns, action plans,
enquiries, challenge events and the record of emails sent. Answers, grades and figures stay.

Without --partnership, everywhere: every role they hold in any partnership or agency is taken away
(and platform admin), and every partnership's records are anonymised. With --partnership, only that
partnership's, as its admin would: refused if they hold a role anywhere else.

Refused if they are the only admin of a partnership (make someone else its admin first).

  --email EMAIL               the person's address
  --partnership ID_OR_SHORT   only this partnership (its id or short name)
  --yes                       do it: without it, says what it would do and changes nothing`,
    options: { email: { type: 'string' }, partnership: { type: 'string' }, yes: { type: 'boolean' } },
    positionals: 0,
    async run(v) {
      if (typeof v.email !== 'string' || v.email === '')
        throw new UsageError('Give the address: --email EMAIL.');
      const email = normaliseEmail(v.email);
      const only = typeof v.partnership === 'string' ? v.partnership : undefined;
      type Outcome = { dryRun: string[] } | { replaced: number; partnerships: number };
      const outcome = await withDatabase(async ({ db }): Promise<Outcome> => {
        const plan = await planAnonymising(db, email);
        if (!plan) throw new CommandError('No account has that email address: nothing was changed.');
        const scope = only === undefined ? undefined : await findPartnership(db, only);
        const roles = plan.partnershipRoles.filter((r) => !scope || r.partnershipId === scope.id);
        const agencyRoles = plan.agencyRoles.filter((r) => !scope || r.partnershipIds.includes(scope.id));
        if (scope) {
          const elsewhere =
            plan.platformAdmin ||
            roles.length < plan.partnershipRoles.length ||
            agencyRoles.length < plan.agencyRoles.length ||
            agencyRoles.some((r) => r.partnershipIds.length > 1);
          if (elsewhere)
            throw new CommandError(
              `They also have a role outside ${scope.shortName} (another partnership or agency, or platform admin): run without --partnership to anonymise them everywhere. Nothing was changed.`,
            );
        }
        const onlyAdmin = roles.filter((r) => r.onlyAdmin);
        if (onlyAdmin.length)
          throw new CommandError(
            `They are the only admin of ${onlyAdmin.map((r) => r.shortName).join(', ')}: make someone else an admin first. Nothing was changed.`,
          );
        const everywhere = scope
          ? [scope.id]
          : (await db.select({ id: partnerships.id }).from(partnerships)).map((p) => p.id);
        const what = [
          `Would remove and anonymise ${plan.name}:`,
          ...roles.map((r) => `  remove their role ${r.role} in ${r.shortName}`),
          ...agencyRoles.map((r) => `  remove their role ${r.role} in the agency ${r.agencyName}`),
          ...(plan.platformAdmin && !scope ? ['  end their platform admin rights'] : []),
          '  replace their name and address in the account and in the records of ' +
            (scope ? scope.shortName : `every partnership (${everywhere.length})`),
          '  sign them out, end their sign-in links and invitations, revoke the API tokens they made',
        ];
        if (v.yes !== true) return { dryRun: what };
        const now = new Date();
        for (const r of agencyRoles) await removeFromAgency(db, r.agencyId, plan.userId, null, now);
        for (const r of roles)
          if (!(await removePerson(db, r.partnershipId, plan.userId)))
            throw new CommandError(
              `They became the only admin of ${r.shortName}: make someone else an admin first.`,
            );
        if (plan.platformAdmin && !scope)
          await db.update(users).set({ isPlatformAdmin: false }).where(eq(users.id, plan.userId));
        // Every partnership's records are rewritten, but the erasure is recorded only where they
        // belonged (a role, or one of their agencies' partnerships) or where something was replaced.
        const belonged = [
          ...new Set([...roles.map((r) => r.partnershipId), ...agencyRoles.flatMap((r) => r.partnershipIds)]),
        ];
        const done = await anonymisePerson(
          db,
          everywhere,
          plan.userId,
          null,
          now,
          scope ? undefined : belonged,
        );
        if (!done)
          throw new CommandError(
            'They were given a role again while this ran: their roles were removed, but they were not anonymised. Run the command again.',
          );
        return { replaced: done.valuesReplaced, partnerships: everywhere.length };
      });
      if ('dryRun' in outcome) {
        for (const line of outcome.dryRun) info(line);
        throw new UsageError('Nothing was changed: add --yes to do it.');
      }
      info(
        `Removed and anonymised: ${outcome.replaced} values replaced in ${outcome.partnerships === 1 ? '1 partnership' : `${outcome.partnerships} partnerships`}; they are signed out.`,
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
      // The steps each kind of backup reports (a bar on a terminal, lines otherwise).
      const steps = stepProgress(
        v.verify ? 'Checking the backup' : 'Backing up',
        v.verify ? (target.databaseUrl ? 3 : 2) : target.databaseUrl ? 2 : 4,
        info,
      );
      if (!v.verify) {
        try {
          await backup(target, path, steps.step);
        } finally {
          steps.done();
        }
        return;
      }
      let report: Awaited<ReturnType<typeof verifyBackup>>;
      try {
        report = await verifyBackup(target, path, steps.step);
      } finally {
        steps.done();
      }
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
      const target = databaseTarget();
      const steps = stepProgress('Restoring', target.databaseUrl ? 2 : 3, info);
      try {
        await restore(target, fromCaller(file!), { force: v.force === true }, steps.step);
      } finally {
        steps.done();
      }
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
