/**
 * The row-level security wall for the signed-in app (issue 11): each request that acts for one
 * partnership runs every query, through the app's own database handle, as the app's role with that
 * partnership set (`src/db/acting-partnership.ts`); queries stripped of their tenant condition then
 * see and change nothing of another partnership. The admin pages that reach other partnerships by
 * design (sharing an agency, setting up a joint audit, an agency's people) do so behind the wall
 * too, through the functions and policies of migration 0035. A request that has not established its
 * partnership is closed: its queries cannot reach any partnership's rows (they fail) unless its route
 * declares why it works across partnerships (home, the platform admin's pages: route-matrix.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import {
  actFor,
  actingFor,
  closeRequestScope,
  currentConnectionScope,
  inRequestScope,
  NOT_ESTABLISHED,
} from '../../src/db/acting-partnership.ts';
import { queryRows } from '../../src/db/client.ts';
import { readerOf, registerReader } from '../../src/db/prepared.ts';
import { returns, users } from '../../src/db/schema.ts';
import { addOtherPartnership } from '../helpers/other-partnership.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const ADMIN = 'business.manager@nrscp.example';
const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';

interface Probe {
  /** What the request's code acts for. */
  acting: string;
  /** What its queries ran under, read by the database. */
  setting: string;
  role: string;
  /** Partnership X's returns, counted without any condition but the partnership's id. */
  xReturns: number;
}

describe("the database's wall around each signed-in request", () => {
  let t: TestApp;
  let x: string;
  let y: { partnershipId: string; adminEmail: string };
  let probes: Promise<Probe>[] = [];
  const logLines: string[] = [];

  before(async () => {
    t = await startTestApp({
      logStream: { write: (line) => logLines.push(line) },
      extraRoutes: (app) => {
        const count = async (table: string) => {
          const [row] = await queryRows<{ n: number }>(
            app.deps.database.db,
            sql`select count(*)::int as n from ${sql.identifier(table)}`,
          );
          return `${table}: ${row!.n}`;
        };
        app.get('/test/forgot-its-check', async () => count('returns'));
        app.get('/test/people', async () => count('users'));
        app.get(
          '/test/across',
          { config: { systemContext: 'a test of a route across partnerships' } },
          async () => count('returns'),
        );
      },
    });
    x = t.ids.partnershipId;
    y = await addOtherPartnership(t, { slug: 'wall-y' });
    // Each select and raw query the app makes also asks the database, through the same handle and
    // in the same request, what it runs under and how many of X's returns it can see.
    const db = t.database.db;
    const execute = db.execute.bind(db);
    const probe = () => {
      // What the code acts for as it sends the query (a loader may change it before the answer): a
      // partnership, '' (the system's context) or NOT_ESTABLISHED (closed).
      const scope = currentConnectionScope();
      const acting = scope === 'owner' ? 'owner' : scope.slice('app:'.length);
      probes.push(
        execute(
          // Closed, X's returns cannot be counted at all (the count would fail): -1.
          sql`select coalesce(current_setting('app.partnership_id', true), '') as setting, current_user::text as role,
                case when coalesce(current_setting('app.partnership_id', true), '') = ${NOT_ESTABLISHED} then -1
                  else (select count(*)::int from returns where partnership_id = ${x}) end as "xReturns"`,
        ).then((result) => ({
          acting,
          ...(result as unknown as { rows: Omit<Probe, 'acting'>[] }).rows[0]!,
        })),
      );
    };
    const select = db.select.bind(db);
    db.select = ((...args: Parameters<typeof select>) => {
      probe();
      return select(...args);
    }) as typeof db.select;
    db.execute = ((query: Parameters<typeof execute>[0]) => {
      probe();
      return execute(query);
    }) as typeof db.execute;
    // And each prepared read (the session, a return, the task list's review summary…).
    const read = readerOf(db);
    assert.ok(read, 'the database has a prepared reader');
    registerReader(db, (st, params) => {
      probe();
      return read(st, params);
    });
  });
  after(() => t.close());

  async function probesOf(work: () => Promise<unknown>): Promise<Probe[]> {
    probes = [];
    await work();
    return Promise.all(probes);
  }
  const distinct = (list: Probe[], key: keyof Probe) => [...new Set(list.map((p) => p[key]))];

  /** Admin pages of one partnership, none of which crosses to another. */
  const ADMIN_PAGES = [
    'agencies',
    'settings',
    'privacy',
    'templates',
    'templates/library',
    'enquiries',
    'api-tokens',
    'agencies/import',
    'join-requests',
    'people',
    'cycles/new',
    'agency-shares',
  ];

  it("runs an admin's partnership pages with that partnership set, as the app's role", async () => {
    const admin = await t.signIn(ADMIN);
    for (const path of ADMIN_PAGES) {
      const xPage = await probesOf(async () => {
        const page = await admin.get(`/partnerships/${x}/${path}`);
        assert.equal(page.status, 200, path);
      });
      // Every query after the access check (the session's own come before it, in the system context).
      const scoped = xPage.filter((p) => p.acting === x);
      assert.ok(scoped.length > 0, path);
      assert.deepEqual(distinct(scoped, 'setting'), [x], path);
      assert.deepEqual(distinct(scoped, 'role'), ['s11_app'], path);
      assert.ok(
        scoped.every((p) => p.xReturns > 0),
        path,
      );
    }
  });

  it("leaks nothing of another partnership to an admin page's queries without their tenant condition", async () => {
    const yAdmin = await t.signIn(y.adminEmail);
    for (const path of ADMIN_PAGES) {
      const yPage = await probesOf(async () => {
        const page = await yAdmin.get(`/partnerships/${y.partnershipId}/${path}`);
        assert.equal(page.status, 200, path);
      });
      const behindTheWall = yPage.filter((p) => p.acting === y.partnershipId);
      assert.ok(behindTheWall.length > 0, path);
      assert.deepEqual(distinct(behindTheWall, 'setting'), [y.partnershipId], path);
      // The same query, with nothing but X's id to go on, finds none of X's returns on Y's page.
      assert.deepEqual(distinct(behindTheWall, 'xReturns'), [0], path);
    }
  });

  it("runs an admin's audit pages with that partnership set, as the app's role", async () => {
    const admin = await t.signIn(ADMIN);
    const xPage = await probesOf(async () => {
      const page = await admin.get(`/cycles/${t.ids.cycleId}`);
      assert.equal(page.status, 200);
    });
    assert.ok(xPage.some((p) => p.setting === x));
    assert.deepEqual(distinct(xPage, 'role'), ['s11_app']);
    assert.ok(xPage.filter((p) => p.setting === x).every((p) => p.xReturns > 0));
  });

  it("runs an agency person's pages of a return with the return's partnership set", async () => {
    const lead = await t.signIn(COUNCIL_LEAD);
    const seen = await probesOf(async () => {
      const page = await lead.get(`/returns/${t.ids.returnIds.council}`);
      assert.equal(page.status, 200);
    });
    assert.ok(seen.some((p) => p.setting === x));
    assert.deepEqual(distinct(seen, 'role'), ['s11_app']);
  });

  it('keeps home, which lists every partnership and agency role, in the system context', async () => {
    const admin = await t.signIn(ADMIN);
    const seen = await probesOf(async () => assert.equal((await admin.get('/')).status, 200));
    assert.ok(seen.length > 0);
    assert.deepEqual(distinct(seen, 'setting'), ['']);
  });

  it('runs the admin pages that reach other partnerships by design behind the wall too', async () => {
    // Sharing an agency, setting up a (joint) audit, and an agency's people and join requests read
    // what they need of other partnerships through the functions and policies of migration 0035.
    const admin = await t.signIn(ADMIN);
    const yAdmin = await t.signIn(y.adminEmail);
    const council = t.ids.agencyIds.council!;
    for (const [client, partnership, path] of [
      [admin, x, `agencies/${council}/people`],
      [admin, x, 'agencies/find?q=Northshire'],
      [admin, x, 'agency-shares'],
      [admin, x, 'cycles/new'],
      [yAdmin, y.partnershipId, 'agencies/find?q=Northshire'],
      [yAdmin, y.partnershipId, 'agency-shares'],
      [yAdmin, y.partnershipId, 'cycles/new'],
    ] as const) {
      let body = '';
      const seen = await probesOf(async () => {
        const page = await client.get(`/partnerships/${partnership}/${path}`);
        assert.equal(page.status, 200, path);
        body = page.body;
      });
      const scoped = seen.filter((p) => p.acting === partnership);
      assert.ok(scoped.length > 0, path);
      assert.deepEqual(distinct(scoped, 'setting'), [partnership], path);
      assert.deepEqual(distinct(scoped, 'role'), ['s11_app'], path);
      if (partnership === x)
        assert.ok(
          scoped.every((p) => p.xReturns > 0),
          path,
        );
      else assert.deepEqual(distinct(scoped, 'xReturns'), [0], path);
      if (partnership === y.partnershipId && path.startsWith('agencies/find'))
        assert.match(body, /Northshire County Council/, "X's agency, found through the function");
    }
  });

  it("refuses a closed request any partnership's rows, but not the service's own, until it acts for one", async () => {
    const db = t.database.db;
    const refusedForWantOfAPartnership = (error: unknown) => {
      const messages = [error, (error as { cause?: unknown }).cause].map((e) =>
        String((e as Error)?.message),
      );
      return messages.some((m) => m.includes(NOT_ESTABLISHED));
    };
    await inRequestScope(async () => {
      closeRequestScope();
      await assert.rejects(
        db.select({ id: returns.id }).from(returns).where(eq(returns.partnershipId, x)),
        refusedForWantOfAPartnership,
      );
      await assert.rejects(
        queryRows(db, sql`update returns set status = 'accepted' where partnership_id = ${x} returning id`),
        refusedForWantOfAPartnership,
      );
      // People and sessions belong to no partnership: a page may read them before it knows one.
      assert.equal((await db.select({ id: users.id }).from(users).limit(1)).length, 1);
      actFor(x);
      const own = await db.select({ id: returns.id }).from(returns).where(eq(returns.partnershipId, x));
      assert.ok(own.length > 0);
    });
    const untouched = await db
      .select({ status: returns.status })
      .from(returns)
      .where(eq(returns.partnershipId, x));
    assert.ok(untouched.every((r) => r.status !== 'accepted'));
  });

  it("gives a new route that forgets to establish its partnership none of any partnership's rows", async () => {
    const admin = await t.signIn(ADMIN);
    // A signed-in page that reads returns without checking anything: an error, not X's returns.
    const forgot = await probesOf(async () => {
      const page = await admin.get('/test/forgot-its-check');
      assert.equal(page.status, 500);
      assert.doesNotMatch(page.body, /returns: \d/);
    });
    // Logged as what it is, with the route, for whoever finds it.
    const logged = logLines.map((l) => JSON.parse(l)).find((l) => l.route === '/test/forgot-its-check');
    assert.match(logged?.msg ?? '', /before establishing which partnership it acts for/);
    const closed = forgot.filter((p) => p.acting === NOT_ESTABLISHED);
    assert.ok(closed.length > 0);
    assert.deepEqual(distinct(closed, 'setting'), [NOT_ESTABLISHED]);
    assert.deepEqual(distinct(closed, 'role'), ['s11_app']);
    // What belongs to no partnership is still there for it; and a route that says why it works across
    // partnerships stays in the system's context.
    assert.match((await admin.get('/test/people')).body, /users: [1-9]/);
    assert.match((await admin.get('/test/across')).body, /returns: [1-9]/);
  });

  it('never lets one request run under the partnership of another running beside it', async () => {
    const admin = await t.signIn(ADMIN);
    const yAdmin = await t.signIn(y.adminEmail);
    const seen = await probesOf(() =>
      Promise.all(
        Array.from(
          { length: 8 },
          (_, i) =>
            [
              admin.get(`/cycles/${t.ids.cycleId}`),
              yAdmin.get(`/partnerships/${y.partnershipId}/agencies`),
              admin.get(`/partnerships/${x}/settings`),
              yAdmin.get('/'),
            ][i % 4],
        ),
      ),
    );
    for (const acting of [x, y.partnershipId, ''])
      assert.ok(
        seen.some((p) => p.acting === acting),
        acting,
      );
    assert.deepEqual(
      seen.filter((p) => p.setting !== p.acting),
      [],
    );
  });

  it("lets queries without their tenant condition see and change nothing of another partnership's", async () => {
    const db = t.database.db;
    const xReturns = await db.select({ id: returns.id }).from(returns).where(eq(returns.partnershipId, x));
    assert.ok(xReturns.length > 0);
    const tables = (
      await queryRows<{ table_name: string }>(
        db,
        sql`select c.table_name from information_schema.columns c
            join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name
            where c.table_schema = 'public' and c.column_name = 'partnership_id' and tb.table_type = 'BASE TABLE'`,
      )
    ).map((r) => r.table_name);
    const byY = await actingFor(y.partnershipId, async () => {
      // Raw SQL through the app's handle (outside any transaction), as a request acting for Y runs it.
      const seen: Record<string, number> = {};
      for (const table of tables) {
        const [row] = await queryRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from ${sql.identifier(table)} where partnership_id = ${x}`,
        );
        if (row!.n > 0) seen[table] = row!.n;
      }
      return {
        seen,
        updated: await db
          .update(returns)
          .set({ status: 'accepted' })
          .where(eq(returns.partnershipId, x))
          .returning(),
        deleted: await db.delete(returns).where(eq(returns.partnershipId, x)).returning(),
      };
    });
    assert.deepEqual(byY, { seen: {}, updated: [], deleted: [] });
    const after = await db
      .select({ id: returns.id, status: returns.status })
      .from(returns)
      .where(eq(returns.partnershipId, x));
    assert.equal(after.length, xReturns.length);
    assert.ok(after.every((r) => r.status !== 'accepted'));
  });
});
