/**
 * The operator's command line (`npm run s11 -- COMMAND`, scripts/s11.ts), run as a child process
 * against its own database: an embedded data folder, or a database on the PostgreSQL server at
 * TEST_DATABASE_URL. Each command's effect is read back from the database; bad input exits 2 and a
 * failure 1, each with a one-line message.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { parse, stringify } from 'yaml';
import { findPgTool } from '../../src/db/backup.ts';
import { openDatabase } from '../../src/db/client.ts';
import { PG_TEMPLATE_ENV, withDatabaseName } from '../helpers/test-database.ts';

const root = join(import.meta.dirname, '..', '..');
const serverUrl = process.env.TEST_DATABASE_URL;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

describe(`the s11 command line (${serverUrl ? 'PostgreSQL' : 'embedded database'})`, () => {
  let dir: string;
  let target: { databaseUrl?: string; dataDir?: string };
  let dbName: string | undefined;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 's11-cli-'));
    if (serverUrl) {
      dbName = `s11_cli_${randomBytes(6).toString('hex')}`;
      const template = process.env[PG_TEMPLATE_ENV];
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`create database ${dbName}${template ? ` template ${template}` : ''}`);
      await admin.end();
      target = { databaseUrl: withDatabaseName(serverUrl, dbName) };
    } else {
      target = { dataDir: join(dir, 'data') };
    }
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    if (serverUrl && dbName) {
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
  });

  /** Runs `s11 ...args` (through the package bin) on this test's database. */
  function s11(...args: string[]): Promise<Run> {
    const env: NodeJS.ProcessEnv = { ...process.env, INIT_CWD: dir, NODE_ENV: 'test' };
    delete env.DATABASE_URL;
    delete env.DATA_DIR;
    if (target.databaseUrl) env.DATABASE_URL = target.databaseUrl;
    else env.DATA_DIR = target.dataDir;
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [join(root, 'bin', 's11.mjs'), ...args], { cwd: root, env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => {
        stdout += d;
      });
      child.stderr.on('data', (d) => {
        stderr += d;
      });
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
  }

  /** Reads the database while no command has it open. */
  async function query(sql: string, params: unknown[] = []): Promise<Array<Record<string, unknown>>> {
    const database = await openDatabase(target);
    try {
      return (await database.executeSql(sql, params)).rows;
    } finally {
      await database.close();
    }
  }

  const expect = (run: Run, status: number) =>
    assert.equal(run.status, status, `exit ${run.status}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);

  it('lists its commands with --help, and each command its options', async () => {
    const all = await s11('--help');
    expect(all, 0);
    for (const name of [
      'create-partnership',
      'platform-admin',
      'import-agencies',
      'template-export',
      'template-import',
      'anonymise-person',
      'backup',
      'restore',
    ])
      assert.match(all.stdout, new RegExp(`^  ${name} `, 'm'));
    const one = await s11('import-agencies', '--help');
    expect(one, 0);
    assert.match(
      one.stdout,
      /Usage: npm run s11 -- import-agencies FILE --partnership SHORT --as ADMIN_EMAIL/,
    );
    assert.match(one.stdout, /--partnership SHORT/);
  });

  it('refuses no command, an unknown command and an unknown option with exit 2 and one line', async () => {
    const none = await s11();
    expect(none, 2);
    assert.match(none.stdout, /Usage: npm run s11 -- COMMAND/);
    const unknown = await s11('make-coffee');
    expect(unknown, 2);
    assert.equal(unknown.stderr, 'Unknown command make-coffee. Run with --help to list the commands.\n');
    const option = await s11('platform-admin', 'a@b.example', '--admin');
    expect(option, 2);
    assert.match(
      option.stderr,
      /^Unknown option '--admin'\. Run "platform-admin --help" for its options\.\n$/,
    );
  });

  it('makes a platform admin, and refuses an address that is not one', async () => {
    const bad = await s11('platform-admin', 'not-an-address');
    expect(bad, 2);
    assert.match(bad.stderr, /Enter an email address in the correct format/);
    const made = await s11('platform-admin', 'Ops.Lead@Council.example', '--name', 'Ops Lead');
    expect(made, 0);
    assert.match(made.stdout, /Account created as a platform admin/);
    const rows = await query('select name, is_platform_admin from users where email = $1', [
      'ops.lead@council.example',
    ]);
    assert.deepEqual(rows, [{ name: 'Ops Lead', is_platform_admin: true }]);
  });

  it('creates a partnership with its localities, first admin and published template, once', async () => {
    const args = [
      'create-partnership',
      '--name',
      'Northshire Safeguarding Children Partnership',
      '--short-name',
      'northshire',
      '--contact-email',
      'scp@northshire.example',
      '--locality',
      'North',
      '--locality',
      'South',
      '--admin-email',
      'admin@northshire.example',
      '--admin-name',
      'Pat Admin',
    ];
    const made = await s11(...args);
    expect(made, 0);
    assert.match(made.stdout, /Partnership northshire created with 2 localities/);
    const [p] = await query(
      `select p.name,
         (select count(*)::int from localities l where l.partnership_id = p.id) as localities,
         (select count(*)::int from template_versions t where t.partnership_id = p.id and t.status = 'published') as templates,
         (select u.email from partnership_roles r join users u on u.id = r.user_id
           where r.partnership_id = p.id and r.role = 'partnership_admin') as admin
       from partnerships p where p.short_name = 'northshire'`,
    );
    assert.deepEqual(p, {
      name: 'Northshire Safeguarding Children Partnership',
      localities: 2,
      templates: 1,
      admin: 'admin@northshire.example',
    });

    const again = await s11(...args);
    expect(again, 1);
    assert.equal(again.stderr, 'Failed: A partnership with the short name northshire exists already.\n');

    const missing = await s11('create-partnership', '--name', 'Other', '--short-name', 'other');
    expect(missing, 2);
    assert.match(missing.stderr, /Enter at least one locality/);
    assert.equal((await query(`select 1 from partnerships where short_name = 'other'`)).length, 0);
  });

  it('imports agencies from a CSV file all or nothing, for an admin of the partnership', async () => {
    const header = 'Name,Sector,Statutory or voluntary,Localities served,Lead contact email\n';
    const good = join(dir, 'agencies.csv');
    writeFileSync(
      good,
      `${header}Northshire Police,Police,Statutory,North; South,chief@police.example\n` +
        'Northshire Youth Club,voluntary-community-faith,Voluntary,North,\n',
    );
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, `${header}Riverside School,Schools,Perhaps,Nowhere,\n`);

    // A relative FILE is read from where the command was run (INIT_CWD).
    const notAdmin = await s11(
      'import-agencies',
      'agencies.csv',
      '--partnership',
      'northshire',
      '--as',
      'x@y.example',
    );
    expect(notAdmin, 1);
    assert.equal(notAdmin.stderr, 'Failed: x@y.example is not an admin of northshire.\n');
    const noPartnership = await s11(
      'import-agencies',
      good,
      '--partnership',
      'nowhere',
      '--as',
      'x@y.example',
    );
    expect(noPartnership, 1);
    assert.match(noPartnership.stderr, /No partnership has the short name nowhere/);
    const missingFile = await s11(
      'import-agencies',
      'none.csv',
      '--partnership',
      'northshire',
      '--as',
      'a@b.example',
    );
    expect(missingFile, 2);
    assert.match(missingFile.stderr, /^Cannot read .*none\.csv\.\n$/);

    const refused = await s11(
      'import-agencies',
      bad,
      '--partnership',
      'northshire',
      '--as',
      'admin@northshire.example',
    );
    expect(refused, 1);
    assert.match(refused.stderr, /^Row 2: Enter Statutory/m);
    assert.match(refused.stderr, /problems in the file: nothing was imported\.\n$/);

    const imported = await s11(
      'import-agencies',
      'agencies.csv',
      '--partnership',
      'northshire',
      '--as',
      'Admin@Northshire.example',
    );
    expect(imported, 0);
    assert.match(imported.stdout, /^2 agencies imported into northshire\./);
    const agencies = await query(
      `select a.name, a.section11_basis as basis, m.lead_contact_email as lead,
         (select count(*)::int from agency_localities l where l.agency_id = a.id) as localities
       from agencies a join agency_memberships m on m.agency_id = a.id
       join partnerships p on p.id = m.partnership_id where p.short_name = 'northshire' order by a.name`,
    );
    assert.deepEqual(agencies, [
      { name: 'Northshire Police', basis: 'statutory', lead: 'chief@police.example', localities: 2 },
      { name: 'Northshire Youth Club', basis: 'voluntary', lead: null, localities: 1 },
    ]);

    const twice = await s11(
      'import-agencies',
      good,
      '--partnership',
      'northshire',
      '--as',
      'admin@northshire.example',
    );
    expect(twice, 1);
    assert.match(twice.stderr, /already/);
  });

  it('exports a template version as YAML, JSON or XLSX, and refuses what it cannot find', async () => {
    const help = await s11('template-export', '--help');
    expect(help, 0);
    assert.match(help.stdout, /--template ID_OR_NAME/);

    const yamlRun = await s11(
      'template-export',
      '--partnership',
      'northshire',
      '--template',
      'Section 11 self-assessment (children)',
      'section-11.yaml',
    );
    expect(yamlRun, 0);
    assert.match(yamlRun.stdout, /^Version 1 \(published\) of the template section-11-children written to /);
    const exported = parse(readFileSync(join(dir, 'section-11.yaml'), 'utf8'));
    const [row] = await query(
      `select count(*)::int as themes from template_themes t join template_versions v on v.id = t.template_version_id
         join partnerships p on p.id = v.partnership_id where p.short_name = 'northshire'`,
    );
    assert.equal(exported.key, 'section-11-children');
    assert.equal(exported.themes.length, row!.themes);

    const [partnership] = await query(`select id from partnerships where short_name = 'northshire'`);
    const jsonRun = await s11(
      'template-export',
      '--partnership',
      String(partnership!.id),
      '--template',
      'section-11-children',
      '--version',
      '1',
      join(dir, 'section-11.json'),
    );
    expect(jsonRun, 0);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'section-11.json'), 'utf8')), exported);

    const xlsxRun = await s11(
      'template-export',
      '--partnership',
      'northshire',
      '--template',
      'section-11-children',
      'section-11.xlsx',
    );
    expect(xlsxRun, 0);
    assert.equal(readFileSync(join(dir, 'section-11.xlsx')).subarray(0, 2).toString(), 'PK');

    const args = ['template-export', '--partnership', 'northshire', '--template'];
    const noTemplate = await s11(...args, 'nothing-like-it', 'x.yaml');
    expect(noTemplate, 1);
    assert.equal(
      noTemplate.stderr,
      'Failed: northshire has no template with the id, key or name nothing-like-it (its templates: section-11-children).\n',
    );
    const noVersion = await s11(...args, 'section-11-children', '--version', '7', 'x.yaml');
    expect(noVersion, 1);
    assert.match(
      noVersion.stderr,
      /^Failed: The template section-11-children has no version 7 \(its versions: 1\)\.\n$/,
    );
    const badVersion = await s11(...args, 'section-11-children', '--version', 'two', 'x.yaml');
    expect(badVersion, 2);
    assert.equal(badVersion.stderr, '--version must be a whole number from 1, like 2.\n');
    const badFormat = await s11(...args, 'section-11-children', 'x.txt');
    expect(badFormat, 2);
    assert.equal(badFormat.stderr, 'FILE must end in .yaml, .yml, .json or .xlsx (got x.txt).\n');
    const noPartnership = await s11('template-export', '--template', 'section-11-children', 'x.yaml');
    expect(noPartnership, 2);
    assert.equal(noPartnership.stderr, 'Give the partnership: --partnership ID_OR_SHORT_NAME.\n');
    const unknown = await s11('template-export', '--partnership', 'nowhere', '--template', 'a', 'x.yaml');
    expect(unknown, 1);
    assert.equal(unknown.stderr, 'Failed: No partnership has the id or short name nowhere.\n');
  });

  it('imports a template file or workbook as a draft, checked as the web page checks it', async () => {
    const help = await s11('template-import', '--help');
    expect(help, 0);
    assert.match(help.stdout, /Usage: npm run s11 -- template-import --partnership ID_OR_SHORT FILE/);
    const drafts = async () =>
      (
        await query(
          `select t.key, v.version from template_versions v join templates t on t.id = v.template_id
             join partnerships p on p.id = v.partnership_id
           where p.short_name = 'northshire' and v.status = 'draft' order by t.key, v.version`,
        )
      ).map((r) => `${r.key} v${r.version}`);

    // A new template from an edited export.
    const local = parse(readFileSync(join(dir, 'section-11.yaml'), 'utf8'));
    local.key = 'northshire-local';
    local.name = 'Northshire local audit';
    writeFileSync(join(dir, 'local.yaml'), stringify(local));
    const made = await s11('template-import', '--partnership', 'northshire', 'local.yaml');
    expect(made, 0);
    assert.match(made.stdout, /^The template northshire-local imported into northshire as a draft/);
    assert.deepEqual(await drafts(), ['northshire-local v1']);

    // The same file again: a template has one draft at a time; the problem names its line.
    const again = await s11('template-import', '--partnership', 'northshire', 'local.yaml');
    expect(again, 1);
    assert.match(
      again.stderr,
      /^Line 1, key: The template "northshire-local" already has a draft \(version 1\)/m,
    );
    assert.match(again.stderr, /\nFailed: 1 problem in local\.yaml: nothing was imported\.\n$/);

    // Every problem of a bad file is listed, and nothing is imported.
    const bad = structuredClone(local);
    bad.key = 'bad-one';
    bad.colour = 'blue';
    bad.themes[0].questions[0].scale = 'stars';
    writeFileSync(join(dir, 'bad.yaml'), stringify(bad));
    const refused = await s11('template-import', '--partnership', 'northshire', join(dir, 'bad.yaml'));
    expect(refused, 1);
    assert.match(refused.stderr, /^Line \d+, colour: "colour" is not a field of the template/m);
    assert.match(refused.stderr, /^Line \d+, themes\[0\]\.questions\[0\]\.scale: The scale must be one of/m);
    assert.match(refused.stderr, /\nFailed: 2 problems in bad\.yaml: nothing was imported\.\n$/);
    assert.deepEqual(await drafts(), ['northshire-local v1']);

    // The exported workbook of the built-in template imports as its next version.
    const workbook = await s11('template-import', '--partnership', 'northshire', 'section-11.xlsx');
    expect(workbook, 0);
    assert.deepEqual(await drafts(), ['northshire-local v1', 'section-11-children v2']);

    const notTemplate = await s11('template-import', '--partnership', 'northshire', 'notes.txt');
    expect(notTemplate, 2);
    assert.equal(notTemplate.stderr, 'FILE must end in .yaml, .yml, .json or .xlsx (got notes.txt).\n');
    const missing = await s11('template-import', '--partnership', 'northshire', 'missing.yaml');
    expect(missing, 2);
    assert.match(missing.stderr, /^Cannot read .*missing\.yaml\.\n$/);
    writeFileSync(join(dir, 'not-a-workbook.xlsx'), 'plain text');
    const broken = await s11('template-import', '--partnership', 'northshire', 'not-a-workbook.xlsx');
    expect(broken, 1);
    assert.match(broken.stderr, /could not be opened as an XLSX workbook/);
  });

  it('anonymises a person only with --yes, saying first what it would do', async () => {
    const help = await s11('anonymise-person', '--help');
    expect(help, 0);
    assert.match(help.stdout, /--yes/);
    const [person] = await query(
      `insert into users (name, email) values ('Sam Leaver', 'sam.leaver@northshire.example') returning id`,
    );
    const id = String(person!.id);
    await query(
      `insert into partnership_roles (partnership_id, user_id, role)
         select id, $1, 'reviewer' from partnerships where short_name = 'northshire'`,
      [id],
    );
    await query(
      `insert into sessions (id_hash, user_id, csrf_token) values ('cli-test-session', $1, 'csrf')`,
      [id],
    );
    await query(
      `update agency_memberships set lead_contact_email = 'sam.leaver@northshire.example'
         where agency_id = (select id from agencies where name = 'Northshire Police')`,
    );

    const asked = await s11('anonymise-person', '--email', 'Sam.Leaver@northshire.example');
    expect(asked, 2);
    assert.match(
      asked.stdout,
      /^Would remove and anonymise Sam Leaver:\n {2}remove their role reviewer in northshire\n/,
    );
    assert.equal(asked.stderr, 'Nothing was changed: add --yes to do it.\n');
    const unchanged = await query('select name from users where id = $1', [id]);
    assert.deepEqual(unchanged, [{ name: 'Sam Leaver' }]);

    const nobody = await s11('anonymise-person', '--email', 'nobody@northshire.example', '--yes');
    expect(nobody, 1);
    assert.equal(nobody.stderr, 'Failed: No account has that email address: nothing was changed.\n');
    const onlyAdmin = await s11('anonymise-person', '--email', 'admin@northshire.example', '--yes');
    expect(onlyAdmin, 1);
    assert.match(
      onlyAdmin.stderr,
      /^Failed: They are the only admin of northshire: make someone else an admin first/,
    );
    const elsewhere = await s11(
      'anonymise-person',
      '--email',
      'ops.lead@council.example',
      '--partnership',
      'northshire',
      '--yes',
    );
    expect(elsewhere, 1);
    assert.match(elsewhere.stderr, /^Failed: They also have a role outside northshire/);
    const noEmail = await s11('anonymise-person', '--yes');
    expect(noEmail, 2);
    assert.equal(noEmail.stderr, 'Give the address: --email EMAIL.\n');

    const done = await s11(
      'anonymise-person',
      '--email',
      'sam.leaver@northshire.example',
      '--partnership',
      'northshire',
      '--yes',
    );
    expect(done, 0);
    assert.match(
      done.stdout,
      /^Removed and anonymised: \d+ values replaced in 1 partnership; they are signed out\.\n$/,
    );
    const [after] = await query(
      `select u.name, u.email,
         (select count(*)::int from sessions s where s.user_id = u.id) as sessions,
         (select count(*)::int from partnership_roles r where r.user_id = u.id) as roles,
         (select count(*)::int from agency_memberships m where m.lead_contact_email ilike 'sam.leaver@%') as leads,
         (select count(*)::int from personal_data_erasures e where e.kind = 'person' and e.performed_by is null) as erasures
       from users u where u.id = $1`,
      [id],
    );
    assert.deepEqual(after, {
      name: 'Removed person',
      email: `removed-${id}@anonymised.invalid`,
      sessions: 0,
      roles: 0,
      leads: 0,
      erasures: 1,
    });

    // Everywhere: the platform admin's rights end too.
    const everywhere = await s11('anonymise-person', '--email', 'ops.lead@council.example', '--yes');
    expect(everywhere, 0);
    const [ops] = await query(
      `select name, is_platform_admin from users where email like 'removed-%' and name = 'Removed person' and is_platform_admin = false order by created_at desc limit 1`,
    );
    assert.deepEqual(ops, { name: 'Removed person', is_platform_admin: false });
    assert.equal((await query(`select 1 from users where email = 'ops.lead@council.example'`)).length, 0);
  });

  it('anonymising everywhere records the erasure only in the partnerships the person had to do with', async () => {
    await query(
      `insert into partnerships (name, short_name, contact_email) values
         ('Applied to', 'applied', 'a@applied.example'), ('Unrelated', 'unrelated', 'u@unrelated.example')`,
    );
    const [kim] = await query(
      `insert into users (name, email) values ('Kim Mover', 'kim.mover@northshire.example') returning id`,
    );
    await query(
      `insert into partnership_roles (partnership_id, user_id, role)
         select id, $1, 'reviewer' from partnerships where short_name = 'northshire'`,
      [kim!.id],
    );
    // Their only trace in 'applied' is a request to take part they once made.
    await query(
      `insert into join_requests (partnership_id, organisation_name, sector, contact_name, contact_email, reason)
         select id, 'Kim Ltd', 'la-education', 'Kim Mover', 'kim.mover@northshire.example', 'To help' from partnerships
         where short_name = 'applied'`,
    );
    const earlier = (await query('select id from personal_data_erasures')).map((e) => e.id);
    const done = await s11('anonymise-person', '--email', 'kim.mover@northshire.example', '--yes');
    expect(done, 0);
    const erasures = await query(
      `select p.short_name from personal_data_erasures e join partnerships p on p.id = e.partnership_id
         where not (e.id = any($1::uuid[])) order by p.short_name`,
      [earlier],
    );
    assert.deepEqual(
      erasures.map((e) => e.short_name),
      ['applied', 'northshire'],
      'where they had a role, and where their request was anonymised; not in the unrelated partnership',
    );
    const [request] = await query(
      `select contact_name from join_requests where organisation_name = 'Kim Ltd'`,
    );
    assert.equal(request!.contact_name, 'Removed person');
    await query(`delete from partnerships where short_name in ('applied', 'unrelated')`);
  });

  it('backs up, checks the backup and restores it over later changes with --force', async (t) => {
    if (serverUrl) {
      try {
        findPgTool('pg_dump');
      } catch {
        t.skip('pg_dump is not installed');
        return;
      }
    }
    const file = join(dir, 'backup.bak');
    const made = await s11('backup', 'backup.bak');
    expect(made, 0);
    assert.match(made.stdout, /Backup written/);
    const checked = await s11('backup', '--verify', file);
    expect(checked, 0);
    assert.match(checked.stdout, /The backup restores\./);

    await query(
      `insert into partnerships (name, short_name, contact_email) values ('Later', 'later', 'l@example.org')`,
    );
    const refused = await s11('restore', file);
    expect(refused, 1);
    assert.match(refused.stderr, /^Failed: .*--force/);
    const restored = await s11('restore', '--force', file);
    expect(restored, 0);
    const names = await query('select short_name from partnerships order by short_name');
    assert.deepEqual(names, [{ short_name: 'northshire' }]);

    const noFile = await s11('restore');
    expect(noFile, 2);
    assert.equal(noFile.stderr, 'Usage: npm run s11 -- restore [--force] FILE\n');
  });
});
