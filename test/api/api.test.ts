/** The read-only API: tokens an admin creates and revokes, bearer authentication, scoping, pages. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { actions, agencies, agencyMemberships, answers, returns } from '../../src/db/schema.ts';
import { createApiToken } from '../../src/features/api/api-tokens.repository.ts';
import { loadOpenApi } from '../../src/features/api/openapi.ts';
import { addOtherPartnership } from '../helpers/other-partnership.ts';
import { captureQueries } from '../helpers/query-capture.ts';
import { themesFor } from '../helpers/return-fixtures.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const ADMIN = 'business.manager@nrscp.example';
const REVIEWER = 'scrutineer@nrscp.example';

/** The GET routes of Fastify's route tree (`printRoutes`), as full paths. */
function getRoutes(tree: string): string[] {
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│ ]*)[├└]── (.*?)(?: \(([^)]*)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack[depth] = m[2]!;
    stack.length = depth + 1;
    if (m[3]?.split(', ').includes('GET')) routes.push(stack.join('').replace(/^\/+/, '/'));
  }
  return routes;
}

describe('the read-only API', () => {
  let t: TestApp;
  let admin: TestClient;
  let token: string;
  let tokensUrl: string;

  const api = async (
    url: string,
    bearer: string | null = token,
    method: 'GET' | 'POST' | 'DELETE' = 'GET',
  ) => {
    const res = await t.app.inject({
      method,
      url,
      headers: bearer === null ? {} : { authorization: `Bearer ${bearer}` },
    });
    assert.match(String(res.headers['content-type']), /^application\/json/, `${url} answers JSON`);
    return { status: res.statusCode, headers: res.headers, json: JSON.parse(res.body) };
  };

  before(async () => {
    t = await startTestApp();
    const [theme] = await themesFor(t, 'council');
    await t.database.db.insert(answers).values({
      partnershipId: t.ids.partnershipId,
      returnId: t.ids.returnIds.council!,
      questionId: theme!.questions[0]!.id,
      response: 'na',
      naReason: 'No such service here',
      comment: 'Checked with the service manager',
    });
    admin = await t.signIn(ADMIN);
    tokensUrl = `/partnerships/${t.ids.partnershipId}/api-tokens`;
  });
  after(async () => t.close());

  it('lets a partnership admin create a named token, shown once, after checking the form', async () => {
    const home = await admin.get('/');
    assert.match(home.body, new RegExp(`href="${tokensUrl}"`));
    const page = await admin.get(tokensUrl);
    assert.equal(page.status, 200);
    const blank = await admin.post(tokensUrl, {
      name: ' ',
      'expires-day': '',
      'expires-month': '',
      'expires-year': '',
    });
    assert.equal(blank.status, 422);
    assert.match(blank.body, /href="#name" ?>Enter a name for the token/);
    const past = await admin.post(tokensUrl, {
      name: 'Old dashboard',
      'expires-day': '1',
      'expires-month': '1',
      'expires-year': '2026',
    });
    assert.equal(past.status, 422);
    assert.match(past.body, /href="#expires-day" ?>The expiry date must be after today/);
    assert.match(past.body, /value="Old dashboard"/, 'what was typed is kept');
    const created = await admin.post(tokensUrl, { name: 'Power BI dashboard' });
    assert.equal(created.status, 200);
    assert.equal(created.headers['cache-control'], 'no-store');
    token = /value="(s11_[A-Za-z0-9_-]+)"/.exec(created.body)?.[1] ?? '';
    assert.ok(token, 'the token is shown');
    const list = await admin.get(tokensUrl);
    assert.match(list.body, /Power BI dashboard/);
    assert.match(list.body, /Not used yet/);
    assert.ok(!list.body.includes(token), 'the token is never shown again');
    assert.match(list.body, new RegExp(`<code>${token.slice(0, 8)}…</code>`));
  });

  it('refuses reviewers (403) and other partnerships (404) the tokens page', async () => {
    const reviewer = await t.signIn(REVIEWER);
    assert.equal((await reviewer.get(tokensUrl)).status, 403);
    const other = await addOtherPartnership(t);
    const otherAdmin = await t.signIn(other.adminEmail);
    assert.equal((await otherAdmin.get(tokensUrl)).status, 404);
  });

  it('refuses no token and a wrong token with 401 in JSON', async () => {
    const none = await api('/api/v1/cycles', null);
    assert.equal(none.status, 401);
    assert.equal(none.json.error.code, 'unauthorized');
    assert.match(String(none.headers['www-authenticate']), /^Bearer/);
    const wrong = await api('/api/v1/cycles', `${token.slice(0, -2)}xx`);
    assert.equal(wrong.status, 401);
    assert.match(wrong.json.error.message, /not recognised/);
    const session = await t.app.inject({
      method: 'GET',
      url: '/api/v1/cycles',
      headers: { cookie: admin.cookieHeader() },
    });
    assert.equal(session.statusCode, 401, 'a signed-in session is not enough');
  });

  it('lists the partnership’s cycles and records when the token was last used', async () => {
    const cycles = await api('/api/v1/cycles');
    assert.equal(cycles.status, 200);
    assert.deepEqual(
      cycles.json.data.map((c: { id: string }) => c.id),
      [t.ids.cycleId],
    );
    assert.equal(cycles.json.data[0].runBy.id, t.ids.partnershipId);
    const one = await api(`/api/v1/cycles/${t.ids.cycleId}`);
    assert.equal(one.json.data.id, t.ids.cycleId);
    const list = await admin.get(tokensUrl);
    assert.ok(!/Not used yet/.test(list.body));
  });

  it('pages through a cycle’s returns and answers', async () => {
    const first = await api(`/api/v1/cycles/${t.ids.cycleId}/returns?pageSize=4`);
    assert.equal(first.status, 200);
    assert.deepEqual(first.json.meta, { page: 1, pageSize: 4, totalItems: 9, totalPages: 3 });
    assert.equal(first.json.data.length, 4);
    assert.match(
      first.json.links.next,
      new RegExp(`^/api/v1/cycles/${t.ids.cycleId}/returns\\?pageSize=4&cursor=`),
    );
    const second = await api(first.json.links.next);
    assert.deepEqual(second.json.meta, { page: 2, pageSize: 4, totalItems: 9, totalPages: 3 });
    assert.deepEqual(
      second.json.data,
      (await api(`/api/v1/cycles/${t.ids.cycleId}/returns?page=2&pageSize=4`)).json.data,
      'following the cursor gives the same page as asking for page 2',
    );
    assert.equal(first.json.links.prev, null);
    const last = await api(`/api/v1/cycles/${t.ids.cycleId}/returns?page=3&pageSize=4`);
    assert.equal(last.json.data.length, 1);
    assert.equal(last.json.links.next, null);
    const ids = new Set(
      [first, await api(`/api/v1/cycles/${t.ids.cycleId}/returns?page=2&pageSize=4`), last].flatMap((p) =>
        p.json.data.map((r: { returnId: string }) => r.returnId),
      ),
    );
    assert.equal(ids.size, 9, 'every return once across the pages');
    assert.equal((await api(`/api/v1/cycles/${t.ids.cycleId}/returns?pageSize=0`)).status, 400);
    assert.equal((await api(`/api/v1/cycles/${t.ids.cycleId}/returns?page=x`)).status, 400);

    const answersPage = await api(`/api/v1/cycles/${t.ids.cycleId}/answers?pageSize=1000`);
    assert.equal(answersPage.status, 200);
    const council = answersPage.json.data.find(
      (a: { returnId: string; response: string | null }) =>
        a.returnId === t.ids.returnIds.council && a.response === 'na',
    );
    assert.equal(council?.naReason, 'No such service here');
    assert.equal(council?.comment, 'Checked with the service manager');
    assert.equal(council?.basis, 'statutory');
    const small = await api(`/api/v1/cycles/${t.ids.cycleId}/answers?pageSize=5&page=2`);
    assert.equal(small.json.meta.totalItems, answersPage.json.meta.totalItems);
    assert.deepEqual(small.json.data, answersPage.json.data.slice(5, 10));
    const ratings = await api(`/api/v1/cycles/${t.ids.cycleId}/theme-ratings`);
    assert.equal(ratings.status, 200);
    assert.ok(ratings.json.meta.totalItems > 9);
    const actions = await api(`/api/v1/cycles/${t.ids.cycleId}/actions`);
    assert.deepEqual(actions.json.meta, { page: 1, pageSize: 100, totalItems: 0, totalPages: 1 });
  });

  it('reads the rows of only the returns a page shows, and its template from the cache', async () => {
    const returnIds = new Set(Object.values(t.ids.returnIds));
    for (const [list, table] of [
      ['answers', 'from answers an where'],
      ['theme-ratings', 'from theme_ratings tr where'],
    ] as const) {
      let page: Awaited<ReturnType<typeof api>> | undefined;
      await api(`/api/v1/cycles/${t.ids.cycleId}/${list}?pageSize=2`);
      const queries = await captureQueries(t.database, async () => {
        page = await api(`/api/v1/cycles/${t.ids.cycleId}/${list}?pageSize=2`);
      });
      const shown = new Set(page!.json.data.map((row: { returnId: string }) => row.returnId));
      assert.equal(shown.size, 1, `a page of two ${list} is one return's`);
      const read = new Set(
        queries
          .filter((q) => q.text.includes(table))
          .flatMap((q) => q.params.filter((p): p is string => typeof p === 'string' && returnIds.has(p))),
      );
      assert.deepEqual([...read], [...shown], `the ${list} of the returns shown, no more`);
      assert.ok(page!.json.links.next, 'and where the next page starts');
      // The published template the rows are made from is kept, for the API's transactions too.
      assert.deepEqual(
        queries.filter((q) => /from "template_(versions|themes)"/.test(q.text)),
        [],
        'the template from the cache',
      );
    }
  });

  it('follows links.next with a keyset cursor: every row once, unmoved by returns added while paging', async () => {
    type Page = {
      json: { data: Array<Record<string, string>>; links: { next: string | null }; meta: { page: number } };
    };
    const follow = async (first: string, onFirst: () => Promise<void> = async () => {}) => {
      const pages: Page[] = [await api(first)];
      await onFirst();
      while (pages.at(-1)!.json.links.next) pages.push(await api(pages.at(-1)!.json.links.next!));
      return pages;
    };
    const all = await api(`/api/v1/cycles/${t.ids.cycleId}/answers?pageSize=1000`);
    const key = (a: Record<string, string>) => `${a.returnId}/${a.questionId}`;
    const everyAnswer = all.json.data.map(key);
    assert.equal(new Set(everyAnswer).size, everyAnswer.length);

    // Added while a client pages: one sorted before where it has got to, one after.
    const themes = await themesFor(t, 'council');
    const added: string[] = [];
    const addReturn = async (name: string) => {
      const [agency] = await t.database.db
        .insert(agencies)
        .values({ name, sector: 'la-other', section11Basis: 'voluntary' })
        .returning({ id: agencies.id });
      await t.database.db
        .insert(agencyMemberships)
        .values({ partnershipId: t.ids.partnershipId, agencyId: agency!.id });
      const [r] = await t.database.db
        .insert(returns)
        .values({ partnershipId: t.ids.partnershipId, cycleId: t.ids.cycleId, agencyId: agency!.id })
        .returning({ id: returns.id });
      added.push(r!.id);
      return { agencyId: agency!.id, returnId: r!.id };
    };
    try {
      let early = '';
      let late = '';
      const pages = await follow(`/api/v1/cycles/${t.ids.cycleId}/answers?pageSize=7`, async () => {
        early = (await addReturn('Aardvark Community Trust')).returnId;
        late = (await addReturn('Zephyr Youth Project')).returnId;
      });
      assert.deepEqual(
        pages.map((p) => p.json.meta.page),
        pages.map((_p, i) => i + 1),
      );
      const seen = pages.flatMap((p) => p.json.data.map(key));
      assert.equal(new Set(seen).size, seen.length, 'no row twice');
      const lateRows = seen.filter((k) => k.startsWith(`${late}/`));
      assert.ok(lateRows.length > 0, 'a return added after the cursor is reached');
      assert.ok(!seen.some((k) => k.startsWith(`${early}/`)), 'one added before the cursor is not');
      assert.deepEqual(
        seen.filter((k) => !k.startsWith(`${late}/`)),
        everyAnswer,
        'no gaps, same order as one page',
      );

      // Actions: a page holds only returns that have some.
      await t.database.db.insert(actions).values(
        [t.ids.returnIds.council!, late, late].map((returnId, i) => ({
          partnershipId: t.ids.partnershipId,
          returnId,
          themeId: themes[i]!.id,
          description: `Action ${i + 1}`,
        })),
      );
      const actionPages = await follow(`/api/v1/cycles/${t.ids.cycleId}/actions?pageSize=2`);
      assert.equal(actionPages.length, 2);
      assert.deepEqual(actionPages.flatMap((p) => p.json.data.map((a) => a.description)).sort(), [
        'Action 1',
        'Action 2',
        'Action 3',
      ]);
      const ratings = await follow(`/api/v1/cycles/${t.ids.cycleId}/theme-ratings?pageSize=3`);
      const ratingKeys = ratings.flatMap((p) => p.json.data.map((g) => `${g.returnId}/${g.themeId}`));
      const oneRatingPage = await api(`/api/v1/cycles/${t.ids.cycleId}/theme-ratings?pageSize=1000`);
      assert.deepEqual(
        ratingKeys,
        oneRatingPage.json.data.map((g: Record<string, string>) => `${g.returnId}/${g.themeId}`),
      );
      assert.equal((await api(`/api/v1/cycles/${t.ids.cycleId}/answers?cursor=not-ours`)).status, 400);
    } finally {
      for (const id of added) {
        const [r] = await t.database.db.delete(returns).where(eq(returns.id, id)).returning();
        await t.database.db.delete(agencies).where(eq(agencies.id, r!.agencyId));
      }
      await t.database.db.delete(actions).where(eq(actions.returnId, t.ids.returnIds.council!));
    }
  });

  it('orders by the agency’s name as it is now, and counts a list once, for its first page', async () => {
    const names = async () =>
      (await api(`/api/v1/cycles/${t.ids.cycleId}/returns?pageSize=1000`)).json.data.map(
        (r: { agencyName: string }) => r.agencyName,
      );
    const before = await names();
    const [agency] = await t.database.db
      .select({ id: agencies.id, name: agencies.name })
      .from(agencies)
      .innerJoin(returns, eq(returns.agencyId, agencies.id))
      .where(eq(returns.id, t.ids.returnIds.council!));
    try {
      // Renamed to sort first (the database keeps each return's sort name: migration 0039).
      await t.database.db
        .update(agencies)
        .set({ name: 'Aaa Renamed Council' })
        .where(eq(agencies.id, agency!.id));
      const after = await names();
      assert.equal(after[0], 'Aaa Renamed Council');
      assert.deepEqual(
        after.slice(1),
        before.filter((n: string) => n !== agency!.name),
      );
      const [kept] = await t.database.db
        .select({ sortName: returns.agencySortName })
        .from(returns)
        .where(eq(returns.id, t.ids.returnIds.council!));
      assert.equal(kept?.sortName, 'aaa renamed council');
    } finally {
      await t.database.db.update(agencies).set({ name: agency!.name }).where(eq(agencies.id, agency!.id));
    }
    assert.deepEqual(await names(), before, 'and back again');

    // The count of the first page travels in its cursor: the next page does not count again.
    const first = await api(`/api/v1/cycles/${t.ids.cycleId}/returns?pageSize=4`);
    const [extra] = await t.database.db
      .insert(agencies)
      .values({ name: 'Zzz Late Agency', sector: 'la-other', section11Basis: 'voluntary' })
      .returning({ id: agencies.id });
    try {
      await t.database.db
        .insert(returns)
        .values({ partnershipId: t.ids.partnershipId, cycleId: t.ids.cycleId, agencyId: extra!.id });
      const second = await api(first.json.links.next);
      assert.equal(second.json.meta.totalItems, first.json.meta.totalItems);
      const fresh = await api(`/api/v1/cycles/${t.ids.cycleId}/returns?pageSize=4`);
      assert.equal(
        fresh.json.meta.totalItems,
        first.json.meta.totalItems + 1,
        'a new first page counts again',
      );
    } finally {
      await t.database.db.delete(returns).where(eq(returns.agencyId, extra!.id));
      await t.database.db.delete(agencies).where(eq(agencies.id, extra!.id));
    }
  });

  it('gives another partnership’s token 404 for this partnership’s cycle, and refuses anything but reading', async () => {
    const other = await addOtherPartnership(t, { slug: 'northfield' });
    const { token: otherToken } = await createApiToken(t.database.db, {
      partnershipId: other.partnershipId,
      name: 'Theirs',
      expiresAt: null,
      createdBy: other.adminId,
      now: t.clock.now(),
    });
    for (const path of ['', '/returns', '/answers', '/theme-ratings', '/actions']) {
      const res = await api(`/api/v1/cycles/${t.ids.cycleId}${path}`, otherToken);
      assert.equal(res.status, 404, path);
      assert.equal(res.json.error.code, 'not_found');
    }
    assert.deepEqual((await api('/api/v1/cycles', otherToken)).json.data, []);
    assert.equal((await api('/api/v1/cycles/not-a-uuid')).status, 404);
    assert.equal((await api('/api/v1/nothing-here')).status, 404);
    assert.equal((await api('/api/v1/cycles', token, 'POST')).status, 403);
    assert.equal((await api(`/api/v1/cycles/${t.ids.cycleId}`, token, 'DELETE')).status, 403);
  });

  it('refuses an expired token and a revoked one', async () => {
    const { token: expired } = await createApiToken(t.database.db, {
      partnershipId: t.ids.partnershipId,
      name: 'Expired',
      expiresAt: new Date(t.clock.now().getTime() - 1000),
      createdBy: t.ids.userIds.admin!,
      now: t.clock.now(),
    });
    const refused = await api('/api/v1/cycles', expired);
    assert.equal(refused.status, 401);
    assert.match(refused.json.error.message, /expired/);

    const list = await admin.get(tokensUrl);
    const revokeUrl = new RegExp(
      `action="(${tokensUrl}/[0-9a-f-]{36}/revoke)"[^]*?Revoke<span class="govuk-visually-hidden"> Power BI dashboard`,
    ).exec(list.body)?.[1];
    assert.ok(revokeUrl);
    const forged = await admin.post(`${tokensUrl}/00000000-0000-4000-8000-000000000000/revoke`);
    assert.equal(forged.status, 404);
    await admin.get(tokensUrl);
    const revoked = await admin.post(revokeUrl);
    assert.equal(revoked.status, 303);
    assert.match((await admin.get(revoked.location!)).body, /Token revoked/);
    const after = await api('/api/v1/cycles');
    assert.equal(after.status, 401);
    assert.match(after.json.error.message, /revoked/);
  });

  it('is documented: every route of the API is in the OpenAPI 3.1 document, served with a page for people', async () => {
    const served = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    assert.equal(served.statusCode, 200);
    const doc = JSON.parse(served.body);
    assert.equal(doc.openapi, '3.1.0');
    assert.deepEqual(doc, loadOpenApi());
    const routes = getRoutes(t.app.printRoutes({ commonPrefix: false })).filter((r) =>
      r.startsWith('/api/v1/'),
    );
    assert.ok(routes.length >= 7, routes.join(' '));
    for (const route of routes) {
      const path = route.slice('/api/v1'.length).replace(/:(\w+)/g, '{$1}');
      assert.ok(doc.paths[path]?.get, `${route} is in the OpenAPI document`);
    }
    for (const path of Object.keys(doc.paths))
      assert.ok(routes.includes(`/api/v1${path.replace(/\{(\w+)\}/g, ':$1')}`), `${path} is served`);
    const page = await t.client().get('/api');
    assert.equal(page.status, 200);
    assert.match(page.body, /href="\/api\/v1\/openapi.json"/);
    assert.match(page.body, /GET \/api\/v1\/cycles\/\{cycleId\}\/answers/);
  });
});
