/**
 * Each return's number of actions (`returns.action_count`, migration 0043) is kept by the database
 * however actions are written: added a statement of many, deleted, moved to another return, changed
 * otherwise, or gone with their return; and the API's count of an audit's actions is read from it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq, inArray, sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { actions, returns, templateThemes } from '../../src/db/schema.ts';
import { createApiToken } from '../../src/features/api/api-tokens.repository.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

describe('the count of each return’s actions', () => {
  let t: TestApp;

  before(async () => {
    t = await startTestApp();
  });
  after(async () => t?.close());

  /** Returns whose kept count differs from their actions counted now (none when kept right). */
  const wrong = () =>
    queryRows<{ id: string; kept: number; counted: number }>(
      t.database.db,
      sql`select r.id, r.action_count as kept, (select count(*)::int from actions a where a.return_id = r.id) as counted
          from returns r where r.action_count <> (select count(*) from actions a where a.return_id = r.id)`,
    );
  const keptOf = async (id: string) =>
    (await t.database.db.select({ n: returns.actionCount }).from(returns).where(eq(returns.id, id)))[0]!.n;

  it('follows actions added, changed, moved and deleted, a statement of many at a time', async () => {
    const council = t.ids.returnIds.council!;
    const police = t.ids.returnIds.police!;
    // A theme each: a return has one action a theme outside its questions.
    const themes = await t.database.db.select({ id: templateThemes.id }).from(templateThemes).limit(4);
    assert.deepEqual(await wrong(), [], 'the demo’s actions counted');
    const [councilBefore, policeBefore] = [await keptOf(council), await keptOf(police)];

    const made = await t.database.db
      .insert(actions)
      .values(
        [council, council, council, police].map((returnId, i) => ({
          partnershipId: t.ids.partnershipId,
          returnId,
          themeId: themes[i]!.id,
          description: `Counted ${i}`,
        })),
      )
      .returning({ id: actions.id });
    assert.equal(await keptOf(council), councilBefore + 3);
    assert.equal(await keptOf(police), policeBefore + 1);

    await t.database.db
      .update(actions)
      .set({ status: 'in_progress' })
      .where(
        inArray(
          actions.id,
          made.map((m) => m.id),
        ),
      );
    assert.equal(await keptOf(council), councilBefore + 3, 'a change of status moves nothing');

    await t.database.db.update(actions).set({ returnId: police }).where(eq(actions.id, made[0]!.id));
    assert.equal(await keptOf(council), councilBefore + 2, 'moved away');
    assert.equal(await keptOf(police), policeBefore + 2, 'moved here');

    await t.database.db.delete(actions).where(
      inArray(
        actions.id,
        made.map((m) => m.id),
      ),
    );
    assert.equal(await keptOf(council), councilBefore);
    assert.equal(await keptOf(police), policeBefore);
    assert.deepEqual(await wrong(), []);
  });

  it('gives the API’s count of an audit’s actions, for a page of its returns’ actions', async () => {
    const council = t.ids.returnIds.council!;
    const themes = await t.database.db.select({ id: templateThemes.id }).from(templateThemes).limit(2);
    await t.database.db.insert(actions).values(
      [0, 1].map((i) => ({
        partnershipId: t.ids.partnershipId,
        returnId: council,
        themeId: themes[i]!.id,
        description: `Listed ${i}`,
      })),
    );
    const [{ n }] = (await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from actions a join returns r on r.id = a.return_id where r.cycle_id = ${t.ids.cycleId}`,
    )) as [{ n: number }];
    const { token } = await createApiToken(t.database.db, {
      partnershipId: t.ids.partnershipId,
      name: 'Counts',
      expiresAt: null,
      createdBy: Object.values(t.ids.userIds)[0]!,
      now: t.clock.now(),
    });
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cycles/${t.ids.cycleId}/actions?pageSize=1`,
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(JSON.parse(res.body).meta.totalItems, n);
    assert.ok(n >= 2);
  });
});
