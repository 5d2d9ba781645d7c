/**
 * Each return's agency sector and localities (`returns.agency_sector`, `returns.locality_ids`,
 * migration 0044) are kept by the database however the agency changes: its sector edited, localities
 * added many to a statement, changed, removed, or gone with a locality deleted; a return made or its
 * columns written directly gets them worked out again. The API's count of an audit's answers, read
 * from them, follows: a theme for one locality counts for an agency once it serves there.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.ts';
import { agencies, agencyLocalities, localities, returns, templateThemes } from '../../src/db/schema.ts';
import { createApiToken } from '../../src/features/api/api-tokens.repository.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

describe('the agency’s sector and localities kept on its returns', () => {
  let t: TestApp;

  before(async () => {
    t = await startTestApp();
  });
  after(async () => t?.close());

  /** Returns whose kept sector or localities differ from their agency's now (none when kept right). */
  const wrong = () =>
    queryRows<{ id: string }>(
      t.database.db,
      sql`select r.id from returns r join agencies a on a.id = r.agency_id
          where r.agency_sector <> a.sector
             or r.locality_ids <> coalesce((select array_agg(al.locality_id order by al.locality_id)
                  from agency_localities al where al.agency_id = r.agency_id and al.partnership_id = r.partnership_id),
                  '{}'::uuid[])`,
    );
  const keptOf = async (id: string) =>
    (
      await t.database.db
        .select({ sector: returns.agencySector, localityIds: returns.localityIds })
        .from(returns)
        .where(eq(returns.id, id))
    )[0]!;

  it('follows the agency’s sector and localities, a statement of many at a time', async () => {
    const { agencyIds, returnIds, localityIds, partnershipId } = t.ids;
    assert.deepEqual(await wrong(), [], 'set for the demo’s returns');
    const council = returnIds.council!;
    assert.deepEqual((await keptOf(council)).localityIds, [localityIds.northshire]);

    await t.database.db
      .update(agencies)
      .set({ sector: 'la-other' })
      .where(eq(agencies.id, agencyIds.council!));
    assert.equal((await keptOf(council)).sector, 'la-other', 'sector changed');

    const [coast] = await t.database.db
      .insert(localities)
      .values({ partnershipId, name: 'Coastal district' })
      .returning({ id: localities.id });
    await t.database.db.insert(agencyLocalities).values([
      { partnershipId, agencyId: agencyIds.council!, localityId: coast!.id },
      { partnershipId, agencyId: agencyIds.council!, localityId: localityIds.riverside },
      { partnershipId, agencyId: agencyIds.police!, localityId: coast!.id },
    ]);
    assert.deepEqual(
      (await keptOf(council)).localityIds,
      [localityIds.northshire, localityIds.riverside, coast!.id].sort(),
      'added, in order',
    );
    assert.ok((await keptOf(returnIds.police!)).localityIds.includes(coast!.id));

    await t.database.db
      .delete(agencyLocalities)
      .where(
        and(
          eq(agencyLocalities.agencyId, agencyIds.council!),
          eq(agencyLocalities.localityId, localityIds.riverside),
        ),
      );
    assert.deepEqual(
      (await keptOf(council)).localityIds,
      [localityIds.northshire, coast!.id].sort(),
      'removed',
    );

    await t.database.db
      .update(agencyLocalities)
      .set({ localityId: localityIds.riverside })
      .where(
        and(eq(agencyLocalities.agencyId, agencyIds.council!), eq(agencyLocalities.localityId, coast!.id)),
      );
    assert.deepEqual(
      (await keptOf(council)).localityIds,
      [localityIds.northshire, localityIds.riverside].sort(),
      'changed',
    );

    await t.database.db.delete(localities).where(eq(localities.id, coast!.id));
    assert.ok(!(await keptOf(returnIds.police!)).localityIds.includes(coast!.id), 'gone with the locality');

    await t.database.db
      .update(returns)
      .set({ agencySector: '', localityIds: [] })
      .where(eq(returns.id, council));
    assert.deepEqual(await wrong(), [], 'written directly, worked out again');
  });

  it('counts the answers of a theme for one locality only for the agencies serving there', async () => {
    const { agencyIds, localityIds, partnershipId, cycleId } = t.ids;
    // A theme of the audit's template for Riverside only, set before the template is first read.
    const [theme] = await t.database.db
      .select({ id: templateThemes.id })
      .from(templateThemes)
      .where(eq(templateThemes.templateVersionId, t.ids.templateVersionId))
      .orderBy(templateThemes.position)
      .limit(1);
    await t.database.db
      .update(templateThemes)
      .set({ localityIds: [localityIds.riverside], sectors: [] })
      .where(eq(templateThemes.id, theme!.id));
    // The questions of every theme for Riverside and not Northshire that the police's sector has.
    const [{ questions }] = (await queryRows<{ questions: number }>(
      t.database.db,
      sql`select count(*)::int as questions from template_questions q join template_themes th on th.id = q.theme_id
          where th.template_version_id = ${t.ids.templateVersionId}
            and ${localityIds.riverside}::uuid = any(th.locality_ids)
            and not ${localityIds.northshire}::uuid = any(th.locality_ids)
            and (th.sectors = '{}' or 'police' = any(th.sectors))`,
    )) as [{ questions: number }];
    assert.ok(questions >= 6, 'the theme made for Riverside, and any the demo has');

    const { token } = await createApiToken(t.database.db, {
      partnershipId,
      name: 'Shapes',
      expiresAt: null,
      createdBy: Object.values(t.ids.userIds)[0]!,
      now: t.clock.now(),
    });
    const total = async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/cycles/${cycleId}/answers?pageSize=1`,
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(res.statusCode, 200);
      return JSON.parse(res.body).meta.totalItems as number;
    };
    /** Every row of the list, followed page by page: what the count must equal. */
    const listed = async () => {
      let n = 0;
      let url: string | null = `/api/v1/cycles/${cycleId}/answers?pageSize=500`;
      while (url) {
        const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
        const body = JSON.parse(res.body) as { data: unknown[]; links: { next?: string | null } };
        n += body.data.length;
        url = body.links.next ?? null;
      }
      return n;
    };
    const before = await total();
    assert.equal(before, await listed());

    await t.database.db.delete(agencyLocalities).where(eq(agencyLocalities.agencyId, agencyIds.police!));
    await t.database.db
      .insert(agencyLocalities)
      .values({ partnershipId, agencyId: agencyIds.police!, localityId: localityIds.northshire });
    const after = await total();
    assert.equal(after, await listed());
    assert.equal(after, before - questions, 'the police no longer serve Riverside');
  });
});
