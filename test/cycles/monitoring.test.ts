import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { partnershipRoles, partnerships, returnHistory, users } from '../../src/db/schema.ts';
import { completeThemeFields, themesFor } from '../helpers/return-fixtures.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const ADMIN = 'business.manager@nrscp.example';
const REVIEWER = 'scrutineer@nrscp.example';
const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';
const OTHER_ADMIN = 'manager@other-partnership.example';

/** The agency names in the status table, in order. */
function agencyOrder(body: string): string[] {
  return [
    ...body.matchAll(
      /<th scope="row" class="govuk-table__header"><a class="govuk-link" href="\/returns\/[0-9a-f-]+">([^<]+)<\/a>/g,
    ),
  ].map((m) => m[1]!);
}

describe('the partnership monitors a cycle', () => {
  let t: TestApp;
  let admin: TestClient;
  let url: string;

  before(async () => {
    t = await startTestApp();
    url = `/cycles/${t.ids.cycleId}`;
    // The council starts its return: one theme completed.
    const lead = await t.signIn(COUNCIL_LEAD);
    const [theme] = await themesFor(t, 'council');
    await lead.get(`/returns/${t.ids.returnIds.council}/themes/${theme!.id}`);
    const saved = await lead.post(
      `/returns/${t.ids.returnIds.council}/themes/${theme!.id}`,
      completeThemeFields(theme!),
    );
    assert.equal(saved.status, 303);
    admin = await t.signIn(ADMIN);
  });
  after(async () => t.close());

  it('lists every invited agency with counts, status, progress and lead contact', async () => {
    const page = await admin.get(url);
    assert.equal(page.status, 200);
    const names = agencyOrder(page.body);
    assert.equal(names.length, Object.keys(t.ids.returnIds).length);
    assert.deepEqual(
      names,
      [...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })),
    );
    assert.match(page.body, /app-counts__number">9<\/span><span class="govuk-body-s">invited/);
    assert.match(page.body, /app-counts__number">1<\/span><span class="govuk-body-s">in progress/);
    const themes = await themesFor(t, 'council');
    assert.match(
      page.body,
      new RegExp(`1 of ${themes.length} themes \\(${Math.floor(100 / themes.length)}%\\)`),
    );
    assert.match(page.body, /Helen|safeguarding\.lead@northshire-council\.example/);
    assert.match(page.body, /aria-sort="ascending"/);
  });

  it('filters by status, sector and locality, and sorts by any column', async () => {
    const inProgress = await admin.get(`${url}?status=in_progress`);
    assert.deepEqual(agencyOrder(inProgress.body), ['Northshire County Council Children’s Services']);
    assert.match(inProgress.body, /1 of 9 agencies shown \(filtered\)/);
    const police = await admin.get(`${url}?sector=police`);
    assert.deepEqual(agencyOrder(police.body), ['Northshire Constabulary']);
    const riverside = await admin.get(`${url}?locality=${t.ids.localityIds.riverside}`);
    const riversideNames = agencyOrder(riverside.body);
    assert.ok(riversideNames.includes('Riverside Youth Justice Service'));
    assert.ok(
      riversideNames.includes('Northshire Constabulary'),
      'an agency serving both localities is in each',
    );
    assert.ok(!riversideNames.includes('Eastmoor District Council'));
    const byProgress = await admin.get(`${url}?sort=progress&direction=desc`);
    assert.equal(agencyOrder(byProgress.body)[0], 'Northshire County Council Children’s Services');
    assert.match(byProgress.body, /aria-sort="descending"/);
    const reversed = await admin.get(`${url}?sort=agency&direction=desc`);
    assert.deepEqual(agencyOrder(reversed.body), [...agencyOrder((await admin.get(url)).body)].reverse());
    const nonsense = await admin.get(`${url}?sort=%3Cscript%3E&status=nope`);
    assert.equal(nonsense.status, 200);
    assert.match(nonsense.body, /No agencies match these filters/);
  });

  it('marks unsubmitted returns overdue once the cycle has closed', async () => {
    const now = t.clock.now();
    t.clock.set(new Date(now.getTime() + 60 * 86_400_000));
    try {
      const later = await t.signIn(ADMIN);
      const page = await later.get(`${url}?status=overdue`);
      assert.equal(agencyOrder(page.body).length, 9);
      assert.match(page.body, /Closed /);
    } finally {
      t.clock.set(now);
    }
  });

  it('downloads the same table as CSV and XLSX, filtered, with no formulas', async () => {
    const csv = await admin.download(`${url}/returns.csv?sector=police`);
    assert.equal(csv.status, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    assert.match(
      String(csv.headers['content-disposition']),
      /^attachment; filename="returns-[A-Za-z0-9-]+\.csv"$/,
    );
    const text = csv.bytes.toString('utf8');
    assert.ok(text.startsWith('\uFEFFAgency,Sector,'));
    const lines = text.trim().split('\r\n');
    assert.equal(lines.length, 2);
    assert.match(
      lines[1]!,
      /^Northshire Constabulary,Police,Statutory,"?Northshire; Riverside"?,Not started,0,/,
    );

    const xlsx = await admin.download(`${url}/returns.xlsx`);
    assert.equal(xlsx.status, 200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Returns')!;
    assert.equal(sheet.rowCount, 10);
    assert.equal(sheet.getRow(1).getCell(1).value, 'Agency');
  });

  it('sends a reminder to chosen agencies that have not submitted, recording it in their history', async () => {
    const page = await admin.get(url);
    assert.match(page.body, /name="returnIds"/);
    const none = await admin.post(`${url}/reminders`, {});
    assert.equal(none.status, 422);
    assert.match(none.body, /Select at least one agency that has not submitted/);
    assert.match(none.body, /href="#remind-1"/, 'the error links to the first agency’s box');
    const sent = await admin.post(`${url}/reminders`, {
      returnIds: [t.ids.returnIds.council!, t.ids.returnIds.police!, '00000000-0000-4000-8000-000000000000'],
    });
    assert.equal(sent.status, 303);
    assert.equal(sent.location, `${url}?done=reminded&n=2`);
    const [mail] = await t.mailTo(COUNCIL_LEAD);
    assert.match(
      mail!.subject,
      /^Reminder: Northshire County Council Children’s Services' Section 11 return is due/,
    );
    assert.match(mail!.bodyText, /So far 1 of \d+ themes are completed/);
    const history = await t.database.db
      .select()
      .from(returnHistory)
      .where(
        and(eq(returnHistory.returnId, t.ids.returnIds.police!), eq(returnHistory.event, 'reminder_sent')),
      );
    assert.equal(history.length, 1);
    const banner = await admin.get(sent.location!);
    assert.match(banner.body, /Reminder sent to 2 agencies/);
    const reviewer = await t.signIn(REVIEWER);
    const reviewerPage = await reviewer.get(url);
    assert.doesNotMatch(reviewerPage.body, /name="returnIds"/);
    assert.equal(
      (await reviewer.post(`${url}/reminders`, { returnIds: t.ids.returnIds.council! })).status,
      403,
    );
  });

  it('shows a refused reminder form again on the page, filters and sort it was sent from', async () => {
    const page = await admin.get(`${url}?sector=police&sort=deadline&direction=desc`);
    const action = /<form method="post" action="([^"]*\/reminders[^"]*)"/
      .exec(page.body)?.[1]
      ?.replaceAll('&amp;', '&');
    assert.equal(action, `${url}/reminders?sector=police&sort=deadline&direction=desc`);
    const none = await admin.post(action, {});
    assert.equal(none.status, 422);
    assert.match(none.body, /Select at least one agency that has not submitted/);
    assert.match(none.body, /agencies shown \(filtered\)/);
    const again = /<form method="post" action="([^"]*\/reminders[^"]*)"/.exec(none.body)?.[1];
    assert.equal(again?.replaceAll('&amp;', '&'), action, 'the form again, still filtered and sorted');
    // Sent, it comes back to the same filters and sort.
    const sent = await admin.post(action, { returnIds: t.ids.returnIds.police! });
    assert.equal(sent.status, 303);
    assert.equal(sent.location, `${url}?sector=police&sort=deadline&direction=desc&done=reminded&n=1`);
    assert.match((await admin.get(sent.location!)).body, /Reminder sent to 1 agency/);
  });

  it('lets a reviewer see it, but not an agency or another partnership', async () => {
    const reviewer = await t.signIn(REVIEWER);
    assert.equal((await reviewer.get(url)).status, 200);
    const lead = await t.signIn(COUNCIL_LEAD);
    assert.equal((await lead.get(url)).status, 404);
    assert.equal((await lead.download(`${url}/returns.csv`)).status, 404);

    const [other] = await t.database.db
      .insert(partnerships)
      .values({ name: 'Other Partnership', shortName: 'OP', contactEmail: 'op@other-partnership.example' })
      .returning();
    const [user] = await t.database.db
      .insert(users)
      .values({ email: OTHER_ADMIN, name: 'Other Admin' })
      .returning();
    await t.database.db
      .insert(partnershipRoles)
      .values({ partnershipId: other!.id, userId: user!.id, role: 'partnership_admin' });
    const outsider = await t.signIn(OTHER_ADMIN);
    for (const path of [
      url,
      `${url}/returns.csv`,
      `${url}/returns.xlsx`,
      `/returns/${t.ids.returnIds.council}`,
    ])
      assert.equal((await outsider.download(path)).status, 404, path);
    assert.equal((await outsider.get('/cycles/not-a-uuid')).status, 404);
  });
});
