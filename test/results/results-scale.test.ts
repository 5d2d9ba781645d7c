/**
 * A generated audit of a few hundred returns (bench/scale.ts), varied so that grades, moderations,
 * unanswered questions and unsubmitted returns all occur: the results page's figures equal a
 * straightforward count in SQL, its tables with a row per agency show a page of agencies at a time,
 * and the monitoring page shows the agencies a page at a time with the
 * whole audit's totals, keeping its filters and sort in the page links.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { seedScaleCycle } from '../../bench/scale.ts';
import { queryRows } from '../../src/db/client.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';
import { figure } from './results-fixture.ts';

const ADMIN = 'business.manager@nrscp.example';
const COUNT = 300;

/** The overall "Grades per theme" table: red, amber, green and not rated per theme title. */
function gradesPerTheme(body: string): Map<string, number[]> {
  const start = body.indexOf('>Grades per theme</caption>');
  assert.ok(start > 0, 'the grades per theme table');
  const table = body.slice(start, body.indexOf('</table>', start));
  const out = new Map<string, number[]>();
  const row = /<th scope="row"[^>]*>([^<]+)<\/th>((?:<td[^>]*>[^<]*<\/td>){4})/g;
  for (const m of table.matchAll(row))
    out.set(
      m[1]!,
      [...m[2]!.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((c) => Number(c[1]!.replace(/,/g, ''))),
    );
  return out;
}

describe('whole-audit pages at a few hundred returns', () => {
  let t: TestApp;
  let admin: TestClient;
  let cycleId: string;

  before(async () => {
    t = await startTestApp();
    const db = t.database.db;
    const p = t.ids.partnershipId;
    cycleId = await seedScaleCycle(db, t.ids, { count: COUNT });
    const inCycle = sql`r.cycle_id = ${cycleId} and r.partnership_id = ${p}`;
    const pick = (expr: ReturnType<typeof sql>, n: number) =>
      sql`get_byte(decode(md5(${expr}), 'hex'), 1) % ${n}`;
    // Mixed own grades; one return in seven not submitted; some themes moderated; a required
    // question left unanswered in one return in six (its theme is then Red).
    await db.execute(sql`update theme_ratings tr set rating = (array['red', 'amber', 'green'])[1 + ${pick(sql`tr.return_id::text || tr.theme_id::text`, 3)}]
      from returns r where r.id = tr.return_id and ${inCycle}`);
    await db.execute(sql`update returns r set status = 'in_progress', submitted_at = null, reference = null
      where ${inCycle} and ${pick(sql`r.id::text`, 7)} = 0`);
    await db.execute(sql`insert into theme_moderations (partnership_id, return_id, theme_id, rating, reason)
      select ${p}, tr.return_id, tr.theme_id, (array['red', 'amber', 'green'])[1 + ${pick(sql`tr.theme_id::text || tr.return_id::text`, 3)}], 'Checked'
      from theme_ratings tr join returns r on r.id = tr.return_id
      where ${inCycle} and r.status = 'submitted' and ${pick(sql`tr.return_id::text || 'm' || tr.theme_id::text`, 5)} = 0`);
    await db.execute(sql`delete from answers a using returns r
      where r.id = a.return_id and ${inCycle} and ${pick(sql`r.id::text || 'u'`, 6)} = 0
        and a.question_id = (select q.id from template_questions q join template_themes th on th.id = q.theme_id
          join cycles c on c.template_version_id = th.template_version_id
          where c.id = ${cycleId} and q.required and q.show_when is null order by th.position, q.position limit 1)`);
    admin = await t.signIn(ADMIN);
  });

  after(async () => {
    await t?.close();
  });

  /** Red, amber, green and not rated per theme, counted straight from the returns in SQL. */
  function expectedGrades() {
    return queryRows<{
      title: string;
      red: number;
      amber: number;
      green: number;
      not_rated: number;
    }>(
      t.database.db,
      sql`with graded as (
            select th.position, th.title, r.status,
              (cardinality(th.locality_ids) = 0 or exists (select 1 from agency_localities al
                 where al.agency_id = r.agency_id and al.partnership_id = r.partnership_id
                   and al.locality_id = any(th.locality_ids)))
              and (cardinality(th.sectors) = 0 or ag.sector = any(th.sectors)) as applies,
              case when r.status not in ('submitted', 'resubmitted', 'accepted') then null
                   else coalesce(tm.rating,
                     case when exists (select 1 from template_questions q where q.theme_id = th.id and q.required
                                       and q.show_when is null and not exists (select 1 from answers a
                                         where a.return_id = r.id and a.question_id = q.id))
                          then 'red' else tr.rating end) end as grade
            from returns r join cycles c on c.id = r.cycle_id join agencies ag on ag.id = r.agency_id
              join template_themes th on th.template_version_id = c.template_version_id
              left join theme_ratings tr on tr.return_id = r.id and tr.theme_id = th.id
              left join theme_moderations tm on tm.return_id = r.id and tm.theme_id = th.id
            where r.cycle_id = ${cycleId} and r.partnership_id = ${t.ids.partnershipId})
          select position || '. ' || title as title,
            count(*) filter (where grade = 'red')::int as red, count(*) filter (where grade = 'amber')::int as amber,
            count(*) filter (where grade = 'green')::int as green, count(*) filter (where grade is null)::int as not_rated
          from graded where applies group by position, title order by position`,
    );
  }

  it('shows the same grades per theme as a straightforward count of the returns', async () => {
    const db = t.database.db;
    const expected = await expectedGrades();
    const submitted = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from returns where cycle_id = ${cycleId} and status = 'submitted'`,
    );
    const page = await admin.get(`/cycles/${cycleId}/results`);
    assert.equal(page.status, 200);
    assert.equal(figure(page.body, 'Invited'), String(COUNT));
    assert.equal(figure(page.body, 'Submitted'), String(submitted[0]!.n));
    assert.ok(submitted[0]!.n < COUNT && submitted[0]!.n > COUNT / 2, 'some returns are not submitted');
    const shown = gradesPerTheme(page.body);
    assert.equal(shown.size, expected.length);
    for (const e of expected)
      assert.deepEqual(shown.get(e.title), [e.red, e.amber, e.green, e.not_rated], e.title);
    // The variations took: each grade occurs, and a theme with an unanswered question has more Red.
    assert.ok(expected.filter((e) => e.red > 0 && e.amber > 0 && e.green > 0).length >= 5);
  });

  it('keeps each submitted return’s grades, shows the same from them, and works them out again when its answers or ratings change or it is submitted again', async () => {
    const db = t.database.db;
    const shownNow = async () => {
      const page = await admin.get(`/cycles/${cycleId}/results`);
      assert.equal(page.status, 200);
      return gradesPerTheme(page.body);
    };
    const asCounted = async () =>
      new Map((await expectedGrades()).map((e) => [e.title, [e.red, e.amber, e.green, e.not_rated]]));
    const kept = async () =>
      (
        await queryRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from return_grades g join returns r on r.id = g.return_id
              where r.cycle_id = ${cycleId}`,
        )
      )[0]!.n;
    const submitted = (
      await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from returns where cycle_id = ${cycleId} and status = 'submitted'`,
      )
    )[0]!.n;
    await shownNow();
    assert.equal(await kept(), submitted, 'a row kept per submitted return');
    assert.deepEqual(await shownNow(), await asCounted(), 'the same figures from the kept grades');

    // A theme rating changed (as a return reopened and edited would): that return's row goes.
    const [one] = await queryRows<{ return_id: string; theme_id: string }>(
      db,
      sql`select tr.return_id, tr.theme_id from theme_ratings tr join returns r on r.id = tr.return_id
          where r.cycle_id = ${cycleId} and r.status = 'submitted' and tr.rating <> 'green'
            and not exists (select 1 from theme_moderations tm where tm.return_id = tr.return_id and tm.theme_id = tr.theme_id)
          order by tr.return_id limit 1`,
    );
    await db.execute(
      sql`update theme_ratings set rating = 'green' where return_id = ${one!.return_id} and theme_id = ${one!.theme_id}`,
    );
    assert.equal(await kept(), submitted - 1, 'the changed return’s grades are no longer kept');
    assert.deepEqual(await shownNow(), await asCounted(), 'worked out again from its answers');
    assert.equal(await kept(), submitted);

    // Kept letters are what the page reads: made wrong by hand (all Green where its ratings are now
    // Red), they show, until the return is submitted again (a new submission time), when they are
    // worked out again.
    await db.execute(sql`update theme_ratings set rating = 'red' where return_id = ${one!.return_id}`);
    await db.execute(
      sql`insert into return_grades (return_id, partnership_id, shape, submitted_at, self_codes, response_codes)
          select return_id, partnership_id, shape, submitted_at, self_codes, response_codes from (
            select ${one!.return_id}::uuid as return_id, ${t.ids.partnershipId}::uuid as partnership_id,
              (select shape from return_grades limit 1) as shape,
              (select submitted_at from returns where id = ${one!.return_id}) as submitted_at,
              repeat('G', 20) as self_codes, '' as response_codes) x`,
    );
    assert.notDeepEqual(await shownNow(), await asCounted(), 'the kept letters were read');
    await db.execute(sql`update returns set submitted_at = now() where id = ${one!.return_id}`);
    assert.deepEqual(await shownNow(), await asCounted(), 'a new submission is worked out again');
  });

  it('shows the tables with a row per agency a page at a time, keeping the filters in the links', async () => {
    const db = t.database.db;
    const returnIds = (body: string, table: string) => {
      const start = body.indexOf(table);
      assert.ok(start > 0, table);
      const html = body.slice(start, body.indexOf('</table>', start));
      return [...html.matchAll(/href="\/returns\/([0-9a-f-]{36})"/g)].map((m) => m[1]!);
    };
    const participationRows = (body: string) => {
      const start = body.indexOf('>Each agency’s return</caption>');
      assert.ok(start > 0, 'the participation table');
      return body.slice(start, body.indexOf('</table>', start)).match(/<th scope="row"/g)?.length ?? 0;
    };
    const links = (body: string, label: string) => {
      const start = body.indexOf(`aria-label="${label}"`);
      assert.ok(start > 0, `${label} links`);
      return [...body.slice(start, body.indexOf('</nav>', start)).matchAll(/href="([^"]+)"/g)].map((m) =>
        m[1]!.replace(/&amp;/g, '&'),
      );
    };
    const filtered = sql`r.cycle_id = ${cycleId} and a.sector = 'other-health'
      and r.status in ('submitted', 'resubmitted', 'accepted')`;
    const [submitted] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from returns r join agencies a on a.id = r.agency_id where ${filtered}`,
    );
    const n = submitted!.n;
    assert.ok(n > 50 && n <= 100, `${n} submitted in the sector: two pages`);
    const base = `/cycles/${cycleId}/results`;
    const first = await admin.get(`${base}?sector=other-health&grades=moderated`);
    assert.equal(first.status, 200);
    const page1 = returnIds(first.body, 'app-heatmap">');
    assert.equal(page1.length, 50);
    assert.ok(first.body.includes(`Agencies 1 to 50 of ${n}, 50 a page.`), 'what the page shows');
    assert.ok(
      links(first.body, 'Agencies and themes pages').includes(
        `${base}?sector=other-health&grades=moderated&heatmap-page=2#heatmap`,
      ),
    );
    // Each agency's return: 50 of the filter's 100 agencies, folded away on its first page.
    assert.equal(participationRows(first.body), 50);
    assert.ok(first.body.includes('<details class="govuk-details">'), 'closed');
    // The second page of the heatmap keeps the participation table's page, and the reverse.
    const second = await admin.get(
      `${base}?sector=other-health&grades=moderated&heatmap-page=2&participation-page=2`,
    );
    const page2 = returnIds(second.body, 'app-heatmap">');
    assert.equal(page2.length, n - 50);
    assert.equal(new Set([...page1, ...page2]).size, n, 'every submitted agency once');
    assert.ok(second.body.includes(`Agencies 51 to ${n} of ${n}, 50 a page.`));
    assert.ok(second.body.includes('<details class="govuk-details" open>'), 'open on a later page');
    assert.equal(participationRows(second.body), 50);
    assert.ok(
      links(second.body, 'Each agency’s return pages').includes(
        `${base}?sector=other-health&grades=moderated&heatmap-page=2#participation`,
      ),
    );
    assert.ok(
      links(second.body, 'Agencies and themes pages').includes(
        `${base}?sector=other-health&grades=moderated&participation-page=2#heatmap`,
      ),
    );
    // The figures above the tables are the whole filter's, on any page.
    for (const body of [first.body, second.body]) {
      assert.equal(figure(body, 'Invited'), '100');
      assert.ok(body.includes('100 of 300 invited agencies (filtered'), 'agencies within the filters');
    }
  });

  it('shows the monitoring table a page at a time, with the totals of the whole audit', async () => {
    const first = await admin.get(`/cycles/${cycleId}?sort=agency&direction=desc`);
    assert.equal(first.status, 200);
    const rows = (body: string) => body.match(/<tr class="govuk-table__row">\s*<td/g)?.length ?? 0;
    assert.ok(
      first.body.includes(`${COUNT} of ${COUNT} agencies shown: 1 to 100 on this page`),
      'first page',
    );
    assert.ok(rows(first.body) <= 100);
    assert.ok(first.body.includes('class="govuk-pagination"'), 'pagination');
    // The page links keep the sort; a page past the end shows the last page.
    const links = [...first.body.matchAll(/class="govuk-link govuk-pagination__link"\s+href="([^"]+)"/g)].map(
      (m) => m[1]!.replace(/&amp;/g, '&'),
    );
    assert.ok(
      links.includes(`/cycles/${cycleId}?direction=desc&page=3`),
      `link to page 3 in ${links.join(' ')}`,
    );
    const last = await admin.get(`/cycles/${cycleId}?direction=desc&page=9`);
    assert.ok(
      last.body.includes(`${COUNT} of ${COUNT} agencies shown: 201 to 300 on this page`),
      'last page',
    );
    // Filtered: the count is the filter's, paged from its own first page.
    const filtered = await admin.get(`/cycles/${cycleId}?sector=other-health`);
    const n = Number(/(\d+) of 300 agencies shown \(filtered\)/.exec(filtered.body)?.[1]);
    assert.equal(n, 100);
    assert.ok(filtered.body.includes('100 of 300 agencies shown (filtered).'), 'one page');
    assert.ok(!filtered.body.includes('class="govuk-pagination"'), 'no page links');
  });
});
