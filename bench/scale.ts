/**
 * A large audit for benchmarks and tests: `count` agencies of the demo partnership, each with a
 * submitted return in a new cycle of the demo template, every question answered (graded questions
 * Fully, Partly or Not met in turn; Yes/No questions Yes; other scales a short text), every theme
 * rated and completed, and an action for every Not met answer. Written by a few set-based SQL
 * statements, so 10,000 returns take seconds, not hours; the tables' statistics are then refreshed.
 *
 *   const cycleId = await seedScaleCycle(db, demoIds, { count: 1000 });
 */

import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../src/db/client.ts';
import { refreshStatistics } from '../src/db/statistics.ts';
import type { DemoIds } from '../src/features/demo/demo-seed.ts';

export interface ScaleOptions {
  /** How many agencies and submitted returns. */
  count: number;
  /** The cycle's name (a new cycle each call). */
  name?: string;
}

/** Makes the cycle and its returns; gives the cycle's id. */
export async function seedScaleCycle(
  db: DbOrTx,
  ids: Pick<DemoIds, 'partnershipId' | 'cycleId' | 'localityIds'>,
  options: ScaleOptions,
): Promise<string> {
  const p = ids.partnershipId;
  const tag = `scale-${options.count}-${Date.now().toString(36)}`;
  const [cycle] = await queryRows<{ id: string }>(
    db,
    sql`insert into cycles (partnership_id, name, template_version_id, opens_at, closes_at)
        select partnership_id, ${options.name ?? `Audit of ${options.count} agencies (${tag})`}, template_version_id,
          opens_at, closes_at
        from cycles where id = ${ids.cycleId} and partnership_id = ${p}
        returning id`,
  );
  const cycleId = cycle!.id;
  await db.execute(sql`insert into cycle_localities (partnership_id, cycle_id, locality_id)
    select ${p}, ${cycleId}, l.id from localities l where l.partnership_id = ${p}`);
  // Agencies named so that they sort in a mixed order (not by number), two sectors, both localities.
  await db.execute(sql`insert into agencies (name, sector, section11_basis)
    select 'Agency ' || md5(${tag} || n::text) || ' ' || n, case when n % 3 = 0 then 'other-health' else 'la-other' end,
      case when n % 4 = 0 then 'voluntary' else 'statutory' end
    from generate_series(1, ${options.count}) n`);
  const agencies = sql`(select id from agencies where name like 'Agency %' and name in
      (select 'Agency ' || md5(${tag} || n::text) || ' ' || n from generate_series(1, ${options.count}) n))`;
  await db.execute(sql`insert into agency_memberships (partnership_id, agency_id)
    select ${p}, id from ${agencies} a`);
  await db.execute(sql`insert into agency_localities (partnership_id, agency_id, locality_id)
    select ${p}, a.id, case when (get_byte(decode(md5(a.id::text), 'hex'), 0) % 2) = 0
      then ${ids.localityIds.northshire}::uuid else ${ids.localityIds.riverside}::uuid end
    from ${agencies} a`);
  await db.execute(sql`insert into returns (partnership_id, cycle_id, agency_id, status, reference, submitted_at, last_activity_at)
    select ${p}, ${cycleId}, a.id, 'submitted', 'S11-' || substr(md5(a.id::text), 1, 8), now(), now()
    from ${agencies} a`);
  const questions = sql`select q.id as question_id, q.theme_id, q.scale, q.position as qpos, t.position as tpos
      from template_questions q join template_themes t on t.id = q.theme_id
      join cycles c on c.template_version_id = t.template_version_id
      where c.id = ${cycleId}`;
  await db.execute(sql`insert into answers (partnership_id, return_id, question_id, response, value, comment, evidence_document)
    select ${p}, r.id, q.question_id,
      case when q.scale = 'graded' then (array['fully_met', 'partly_met', 'not_met'])[1 + ((q.qpos + q.tpos) % 3)]
           when q.scale = 'yes_no' then 'yes' else null end,
      case when q.scale in ('graded', 'yes_no') then '' else 'Answered' end,
      'A comment of about the length people write, saying what is in place and how it is checked.',
      'Safeguarding policy 2025'
    from returns r cross join (${questions}) q
    where r.cycle_id = ${cycleId} and r.partnership_id = ${p}`);
  await db.execute(sql`insert into actions (partnership_id, return_id, theme_id, question_id, description, lead_person)
    select ${p}, an.return_id, q.theme_id, an.question_id, 'Review the arrangements and report back', 'Safeguarding lead'
    from answers an join template_questions q on q.id = an.question_id
    join returns r on r.id = an.return_id and r.partnership_id = an.partnership_id
    where r.cycle_id = ${cycleId} and an.partnership_id = ${p} and an.response = 'not_met'`);
  await db.execute(sql`insert into theme_ratings (partnership_id, return_id, theme_id, rating, justification, completed_at)
    select ${p}, r.id, t.id, (array['green', 'amber', 'red'])[1 + (t.position % 3)], 'As the answers show', now()
    from returns r join cycles c on c.id = r.cycle_id
      join template_themes t on t.template_version_id = c.template_version_id
    where r.cycle_id = ${cycleId} and r.partnership_id = ${p}`);
  // Fresh statistics for the tables just filled, as autovacuum would have made them by the time
  // people look: measured straight after a bulk insert, the planner still thinks the tables are
  // nearly empty and picks plans that take seconds (an index scan over every agency, per agency).
  // (As the tables' owner, as the app's statistics job does: an ANALYZE by the app's role skips
  // them, which is how the figures of the last round were measured without statistics.)
  await refreshStatistics(db);
  return cycleId;
}
