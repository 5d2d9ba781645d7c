/**
 * The app's own login on the PostgreSQL server (DATABASE_APP_URL): the app's work runs on
 * connections of a login in `s11_app` that owns none of the tables, so no statement can take the
 * owner's role back (with the owner's login, RESET ROLE would); only the owner's work (migrations,
 * the job queue) has the owner's connections; and a login that would not keep the wall is refused
 * at start. PostgreSQL server only: PGlite has a single user.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { actingFor, asOwner } from '../../src/db/acting-partnership.ts';
import { checkAppLogin, queryRows } from '../../src/db/client.ts';
import { addOtherPartnership } from '../helpers/other-partnership.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { asAppLogin, ensureLoginRole, PG_APP_LOGIN } from '../helpers/test-database.ts';

const onServer = Boolean(process.env.TEST_DATABASE_URL);

/** The SQLSTATE PostgreSQL raised (through Drizzle's wrapper), or 'allowed'. */
async function refusal(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause ?? (e as { code?: string });
    return cause.code ?? String(e);
  }
  return 'allowed';
}

describe('the app logs in as a role that owns no table', {
  skip: !onServer && 'PostgreSQL server only',
}, () => {
  let t: TestApp;
  let x: string;
  let y: string;
  let admin: pg.Client;
  before(async () => {
    t = await startTestApp({ demoYear: true });
    x = t.ids.partnershipId;
    y = (await addOtherPartnership(t, { slug: 'login-y' })).partnershipId;
    admin = new pg.Client({ connectionString: t.database.url });
    await admin.connect();
  });
  after(async () => {
    await admin?.end();
    await t?.close();
  });

  it("runs the app's work as its own login, and the owner's work as the owner", async () => {
    const [app] = await actingFor(y, () =>
      queryRows<{ login: string; role: string }>(
        t.database.db,
        sql`select session_user::text as login, current_user::text as role`,
      ),
    );
    assert.deepEqual(app, { login: PG_APP_LOGIN, role: 's11_app' });
    const [owner] = await asOwner(() =>
      queryRows<{ login: string }>(t.database.db, sql`select session_user::text as login`),
    );
    assert.notEqual(owner?.login, PG_APP_LOGIN);
  });

  it("cannot take the owner's role back: RESET ROLE leaves it behind the wall, SET ROLE is refused", async () => {
    const [owner] = (
      await admin.query<{ owner: string }>(
        `select tableowner::text as owner from pg_tables where tablename = 'returns'`,
      )
    ).rows;
    const seen = await actingFor(y, () =>
      t.database.db.transaction(async (tx) => {
        await tx.execute(sql`reset role`);
        const [who] = await queryRows<{ role: string }>(tx, sql`select current_user::text as role`);
        const [xs] = await queryRows<{ n: number }>(
          tx,
          sql`select count(*)::int as n from returns where partnership_id = ${x}`,
        );
        return { role: who?.role, xReturns: xs?.n };
      }),
    );
    assert.deepEqual(seen, { role: PG_APP_LOGIN, xReturns: 0 });
    const [all] = (
      await admin.query<{ n: number }>('select count(*)::int as n from returns where partnership_id = $1', [
        x,
      ])
    ).rows;
    assert.ok((all?.n ?? 0) > 0, 'partnership X has returns for the wall to hide');
    const setOwner = await refusal(() =>
      actingFor(y, () =>
        t.database.db.transaction(async (tx) => {
          await tx.execute(sql.raw(`set role ${owner!.owner}`));
        }),
      ),
    );
    assert.equal(setOwner, '42501');
  });

  it('refuses at start a login that may act as the owner, or one not in the app role', async () => {
    const ownerPool = new pg.Pool({ connectionString: t.database.url, max: 1 });
    try {
      await assert.rejects(checkAppLogin(ownerPool), /may act as the owner of the table/);
    } finally {
      await ownerPool.end();
    }
    const outsider = 's11_test_outsider';
    await ensureLoginRole(admin, outsider);
    const url = new URL(t.database.url!);
    url.username = outsider;
    const outsiderPool = new pg.Pool({ connectionString: url.toString(), max: 1 });
    try {
      await assert.rejects(checkAppLogin(outsiderPool), /is not in the role s11_app: grant s11_app to/);
    } finally {
      await outsiderPool.end();
    }
    const appPool = new pg.Pool({ connectionString: asAppLogin(t.database.url!), max: 1 });
    try {
      await checkAppLogin(appPool);
    } finally {
      await appPool.end();
    }
  });
});
