/**
 * A cycle's results page and its download: who may see them, the figures from submitted returns,
 * filters that change every figure, the comparison with an earlier cycle, and a joint partner seeing
 * only its own member agencies.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import {
  agencyLocalities,
  cycleLocalities,
  cyclePartnerships,
  cycles,
  findingsReports,
  localities,
  returns,
} from '../../src/db/schema.ts';
import { addOtherPartnership, OTHER_ADMIN } from '../helpers/other-partnership.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';
import { addAction, figure, moderate, submitReturn } from './results-fixture.ts';

const ADMIN = 'business.manager@nrscp.example';
const REVIEWER = 'scrutineer@nrscp.example';
const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';
const DAY = 86_400_000;

async function sheetRows(bytes: Buffer, name: string): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = book.getWorksheet(name);
  assert.ok(sheet, `sheet ${name}`);
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('a cycle’s results', () => {
  let t: TestApp;
  let admin: TestClient;
  let url: string;
  let firstThemeTitle: string;

  before(async () => {
    t = await startTestApp();
    const db = t.database.db;
    const now = t.clock.now();
    // The audit closed yesterday; the council submitted on time, the police late (and were moderated
    // down on the first theme, with an overdue action); the youth justice service has an extension.
    await db
      .update(cycles)
      .set({ closesAt: new Date(now.getTime() - DAY) })
      .where(eq(cycles.id, t.ids.cycleId));
    const councilThemes = await submitReturn(t, t.ids.returnIds.council!, {
      submittedAt: new Date(now.getTime() - 2 * DAY),
      weakFirst: true,
      comment: 'Monthly multi-agency briefings keep every team up to date.',
    });
    const policeThemes = await submitReturn(t, t.ids.returnIds.police!, {
      submittedAt: new Date(now.getTime() - DAY / 2),
      weakFirst: true,
    });
    firstThemeTitle = councilThemes[0]!.title;
    await moderate(t, t.ids.returnIds.police!, policeThemes[0]!.id, 'amber');
    await addAction(
      t,
      t.ids.returnIds.police!,
      policeThemes[0]!.id,
      'Refresh the named lead’s training',
      '2026-10-01',
    );
    await addAction(t, t.ids.returnIds.police!, policeThemes[1]!.id, 'Not due yet', '2027-06-01');
    await db
      .update(returns)
      .set({ extendedUntil: new Date(now.getTime() + 7 * DAY) })
      .where(eq(returns.id, t.ids.returnIds.yjs!));
    admin = await t.signIn(ADMIN);
    url = `/cycles/${t.ids.cycleId}/results`;
  });
  after(async () => t.close());

  it('is linked from the monitoring page', async () => {
    const page = await admin.get(`/cycles/${t.ids.cycleId}`);
    assert.ok(page.body.includes(`href="${url}"`));
  });

  it('shows participation, with late meaning submitted after the deadline or not by it', async () => {
    const page = await admin.get(url);
    assert.equal(page.status, 200);
    assert.equal(figure(page.body, 'Invited'), '9');
    assert.equal(figure(page.body, 'Submitted'), '2');
    assert.equal(figure(page.body, 'Submitted on time'), '1');
    assert.equal(figure(page.body, 'Submitted late'), '1');
    assert.equal(figure(page.body, 'Not submitted by their deadline'), '6');
    assert.equal(figure(page.body, 'Not submitted, not yet due'), '1', 'the extension counts');
    assert.equal(figure(page.body, 'Late (submitted late or not by the deadline)'), '7');
    assert.match(
      page.body,
      /<svg class="app-chart__svg" role="img" aria-labelledby="chart-participation-title chart-participation-desc"/,
    );
    assert.match(
      page.body,
      /<desc id="chart-participation-desc">Submitted on time: 1\. Submitted late: 1\. Not submitted by deadline: 6\. Not yet due: 1\./,
    );
  });

  it('counts grades per theme from submitted returns, the moderated grade where there is one', async () => {
    const page = await admin.get(url);
    const row = new RegExp(
      `>1\\. ${firstThemeTitle}</th>((?:<td class="govuk-table__cell govuk-table__cell--numeric">\\d+</td>){4})`,
    ).exec(page.body);
    assert.ok(row, 'the first theme’s row');
    assert.deepEqual(
      [...row[1]!.matchAll(/>(\d+)</g)].map((m) => m[1]),
      ['0', '1', '1', '7'],
      'Red 0, Amber 1 (police, moderated), Green 1 (council), not rated 7',
    );
    assert.match(page.body, /Refresh the named lead’s training/, 'the overdue action is listed');
    assert.ok(!page.body.includes('Not due yet'), 'an action not yet due is not');
    assert.match(page.body, />2<\/td><td class="govuk-table__cell govuk-table__cell--numeric">2<\/td><\/tr>/);
  });

  it('shows the heatmap as self-assessed, moderated or the difference, in words', async () => {
    const self = await admin.get(url);
    assert.match(
      self.body,
      /Northshire Constabulary<\/a><\/th><td class="govuk-table__cell"><span class="app-rag app-heatmap__cell app-rag--green">Green<\/span>/,
    );
    const moderated = await admin.get(`${url}?grades=moderated`);
    assert.match(
      moderated.body,
      /Northshire Constabulary<\/a><\/th><td class="govuk-table__cell"><span class="app-rag app-heatmap__cell app-rag--amber">Amber<\/span>/,
    );
    assert.match(moderated.body, /Not moderated/);
    const difference = await admin.get(`${url}?grades=difference`);
    assert.match(difference.body, /Lower by 1: Green to Amber/);
    assert.match(difference.body, /Agency higher|Graded higher by the agency/);
  });

  it('applies the locality, sector and basis filters to every figure', async () => {
    const police = await admin.get(`${url}?sector=police`);
    assert.equal(figure(police.body, 'Invited'), '1');
    assert.equal(figure(police.body, 'Submitted late'), '1');
    assert.equal(figure(police.body, 'Submitted on time'), '0');
    assert.match(police.body, /1 of 9 invited agencies \(filtered: Police\)/);
    assert.ok(!police.body.includes('Northshire County Council Children’s Services</a>'));
    const voluntary = await admin.get(`${url}?basis=voluntary`);
    assert.equal(figure(voluntary.body, 'Invited'), '1');
    assert.equal(figure(voluntary.body, 'Submitted'), '0');
    assert.match(voluntary.body, /No agency within these filters has submitted its return yet/);
    const riverside = await admin.get(`${url}?locality=${t.ids.localityIds.riverside}`);
    assert.equal(figure(riverside.body, 'Invited'), '6');
    assert.equal(figure(riverside.body, 'Submitted on time'), '0', 'the council serves Northshire only');
  });

  it('downloads the figures as a spreadsheet with the same filters', async () => {
    const all = await admin.download(`${url.replace('/results', '/results.xlsx')}`);
    assert.equal(all.status, 200);
    assert.equal(
      all.headers['content-type'],
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const rows = await sheetRows(all.bytes, 'Participation');
    assert.deepEqual(
      rows.find((r) => r[0] === 'Invited'),
      ['Invited', 9],
    );
    const grades = await sheetRows(all.bytes, 'Grades by theme');
    assert.deepEqual(grades[1], [`1. ${firstThemeTitle}`, 0, 1, 1, 7, 9]);
    const police = await admin.download(`/cycles/${t.ids.cycleId}/results.xlsx?sector=police`);
    assert.deepEqual(
      (await sheetRows(police.bytes, 'Participation')).find((r) => r[0] === 'Invited'),
      ['Invited', 1],
    );
    const about = await sheetRows(police.bytes, 'About');
    assert.deepEqual(
      about.find((r) => r[0] === 'Filters'),
      ['Filters', 'Police'],
    );
    // Written a row at a time, the sheets keep their layout: a bold header row frozen above the
    // rows, a wide first column, the About sheet's labels in bold.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(all.bytes as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Grades by theme')!;
    assert.equal(sheet.getRow(1).getCell(1).font?.bold, true);
    assert.notEqual(sheet.getRow(2).getCell(1).font?.bold, true);
    assert.equal(sheet.getColumn(1).width, 44);
    assert.equal(sheet.getColumn(2).width, 16);
    assert.equal(sheet.views[0]?.state, 'frozen');
    assert.equal((sheet.views[0] as { ySplit?: number }).ySplit, 1);
    assert.equal(book.getWorksheet('About')!.getRow(1).getCell(1).font?.bold, true);
  });

  it('compares with the most recent earlier cycle, or one chosen', async () => {
    const page = await admin.get(url);
    assert.match(page.body, /There is no earlier audit of this partnership to compare with/);
    const db = t.database.db;
    const made = [];
    for (const [name, opens] of [
      ['Section 11 audit 2022', '2022-09-01T09:00:00Z'],
      ['Section 11 audit 2024', '2024-09-01T09:00:00Z'],
    ] as const) {
      const [c] = await db
        .insert(cycles)
        .values({
          partnershipId: t.ids.partnershipId,
          templateVersionId: t.ids.templateVersionId,
          name,
          opensAt: new Date(opens),
          closesAt: new Date(new Date(opens).getTime() + 60 * DAY),
        })
        .returning();
      const [r] = await db
        .insert(returns)
        .values({ partnershipId: t.ids.partnershipId, cycleId: c!.id, agencyId: t.ids.agencyIds.police! })
        .returning();
      await submitReturn(t, r!.id, {
        submittedAt: new Date(new Date(opens).getTime() + 30 * DAY),
        // Red in 2024, Green in 2022: the police got better since 2024 and worse since 2022.
        rating: name.endsWith('2024') ? 'red' : 'green',
      });
      made.push(c!.id);
    }
    const latest = await admin.get(url);
    assert.match(latest.body, /Compared with Section 11 audit 2024\./);
    assert.match(
      latest.body,
      /Northshire Constabulary<\/th>(<td[^>]*>\d+<\/td>){4}<td class="govuk-table__cell">Better<\/td>/,
    );
    const chosen = await admin.get(`${url}?compare=${made[0]}`);
    assert.match(chosen.body, /Compared with Section 11 audit 2022\./);
    assert.match(
      chosen.body,
      /Northshire Constabulary<\/th>(<td[^>]*>\d+<\/td>){4}<td class="govuk-table__cell">Worse<\/td>/,
    );
    // The findings report compares with the most recent earlier audit, or the one its draft chose.
    const report = `/cycles/${t.ids.cycleId}/report`;
    assert.match((await admin.get(report)).body, /By agency, against Section 11 audit 2024/);
    const [draft] = await db
      .insert(findingsReports)
      .values({ partnershipId: t.ids.partnershipId, cycleId: t.ids.cycleId, comparedCycleId: made[0]! })
      .returning();
    const chosenInReport = await admin.get(report);
    assert.match(chosenInReport.body, /By agency, against Section 11 audit 2022/);
    assert.doesNotMatch(chosenInReport.body, /against Section 11 audit 2024/);
    await db.delete(findingsReports).where(eq(findingsReports.id, draft!.id));
  });

  it('lets reviewers read, and gives agency users and other partnerships nothing (404)', async () => {
    const reviewer = await t.signIn(REVIEWER);
    assert.equal((await reviewer.get(url)).status, 200);
    const lead = await t.signIn(COUNCIL_LEAD);
    assert.equal((await lead.get(url)).status, 404);
    assert.equal((await lead.download(`/cycles/${t.ids.cycleId}/results.xlsx`)).status, 404);
    await addOtherPartnership(t, { slug: 'eastfen' });
    const other = await t.signIn('manager@eastfen.example');
    assert.equal((await other.get(url)).status, 404);
    assert.equal((await other.download(`/cycles/${t.ids.cycleId}/results.xlsx`)).status, 404);
    assert.equal((await admin.get('/cycles/not-a-uuid/results')).status, 404);
  });

  it('shows a joint partner only its own member agencies', async () => {
    const db = t.database.db;
    const partner = await addOtherPartnership(t, { shareAgencies: [t.ids.agencyIds.police!] });
    const [westvale] = await db
      .insert(localities)
      .values({ partnershipId: partner.partnershipId, name: 'Westvale' })
      .returning();
    await db.insert(agencyLocalities).values({
      partnershipId: partner.partnershipId,
      agencyId: t.ids.agencyIds.police!,
      localityId: westvale!.id,
    });
    await db
      .insert(cyclePartnerships)
      .values({ cycleId: t.ids.cycleId, partnershipId: partner.partnershipId });
    await db
      .insert(cycleLocalities)
      .values({ partnershipId: partner.partnershipId, cycleId: t.ids.cycleId, localityId: westvale!.id });
    const partnerAdmin = await t.signIn(OTHER_ADMIN);
    const page = await partnerAdmin.get(url);
    assert.equal(page.status, 200);
    assert.equal(figure(page.body, 'Invited'), '1');
    assert.match(page.body, /1 of 1 invited agency\./);
    assert.match(page.body, /Northshire Constabulary/);
    assert.ok(!page.body.includes('Northshire County Council Children’s Services'));
    assert.match(page.body, /you see the returns of your own member agencies only/);
    const xlsx = await partnerAdmin.download(`/cycles/${t.ids.cycleId}/results.xlsx`);
    const names = (await sheetRows(xlsx.bytes, 'Participation')).map((r) => r[0]);
    assert.ok(names.includes('Northshire Constabulary'));
    assert.ok(!names.includes('Northshire County Council Children’s Services'));

    // The partner writes its own findings report, about its own member agencies.
    const report = await partnerAdmin.get(`/cycles/${t.ids.cycleId}/report`);
    assert.equal(report.status, 200);
    assert.match(
      report.body,
      /<span class="govuk-caption-l">Westvale Safeguarding Children Partnership<\/span>/,
    );
    assert.match(report.body, /1 of 1 agency invited to /);
    await partnerAdmin.get(`/cycles/${t.ids.cycleId}/report/edit`);
    const saved = await partnerAdmin.post(`/cycles/${t.ids.cycleId}/report/edit`, {
      summary: 'Westvale’s own summary',
      method: '',
      participation: '',
      improvements: '',
      recommendations: '',
      comparedCycleId: '',
    });
    assert.equal(saved.status, 303);
    const leadReport = await admin.get(`/cycles/${t.ids.cycleId}/report`);
    assert.ok(!leadReport.body.includes('Westvale’s own summary'), 'the lead’s report is its own');
    assert.match(leadReport.body, /2 of 9 agencies invited/);
  });
});
