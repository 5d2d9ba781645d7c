/**
 * The database's own wall between partnerships (migration 0029): as the app's role with partnership
 * Y's setting, raw SQL and the app's Drizzle queries without their tenant condition get nothing of
 * partnership X and change nothing of it, in every table that carries a partnership; X still sees
 * its own rows; the features that cross partnerships (joint cycles, shared agencies) are allowed by
 * the policies; and with no partnership set (jobs, platform admin, public forms) everything is seen.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import type { Tx } from '../../src/db/handles.ts';
import { APP_ROLE, inPartnershipScope } from '../../src/db/partnership-scope.ts';
import {
  agencyMemberships,
  agencyShareRequests,
  cyclePartnerships,
  cycles,
  returns,
} from '../../src/db/schema.ts';
import { createApiToken } from '../../src/features/api/api-tokens.repository.ts';
import { addOtherPartnership } from '../helpers/other-partnership.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

/** Rolls the scope's transaction back after `fn`, keeping what it found. */
class Undo extends Error {}
async function tryAndUndo<T>(t: TestApp, partnershipId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  let found: T | undefined;
  try {
    await inPartnershipScope(t.database.db, partnershipId, async (tx) => {
      found = await fn(tx);
      throw new Undo();
    });
  } catch (error) {
    if (!(error instanceof Undo)) throw error;
  }
  return found as T;
}

/** The SQLSTATE and message PostgreSQL raised (through Drizzle's wrapper), or 'allowed'. */
async function refusal(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause ?? (e as { code?: string });
    return `${(cause as { code?: string }).code ?? ''} ${(cause as { message?: string }).message ?? String(e)}`;
  }
  return 'allowed';
}

/** Tables the app's role may only add to (migration 0034). */
const APPEND_ONLY = new Set(['outgoing_mail', 'record_history', 'return_history', 'template_draft_history']);

const count = async (tx: Tx, query: string) =>
  (await queryRows<{ n: number }>(tx, sql.raw(`select count(*)::int as n from ${query}`)))[0]!.n;

describe('row-level security between partnerships', () => {
  let t: TestApp;
  let x: string;
  let y: string;
  let tables: string[];
  before(async () => {
    t = await startTestApp({ demoYear: true });
    x = t.ids.partnershipId;
    y = (await addOtherPartnership(t, { slug: 'rls-y' })).partnershipId;
    tables = (
      await queryRows<{ table_name: string }>(
        t.database.db,
        sql`select c.table_name from information_schema.columns c
            join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name
            where c.table_schema = 'public' and c.column_name = 'partnership_id' and tb.table_type = 'BASE TABLE'
            order by 1`,
      )
    ).map((r) => r.table_name);
  });
  after(() => t.close());

  it('binds every table that carries a partnership, for a role that owns none of them', async () => {
    assert.ok(tables.length >= 50, `only ${tables.length} tables with partnership_id found`);
    const unprotected = await queryRows<{ relname: string }>(
      t.database.db,
      sql`select relname from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r'
          and relname in ${sql.raw(`(${tables.map((n) => `'${n}'`).join(',')})`)}
          and not (relrowsecurity and exists (select from pg_policy where polrelid = pg_class.oid))`,
    );
    assert.deepEqual(unprotected, []);
    const [role] = await queryRows<{ rolsuper: boolean; rolbypassrls: boolean; owns: number }>(
      t.database.db,
      sql`select rolsuper, rolbypassrls,
            (select count(*)::int from pg_class where relowner = pg_roles.oid) as owns
          from pg_roles where rolname = ${APP_ROLE}`,
    );
    assert.deepEqual(role, { rolsuper: false, rolbypassrls: false, owns: 0 });
  });

  it("gives Y's scope none of X's rows, and X's scope all of its own", async () => {
    const xRows = new Map<string, number>();
    for (const table of tables)
      xRows.set(
        table,
        await count(t.database.db as unknown as Tx, `"${table}" where partnership_id = '${x}'`),
      );
    // The demo's audit year fills most of them: the proof is not empty.
    const filled = [...xRows].filter(([, n]) => n > 0).map(([name]) => name);
    assert.ok(filled.length >= 25, `only ${filled.length} tables hold X's rows: ${filled.join(', ')}`);
    assert.ok(filled.includes('returns') && filled.includes('answers') && filled.includes('return_history'));

    const seenByY = await tryAndUndo(t, y, async (tx) => {
      const seen: Record<string, number> = {};
      for (const table of tables) {
        const n = await count(tx, `"${table}" where partnership_id is distinct from '${y}'`);
        if (n > 0) seen[table] = n;
      }
      return seen;
    });
    assert.deepEqual(seenByY, {});

    const seenByX = await tryAndUndo(t, x, async (tx) => {
      const seen: Record<string, number> = {};
      for (const table of tables) seen[table] = await count(tx, `"${table}" where partnership_id = '${x}'`);
      return seen;
    });
    assert.deepEqual(seenByX, Object.fromEntries(xRows));
  });

  it("lets Y's scope change and remove none of X's rows, nor add rows in X's name", async () => {
    const samples = new Map<string, Record<string, unknown>>();
    for (const table of tables) {
      const [row] = await queryRows<{ j: Record<string, unknown> }>(
        t.database.db,
        sql.raw(`select to_jsonb(r) as j from "${table}" r where partnership_id = '${x}' limit 1`),
      );
      if (row) samples.set(table, row.j);
    }
    const changed = await tryAndUndo(t, y, async (tx) => {
      const touched: Record<string, number> = {};
      for (const table of samples.keys()) {
        // The app's role may not change these in any partnership (test/privacy/append-only.test.ts).
        if (APPEND_ONLY.has(table)) continue;
        const updated = await queryRows<{ partnership_id: string }>(
          tx,
          // Y's own rows (its admin's role) may change: anything else is X's.
          sql.raw(
            `update "${table}" set partnership_id = partnership_id where partnership_id is distinct from '${y}' returning partnership_id`,
          ),
        );
        const deleted = await queryRows<{ partnership_id: string }>(
          tx,
          sql.raw(
            `delete from "${table}" where partnership_id is distinct from '${y}' returning partnership_id`,
          ),
        );
        if (updated.length + deleted.length > 0) touched[table] = updated.length + deleted.length;
      }
      return touched;
    });
    assert.deepEqual(changed, {});

    // Each table: a copy of one of X's rows (with a new id where it has one), inserted in Y's scope.
    const inserted: Record<string, string> = {};
    for (const [table, row] of samples) {
      const copy = 'id' in row ? { ...row, id: crypto.randomUUID() } : row;
      const outcome = await refusal(() =>
        tryAndUndo(t, y, (tx) =>
          tx.execute(
            sql`insert into ${sql.identifier(table)} overriding system value select * from jsonb_populate_record(null::${sql.identifier(table)}, ${JSON.stringify(copy)}::jsonb)`,
          ),
        ),
      );
      if (!/^42501 .*row-level security/.test(outcome)) inserted[table] = outcome;
    }
    assert.deepEqual(inserted, {});
  });

  it("keeps the tenant condition out of the app's own queries and still separates them", async () => {
    const xReturns = await t.database.db.select().from(returns).where(eq(returns.partnershipId, x));
    assert.ok(xReturns.length > 0);
    const byY = await tryAndUndo(t, y, async (tx) => ({
      read: await tx.select().from(returns),
      updated: await tx.update(returns).set({ status: 'accepted' }).returning(),
      deleted: await tx.delete(returns).returning(),
    }));
    assert.deepEqual(byY, { read: [], updated: [], deleted: [] });
    const byX = await tryAndUndo(t, x, (tx) => tx.select({ id: returns.id }).from(returns));
    assert.deepEqual(byX.map((r) => r.id).sort(), xReturns.map((r) => r.id).sort());
  });

  it('lets the partners of a joint cycle and the members of a shared agency see what they share', async () => {
    const [cycle] = await t.database.db.select().from(cycles).where(eq(cycles.partnershipId, x)).limit(1);
    const cycleReturns = await t.database.db.select().from(returns).where(eq(returns.cycleId, cycle!.id));
    const [agency] = await t.database.db
      .select()
      .from(agencyMemberships)
      .where(eq(agencyMemberships.partnershipId, x))
      .limit(1);
    // Y may not make itself a partner of X's cycle (only the lead adds partners, migration 0036).
    const joined = await refusal(() =>
      tryAndUndo(t, y, (tx) => tx.insert(cyclePartnerships).values({ cycleId: cycle!.id, partnershipId: y })),
    );
    assert.match(joined, /^42501 .*row-level security/);
    // Once X has made Y a partner (here in the system's context), Y sees the cycle's returns.
    await t.database.db.insert(cyclePartnerships).values({ cycleId: cycle!.id, partnershipId: y });
    try {
      const seen = await tryAndUndo(t, y, async (tx) => {
        // Y takes one of X's agencies as a member too (in Y's own name).
        await tx.insert(agencyMemberships).values({ partnershipId: y, agencyId: agency!.agencyId });
        return {
          returns: (await tx.select({ id: returns.id }).from(returns).where(eq(returns.cycleId, cycle!.id)))
            .length,
          memberships: (
            await tx.select().from(agencyMemberships).where(eq(agencyMemberships.agencyId, agency!.agencyId))
          ).length,
        };
      });
      assert.ok(cycleReturns.length > 0);
      assert.deepEqual(seen, { returns: cycleReturns.length, memberships: 2 });
    } finally {
      await t.database.db
        .delete(cyclePartnerships)
        .where(and(eq(cyclePartnerships.cycleId, cycle!.id), eq(cyclePartnerships.partnershipId, y)));
    }
  });

  it('gives the functions that cross partnerships (0035) nothing beyond the partnerships they are for', async () => {
    const db = t.database.db;
    // Z shares the council with X and has asked X to share another of X's agencies; Y shares nothing.
    const z = await addOtherPartnership(t, { slug: 'rls-z', shareAgencies: [t.ids.agencyIds.council!] });
    const [request] = await db
      .insert(agencyShareRequests)
      .values({ partnershipId: z.partnershipId, askedPartnershipId: x, agencyId: t.ids.agencyIds.police! })
      .returning();
    const [cycle] = await db.select().from(cycles).where(eq(cycles.partnershipId, x)).limit(1);
    const [assigned] = await queryRows<{ agency_id: string; user_id: string }>(
      db,
      sql`select r.agency_id, ta.user_id from theme_assignments ta join returns r on r.id = ta.return_id
          where r.partnership_id = ${x} limit 1`,
    );
    assert.ok(assigned, 'the demo year assigns themes');
    const localityIds = sql.raw(
      `array['${t.ids.localityIds.northshire}', '${t.ids.localityIds.riverside}']::uuid[]`,
    );
    const ask = (tx: Tx) =>
      queryRows<Record<string, unknown>>(
        tx,
        sql`select
          cardinality(app_joint_choices(${x}::uuid)) as "xChoices",
          (select count(*)::int from app_joint_partner_localities(array[${x}::uuid])) as "xLocalities",
          (select count(*)::int from app_agencies_to_invite(${x}::uuid, ${localityIds}, null)) as "xInvited",
          app_share_request_localities(${request!.id}::uuid) is not null as "requestLocalities",
          (select count(*)::int from app_share_request_admins(${request!.id}::uuid, false)) as "askerAdmins",
          app_add_joint_partner(${cycle!.id}::uuid, ${z.partnershipId}::uuid, now()) as "jointPartnerAdded",
          app_unassign_from_agency(${assigned!.agency_id}::uuid, ${assigned!.user_id}::uuid, null, now(), '', '')
            as "unassigned"`,
      ).then((rows) => rows[0]);
    const byY = await tryAndUndo(t, y, ask);
    assert.deepEqual(byY, {
      xChoices: 0,
      xLocalities: 0,
      xInvited: 0,
      requestLocalities: false,
      askerAdmins: 0,
      jointPartnerAdded: false,
      unassigned: 0,
    });
    const byZ = await tryAndUndo(t, z.partnershipId, ask);
    // Z may choose X as a joint partner and reads its localities and agencies; it asked, so reads
    // the request; X's audit and the council's assignments in X are not Z's to change.
    assert.ok((byZ!.xLocalities as number) > 0 && (byZ!.xInvited as number) > 0, JSON.stringify(byZ));
    assert.equal(byZ!.xChoices, 0, "X's joint choices are X's to ask");
    assert.equal(byZ!.requestLocalities, false, 'the request names none of Z’s localities');
    assert.equal(byZ!.askerAdmins, 1);
    assert.equal(byZ!.jointPartnerAdded, false);
    const byX = await tryAndUndo(t, x, ask);
    assert.ok((byX!.xChoices as number) > 0 && (byX!.xInvited as number) > 0, JSON.stringify(byX));
    assert.equal(byX!.askerAdmins, 1, "the asker's admin, for the partnership asked");
    assert.equal(byX!.jointPartnerAdded, true);
    assert.ok((byX!.unassigned as number) > 0);
  });

  it('asks for the acting partnership once a statement in every policy, not once a row (0042)', async () => {
    // As a sub-select the setting is read once a statement; bare, once for every row let through.
    const perRow = await queryRows<{ policy: string }>(
      t.database.db,
      sql`select tablename || '.' || policyname as policy from pg_policies
          where schemaname = 'public'
            and (regexp_replace(coalesce(qual, ''), 'SELECT app_current_partnership[(][)]', '', 'g')
                   like '%app_current_partnership()%'
              or regexp_replace(coalesce(with_check, ''), 'SELECT app_current_partnership[(][)]', '', 'g')
                   like '%app_current_partnership()%')
          order by 1`,
    );
    assert.deepEqual(perRow, []);
    const [asked] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from pg_policies where qual like '%SELECT app_current_partnership()%'`,
    );
    assert.ok(asked!.n >= 50, `${asked!.n} policies ask for the partnership`);
  });

  it("follows each transaction's partnership on a connection that keeps the policies' plans (0041)", async () => {
    const [cycle] = await t.database.db.select().from(cycles).where(eq(cycles.partnershipId, x)).limit(1);
    const all = (
      await t.database.db.select({ id: returns.id }).from(returns).where(eq(returns.cycleId, cycle!.id))
    ).length;
    const seen: Array<{ as: string; returns: number; audits: Array<string | null> }> = [];
    try {
      // One transaction, so one connection: the helpers' plans, kept from the first statement, must
      // read the setting as it is at each statement (a pooled connection serves many partnerships).
      await t.database.db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('role', ${APP_ROLE}, true)`);
        for (const [as, id] of [
          ['x', x],
          ['y', y],
          ['x', x],
          ['system', ''],
        ] as const) {
          await tx.execute(sql`select set_config('app.partnership_id', ${id}, true)`);
          const [row] = await queryRows<{ returns: number; audits: Array<string | null> }>(
            tx,
            sql`select (select count(*)::int from returns where cycle_id = ${cycle!.id}) as returns,
                  app_audit_partnerships()::text[] as audits`,
          );
          seen.push({ as, returns: row!.returns, audits: row!.audits });
        }
        throw new Undo();
      });
    } catch (error) {
      if (!(error instanceof Undo)) throw error;
    }
    assert.ok(all > 0);
    assert.deepEqual(seen, [
      { as: 'x', returns: all, audits: [x] },
      { as: 'y', returns: 0, audits: [y] },
      { as: 'x', returns: all, audits: [x] },
      // The system's context: the policies' first test (no partnership) lets every row through.
      { as: 'system', returns: all, audits: [null] },
    ]);
  });

  it('shows everything to the system context (no partnership set), also as the app role', async () => {
    const all = (await t.database.db.select({ id: returns.id }).from(returns)).length;
    let asRole = -1;
    try {
      await t.database.db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('role', ${APP_ROLE}, true)`);
        asRole = (await tx.select({ id: returns.id }).from(returns)).length;
        throw new Undo();
      });
    } catch (error) {
      if (!(error instanceof Undo)) throw error;
    }
    assert.ok(all > 0);
    assert.equal(asRole, all);
  });

  it("runs each read API request's queries in its token's partnership's scope", async () => {
    const { token } = await createApiToken(t.database.db, {
      partnershipId: x,
      name: 'Scope check',
      expiresAt: null,
      createdBy: t.ids.userIds.admin!,
      now: t.clock.now(),
    });
    // What each transaction the request opens runs as, seen at its end.
    const db = t.database.db;
    const transaction = db.transaction.bind(db);
    const seen: Array<{ p: string | null; u: string }> = [];
    db.transaction = ((fn: (tx: Tx) => Promise<unknown>) =>
      transaction(async (tx) => {
        const result = await fn(tx);
        seen.push(
          ...(await queryRows<{ p: string | null; u: string }>(
            tx,
            sql`select current_setting('app.partnership_id', true) as p, current_user as u`,
          )),
        );
        return result;
      })) as typeof db.transaction;
    try {
      for (const path of ['/api/v1/cycles', `/api/v1/cycles/${t.ids.cycleId}/returns`]) {
        const res = await t.app.inject({ url: path, headers: { authorization: `Bearer ${token}` } });
        assert.equal(res.statusCode, 200, path);
      }
    } finally {
      db.transaction = transaction;
    }
    assert.deepEqual(seen, [
      { p: x, u: APP_ROLE },
      { p: x, u: APP_ROLE },
    ]);
  });
});
