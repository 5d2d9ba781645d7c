/**
 * National-scale data (issue 13): the demo partnership grown to the largest partnership (1,000
 * agencies by default) and, beside it, the other partnerships of a national deployment, each with its
 * own template of 10 themes × 10 questions, three audits (two closed, the current one open) of
 * returns from every member agency, answers, theme ratings, actions, moderated grades, challenges and
 * staff survey responses.
 *
 * Written by set-based SQL, a partnership at a time (so progress can be shown), with ids derived from
 * md5 of what a row is (`md5('s11-a-' || n)::uuid` is agency n), so the same size gives the same data:
 * every name, answer, grade and status follows from the numbers, nothing is random. The demo's own
 * rows (its template, current audit and people) come from `seedDemo` first and keep their ids.
 * Last, the submitted returns' grades are kept, as a deployment holds them (each submission keeps
 * its own, the start-up job any others): a benchmark's first view of an audit's results does not
 * work them out in the request, as no view after a start would.
 *
 *   const counts = await seedNational(db, demoIds, NATIONAL_SIZES.full, (done, total, note) => …);
 */

import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../src/db/client.ts';
import { queryRows } from '../src/db/client.ts';
import { refreshStatistics } from '../src/db/statistics.ts';
import type { DemoIds } from '../src/features/demo/demo-seed.ts';
import { keepMissingGrades } from '../src/features/results/results.repository.ts';

export interface NationalSize {
  /** Partnerships in all, the demo partnership (the largest) among them. */
  partnerships: number;
  /** Agencies in all, the largest partnership's among them. */
  agencies: number;
  /** Agencies of the largest partnership (the demo's nine among them). */
  largest: number;
  /** Themes and questions a theme of the other partnerships' templates. */
  themes: number;
  questionsPerTheme: number;
}

export const NATIONAL_SIZES = {
  full: { partnerships: 150, agencies: 9000, largest: 1000, themes: 10, questionsPerTheme: 10 },
  small: { partnerships: 15, agencies: 900, largest: 100, themes: 10, questionsPerTheme: 10 },
} satisfies Record<string, NationalSize>;

/** What the seeder wrote, counted back from the database. */
export interface NationalCounts {
  partnerships: number;
  agencies: number;
  largestPartnershipAgencies: number;
  cycles: number;
  returns: number;
  answers: number;
  actions: number;
  themeModerations: number;
  challenges: number;
  surveyResponses: number;
  /** Returns whose grades are kept (`return_grades`). */
  returnsGradesKept: number;
}

export type NationalProgress = (done: number, total: number, note: string) => void;

/** The steps `seedNational` reports progress in: a partnership's audits each, and five others. */
export const nationalSteps = (size: NationalSize): number => 5 + size.partnerships;

/** The audits each partnership has: two closed (two and four years ago) and the current one. */
const AUDITS = 3;
const THEME_TITLES = [
  'Leadership and accountability',
  'Safer recruitment and allegations',
  'Training and supervision',
  'Listening to children',
  'Information sharing',
  'Early help',
  'Working together',
  'Policies and procedures',
  'Contracted services',
  'Learning from reviews',
];
const SECTORS = [
  'school-college',
  'general-practice',
  'early-years',
  'voluntary-community-faith',
  'commissioned-provider',
  'nhs-trust',
  'la-education',
  'district-council',
  'other-health',
  'police',
];

/** A constant list of this file as an SQL array (a parameter list would be a row). */
const textArray = (items: string[]) =>
  sql.raw(`(array[${items.map((i) => `'${i.replaceAll("'", "''")}'`).join(', ')}])`);

/**
 * Seeds the national data around the demo partnership `ids` (already seeded by `seedDemo`). The
 * size's `partnerships - 1` others are numbered 1…, the demo partnership is number 0.
 */
export async function seedNational(
  db: DbOrTx,
  ids: Pick<DemoIds, 'partnershipId' | 'cycleId' | 'templateVersionId' | 'localityIds'>,
  size: NationalSize,
  now: Date,
  progress: NationalProgress = () => {},
): Promise<NationalCounts> {
  const others = size.partnerships - 1;
  const otherAgencies = size.agencies - size.largest;
  const [existing] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from agency_memberships where partnership_id = ${ids.partnershipId}`,
  );
  const newLargest = size.largest - Number(existing?.n ?? 0);
  if (others < 1 || otherAgencies < others || newLargest < 0)
    throw new Error('A national size needs at least one agency in each of two or more partnerships.');
  const nowIso = now.toISOString();
  // The id of partnership k, its cycle of audit y (1, 2 closed; 3 the current one), its locality j.
  const partnership = (k: SQL) =>
    sql`(case when ${k} = 0 then ${ids.partnershipId}::uuid else md5('s11-p-' || ${k})::uuid end)`;
  const cycle = (k: SQL, y: SQL) =>
    sql`(case when ${k} = 0 and ${y} = ${AUDITS} then ${ids.cycleId}::uuid else md5('s11-c-' || ${k} || '-' || ${y})::uuid end)`;
  const locality = (k: SQL, j: SQL) =>
    sql`(case when ${k} = 0 then (case when ${j} = 1 then ${ids.localityIds.northshire}::uuid else ${ids.localityIds.riverside}::uuid end)
      else md5('s11-l-' || ${k} || '-' || ${j})::uuid end)`;
  // Agency n: 1…otherAgencies shared round the others, the rest the largest partnership's.
  const agencyK = (n: SQL) =>
    sql`(case when ${n} > ${otherAgencies} then 0 else 1 + (${n} - 1) % ${others} end)`;
  const ref = (n: SQL, y: SQL) => sql`('NS' || ${y} || '-' || lpad(${n}::text, 5, '0'))`;
  // An audit's dates: y = 3 opened a fortnight ago; the earlier ones two and four years before.
  const opens = (y: SQL) =>
    sql`(${nowIso}::timestamptz - interval '14 days' - make_interval(years => 2 * (${AUDITS} - ${y})))`;
  const closes = (y: SQL) => sql`(${opens(y)} + interval '42 days')`;

  const steps = nationalSteps(size);
  let done = 0;
  const step = async (note: string, query: SQL) => {
    await db.execute(query);
    progress(++done, steps, note);
  };

  await step(
    'partnerships, people and templates',
    sql`with p as (
        insert into partnerships (id, name, short_name, contact_email, created_at)
        select md5('s11-p-' || k)::uuid, 'Safeguarding Children Partnership ' || lpad(k::text, 3, '0'),
          'scp-' || lpad(k::text, 3, '0'), 'section11@scp-' || lpad(k::text, 3, '0') || '.example', ${nowIso}::timestamptz
        from generate_series(1, ${others}) k returning id),
      l as (
        insert into localities (id, partnership_id, name)
        select md5('s11-l-' || k || '-' || j)::uuid, md5('s11-p-' || k)::uuid, 'Area ' || lpad(k::text, 3, '0') || (array['North', 'South'])[j]
        from generate_series(1, ${others}) k cross join generate_series(1, 2) j returning id),
      u as (
        insert into users (id, email, name, job_title)
        select md5('s11-u-' || k)::uuid, 'manager@scp-' || lpad(k::text, 3, '0') || '.example',
          'Coordinator ' || lpad(k::text, 3, '0'), 'Partnership business manager'
        from generate_series(1, ${others}) k returning id),
      t as (
        insert into templates (id, partnership_id, key, name, description)
        select md5('s11-t-' || k)::uuid, md5('s11-p-' || k)::uuid, 'section-11', 'Section 11 standards',
          'The partnership''s Section 11 self-assessment'
        from generate_series(1, ${others}) k returning id)
      select (select count(*) from p) + (select count(*) from l) + (select count(*) from u) + (select count(*) from t)`,
  );
  await step(
    'template versions, themes and questions',
    sql`with r as (
        insert into partnership_roles (partnership_id, user_id, role)
        select md5('s11-p-' || k)::uuid, md5('s11-u-' || k)::uuid, 'partnership_admin'
        from generate_series(1, ${others}) k returning 1),
      v as (
        insert into template_versions (id, partnership_id, template_id, version, status, grade_descriptors, published_at)
        select md5('s11-tv-' || k)::uuid, md5('s11-p-' || k)::uuid, md5('s11-t-' || k)::uuid, 1, 'published',
          '{"red": "Not in place", "amber": "Partly in place", "green": "In place and checked"}'::jsonb, ${nowIso}::timestamptz
        from generate_series(1, ${others}) k returning 1),
      th as (
        insert into template_themes (id, partnership_id, template_version_id, key, position, title, description, guidance)
        select md5('s11-th-' || k || '-' || t)::uuid, md5('s11-p-' || k)::uuid, md5('s11-tv-' || k)::uuid,
          'standard-' || t, t, 'Standard ' || t || ': ' || ${textArray(THEME_TITLES)}[1 + (t - 1) % ${THEME_TITLES.length}],
          'What the partnership expects of every agency under this standard.',
          'Say what is in place, how you know it works, and what you will improve.'
        from generate_series(1, ${others}) k cross join generate_series(1, ${size.themes}) t returning 1)
      insert into template_questions (id, partnership_id, theme_id, key, position, text, guidance, scale, evidence_prompt)
      select md5('s11-q-' || k || '-' || t || '-' || q)::uuid, md5('s11-p-' || k)::uuid, md5('s11-th-' || k || '-' || t)::uuid,
        'q' || q, q, 'Statement ' || t || '.' || q || ': the agency has arrangements in place for this part of safeguarding, known to its staff.',
        'What a good answer looks like, and the evidence that would show it.',
        case when q = ${size.questionsPerTheme} then 'yes_no' else 'graded' end, 'Policy, minutes, audit report'
      from generate_series(1, ${others}) k cross join generate_series(1, ${size.themes}) t
        cross join generate_series(1, ${size.questionsPerTheme}) q`,
  );
  await step(
    'audits and agencies',
    sql`with c as (
        insert into cycles (id, partnership_id, template_version_id, name, opens_at, closes_at, kind, introduction)
        select ${cycle(sql`k`, sql`y`)}, ${partnership(sql`k`)},
          case when k = 0 then ${ids.templateVersionId}::uuid else md5('s11-tv-' || k)::uuid end,
          'Section 11 audit ' || extract(year from ${opens(sql`y`)}), ${opens(sql`y`)}, ${closes(sql`y`)}, 'biennial',
          'Every partner agency is asked to complete its Section 11 self-assessment by the deadline.'
        from generate_series(0, ${others}) k cross join generate_series(1, ${AUDITS}) y
        where not (k = 0 and y = ${AUDITS}) returning 1),
      cl as (
        insert into cycle_localities (partnership_id, cycle_id, locality_id)
        select ${partnership(sql`k`)}, ${cycle(sql`k`, sql`y`)}, ${locality(sql`k`, sql`j`)}
        from generate_series(0, ${others}) k cross join generate_series(1, ${AUDITS}) y cross join generate_series(1, 2) j
        where not (k = 0 and y = ${AUDITS}) returning 1),
      a as (
        insert into agencies (id, name, sector, section11_basis)
        select md5('s11-a-' || n)::uuid,
          (array['St Mary''s', 'Riverside', 'Oakfield', 'Hillcrest', 'Meadow', 'Castle', 'Brook', 'Park', 'Valley', 'Kingsway'])[1 + n % 10]
            || ' ' || (array['Academy', 'Surgery', 'Nursery', 'Youth Trust', 'Care Services', 'NHS Trust', 'College', 'District Council', 'Health Centre', 'Police Division'])[1 + (n / 10) % 10]
            || ' ' || n,
          ${textArray(SECTORS)}[1 + (n / 10) % ${SECTORS.length}], case when n % 4 = 0 then 'voluntary' else 'statutory' end
        from generate_series(1, ${otherAgencies + newLargest}) n returning 1),
      m as (
        insert into agency_memberships (partnership_id, agency_id, lead_contact_email)
        select ${partnership(agencyK(sql`n`))}, md5('s11-a-' || n)::uuid, 'lead' || n || '@agency.example'
        from generate_series(1, ${otherAgencies + newLargest}) n returning 1),
      u as (
        insert into users (id, email, name, job_title)
        select md5('s11-au-' || n)::uuid, 'lead' || n || '@agency.example', 'Safeguarding lead ' || n, 'Designated safeguarding lead'
        from generate_series(1, ${otherAgencies + newLargest}) n returning 1),
      au as (
        insert into agency_users (agency_id, user_id, role)
        select md5('s11-a-' || n)::uuid, md5('s11-au-' || n)::uuid, 'agency_lead'
        from generate_series(1, ${otherAgencies + newLargest}) n returning 1)
      insert into agency_localities (partnership_id, agency_id, locality_id)
      select ${partnership(agencyK(sql`n`))}, md5('s11-a-' || n)::uuid, ${locality(agencyK(sql`n`), sql`1 + n % 2`)}
      from generate_series(1, ${otherAgencies + newLargest}) n`,
  );
  // Every agency has a return in each audit: the closed ones submitted (every fifth accepted); the
  // current one half submitted, three in ten in progress, the rest not started.
  await step(
    'returns',
    sql`insert into returns (id, partnership_id, cycle_id, agency_id, status, reference, completer_name, completer_role,
        completer_email, signoff_name, signoff_job_title, signoff_date, signoff_confirmed_at, submitted_at, last_activity_at, created_at)
      select md5('s11-r-' || n || '-' || y)::uuid, ${partnership(agencyK(sql`n`))}, ${cycle(agencyK(sql`n`), sql`y`)},
        md5('s11-a-' || n)::uuid, s.status, ${ref(sql`n`, sql`y`)},
        'Safeguarding lead ' || n, 'Designated safeguarding lead', 'lead' || n || '@agency.example',
        case when s.submitted then 'Chief executive ' || n end, case when s.submitted then 'Chief executive' end,
        case when s.submitted then (${opens(sql`y`)} + interval '30 days')::date end,
        case when s.submitted then ${opens(sql`y`)} + interval '30 days' end,
        case when s.submitted then ${opens(sql`y`)} + interval '30 days' end,
        case when s.status <> 'not_started' then least(${opens(sql`y`)} + interval '30 days', ${nowIso}::timestamptz) end,
        ${opens(sql`y`)}
      from generate_series(1, ${otherAgencies + newLargest}) n cross join generate_series(1, ${AUDITS}) y
        cross join lateral (select case
          when y < ${AUDITS} then case when n % 5 = 0 then 'accepted' else 'submitted' end
          when n % 10 < 5 then 'submitted' when n % 10 < 8 then 'in_progress' else 'not_started' end as status) st
        cross join lateral (select st.status, st.status in ('submitted', 'accepted') as submitted) s`,
  );

  for (let k = 0; k <= others; k++) {
    const p = k === 0 ? ids.partnershipId : null;
    await seedPartnershipAudits(db, p ?? sql`md5(${`s11-p-${k}`})::uuid`, now);
    progress(++done, steps, `audits of partnership ${k + 1} of ${size.partnerships}`);
  }
  await keepMissingGrades(db, now);
  progress(++done, steps, "the submitted returns' grades kept");
  await refreshStatistics(db);
  progress(steps, steps, 'analysed');
  return countNational(db, ids.partnershipId);
}

/**
 * The answers and what follows from them for one partnership's seeded returns (references `NS…`):
 * in-progress returns have the even-numbered themes answered, the others every question.
 */
async function seedPartnershipAudits(db: DbOrTx, partnershipId: string | SQL, now: Date): Promise<void> {
  const p = typeof partnershipId === 'string' ? sql`${partnershipId}::uuid` : partnershipId;
  const nowIso = now.toISOString();
  // The seeded returns of the partnership with n (agency number) and y (audit) from the reference.
  const seeded = sql`(select r.*, substr(r.reference, 5)::int as n, substr(r.reference, 3, 1)::int as y
    from returns r where r.partnership_id = ${p} and r.reference like 'NS%' and r.status <> 'not_started')`;
  // h: 0…19 from the agency, the audit and the question's place, so grades vary but repeat exactly.
  await db.execute(sql`insert into answers (partnership_id, return_id, question_id, response, value, na_reason,
      evidence_document, evidence_location, comment, updated_at)
    select ${p}, r.id, q.id,
      case when q.scale = 'graded' then case when h < 11 then 'fully_met' when h < 16 then 'partly_met' when h < 19 then 'not_met' else 'na' end
           when q.scale = 'yes_no' then case when h < 17 then 'yes' else 'no' end end,
      case when q.scale in ('graded', 'yes_no') then '' else 'Answered in full' end,
      case when q.scale = 'graded' and h >= 19 then 'Our parent body holds this duty; its policy covers us.' else '' end,
      'Safeguarding policy, section ' || q.position, 'Policies folder on the intranet',
      'Reviewed by the board this year; the next review is due in twelve months.', r.last_activity_at
    from ${seeded} r join cycles c on c.id = r.cycle_id
      join template_themes t on t.template_version_id = c.template_version_id
      join template_questions q on q.theme_id = t.id
      cross join lateral (select (r.n * 7 + r.y * 3 + t.position * 5 + q.position * 11) % 20 as h) g
    where r.status <> 'in_progress' or t.position % 2 = 0`);
  await db.execute(sql`insert into theme_ratings (partnership_id, return_id, theme_id, rating, justification, completed_at, updated_at)
    select ${p}, r.id, t.id, (array['green', 'green', 'amber', 'red'])[1 + (r.n + t.position) % 4],
      'As the answers and the evidence show.', case when r.status <> 'in_progress' then r.submitted_at end, r.last_activity_at
    from ${seeded} r join cycles c on c.id = r.cycle_id join template_themes t on t.template_version_id = c.template_version_id
    where r.status <> 'in_progress' or t.position % 2 = 0`);
  await db.execute(sql`insert into actions (partnership_id, return_id, theme_id, question_id, description, target_date,
      lead_person, success_criteria, status, created_at, updated_at)
    select ${p}, an.return_id, q.theme_id, an.question_id, 'Review the arrangements and report back to the board',
      (r.submitted_at + interval '6 months')::date, 'Safeguarding lead', 'The next audit finds them in place',
      case when r.y < 3 then (array['completed', 'completed', 'in_progress', 'no_longer_needed'])[1 + r.n % 4] else 'not_started' end,
      r.last_activity_at, r.last_activity_at
    from ${seeded} r join answers an on an.return_id = r.id and an.partnership_id = ${p}
      join template_questions q on q.id = an.question_id
    where an.response in ('not_met', 'partly_met', 'no')`);
  // The partnership's review: moderated grades on every theme of every third submitted return, a
  // challenge (answered by the agency) on one theme of every fourth.
  await db.execute(sql`insert into theme_moderations (partnership_id, return_id, theme_id, rating, reason, moderated_by, created_at, updated_at)
    select ${p}, r.id, t.id, (array['green', 'amber', 'amber', 'red'])[1 + (r.n + t.position) % 4],
      'Moderated at the challenge panel against the evidence seen.',
      (select user_id from partnership_roles where partnership_id = ${p} and role = 'partnership_admin' order by created_at limit 1),
      r.submitted_at + interval '10 days', r.submitted_at + interval '10 days'
    from ${seeded} r join cycles c on c.id = r.cycle_id join template_themes t on t.template_version_id = c.template_version_id
    where r.status in ('submitted', 'accepted') and r.n % 3 = 0`);
  await db.execute(sql`with ch as (
      insert into challenges (partnership_id, return_id, theme_id, body, status, created_at, updated_at)
      select ${p}, r.id, t.id, 'Please say how you know staff follow the policy in practice.',
        case when r.y < 3 then 'closed' else 'answered' end, r.submitted_at + interval '7 days', r.submitted_at + interval '9 days'
      from ${seeded} r join cycles c on c.id = r.cycle_id join template_themes t on t.template_version_id = c.template_version_id
        and t.position = 1 + r.n % 3
      where r.status in ('submitted', 'accepted') and r.n % 4 = 0
      returning id, created_at)
    insert into challenge_messages (partnership_id, challenge_id, side, body, created_at)
    select ${p}, ch.id, 'agency', 'We audit ten case files a quarter; the last audit found the policy followed in all of them.',
      ch.created_at + interval '2 days'
    from ch`);
  // Staff surveys on every audit: a statement a theme, a link a return, three responses a submitted return.
  await db.execute(sql`insert into surveys (cycle_id, partnership_id, enabled, updated_at)
    select c.id, ${p}, true, ${nowIso}::timestamptz from cycles c
    where c.partnership_id = ${p} and exists (select 1 from ${seeded} r where r.cycle_id = c.id)
    on conflict (cycle_id) do nothing`);
  await db.execute(sql`insert into survey_statements (partnership_id, cycle_id, theme_id, position, text)
    select ${p}, s.cycle_id, t.id, 1, 'I know what to do if I am worried about a child (' || t.title || ').'
    from surveys s join cycles c on c.id = s.cycle_id join template_themes t on t.template_version_id = c.template_version_id
    where s.partnership_id = ${p}
    on conflict (cycle_id, theme_id, position) do nothing`);
  await db.execute(sql`insert into survey_links (partnership_id, cycle_id, return_id, token)
    select ${p}, r.cycle_id, r.id, md5('s11-sl-' || r.id) from ${seeded} r`);
  await db.execute(sql`with resp as (
      insert into survey_responses (id, partnership_id, cycle_id, return_id, submitted_on, comment, published)
      select md5('s11-sr-' || r.id || '-' || i)::uuid, ${p}, r.cycle_id, r.id, (r.submitted_at - interval '5 days')::date,
        case when i = 1 then 'Training this year was useful.' else '' end, true
      from ${seeded} r cross join generate_series(1, 3) i
      where r.status in ('submitted', 'accepted')
      returning id, cycle_id)
    insert into survey_answers (response_id, partnership_id, statement_id, answer)
    select resp.id, ${p}, st.id,
      (array['strongly_agree', 'agree', 'agree', 'neither', 'disagree', 'dont_know'])[1 + ((get_byte(decode(md5(resp.id::text), 'hex'), 0) + t.position) % 6)]
    from resp join survey_statements st on st.cycle_id = resp.cycle_id
      join template_themes t on t.id = st.theme_id`);
}

/** Counts what a national seed holds (the whole database, and the largest partnership's agencies). */
export async function countNational(db: DbOrTx, largestPartnershipId: string): Promise<NationalCounts> {
  const [row] = await queryRows<Record<keyof NationalCounts, number>>(
    db,
    sql`select (select count(*)::int from partnerships) as partnerships,
      (select count(*)::int from agencies) as agencies,
      (select count(*)::int from agency_memberships where partnership_id = ${largestPartnershipId}) as "largestPartnershipAgencies",
      (select count(*)::int from cycles) as cycles,
      (select count(*)::int from returns) as returns,
      (select count(*)::int from answers) as answers,
      (select count(*)::int from actions) as actions,
      (select count(*)::int from theme_moderations) as "themeModerations",
      (select count(*)::int from challenges) as challenges,
      (select count(*)::int from survey_responses) as "surveyResponses",
      (select count(*)::int from return_grades) as "returnsGradesKept"`,
  );
  return Object.fromEntries(
    Object.entries(row!).map(([k, v]) => [k, Number(v)]),
  ) as unknown as NationalCounts;
}
