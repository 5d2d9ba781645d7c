import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { and, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { agencies, agencyImports, agencyLocalities, agencyMemberships } from '../../src/db/schema.ts';
import { xlsxReadsRunning } from '../../src/lib/xlsx-reader.ts';
import { bombXlsx, manyCellsXlsx } from '../helpers/handmade-xlsx.ts';
import { addOtherPartnership } from '../helpers/other-partnership.ts';
import { startTestApp, type TestApp, type TestClient, type TestResponse } from '../helpers/test-app.ts';

const ADMIN = 'business.manager@nrscp.example';
const REVIEWER = 'scrutineer@nrscp.example';
const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';
const HEADER = ['Name', 'Sector', 'Statutory or voluntary', 'Localities served', 'Lead contact email'];

/** Posts a file as a browser's multipart form would, with the client's cookies and CSRF token. */
const upload = (
  _t: TestApp,
  client: TestClient,
  url: string,
  file: { name: string; data: Buffer | string; type?: string },
  csrf = client.csrf,
): Promise<TestResponse> => client.postFile(url, file, { _csrf: csrf });

const csv = (rows: string[][]) => `${[HEADER, ...rows].map((r) => r.join(',')).join('\r\n')}\r\n`;

async function xlsx(rows: Array<Array<string | { formula: string }>>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Agencies');
  sheet.addRow(HEADER);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('a partnership admin imports agencies from a spreadsheet', () => {
  let t: TestApp;
  let admin: TestClient;
  let base: string;

  const countAgencies = async () => (await t.database.db.select({ id: agencies.id }).from(agencies)).length;

  before(async () => {
    t = await startTestApp();
    admin = await t.signIn(ADMIN);
    base = `/partnerships/${t.ids.partnershipId}/agencies`;
  });
  after(async () => t.close());

  it('offers the import from the agencies page, with the templates and the allowed values', async () => {
    const list = await admin.get(base);
    assert.match(list.body, new RegExp(`href="${base}/import"`));
    const page = await admin.get(`${base}/import`);
    assert.equal(page.status, 200);
    assert.match(page.body, /enctype="multipart\/form-data"/);
    assert.match(page.body, /Voluntary, community or faith organisation/);
    assert.match(page.body, /<li>Riverside<\/li>/);

    const template = await admin.download(`${base}/import/template.csv`);
    assert.equal(template.status, 200);
    assert.match(
      String(template.headers['content-disposition']),
      /attachment; filename="agencies-template-.*\.csv"/,
    );
    assert.equal(
      template.bytes.toString('utf8'),
      '\uFEFFName,Sector,Statutory or voluntary,Localities served,Lead contact email\r\n',
    );

    const book = await admin.download(`${base}/import/template.xlsx`);
    assert.equal(book.status, 200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(book.bytes as unknown as ArrayBuffer);
    assert.deepEqual((workbook.getWorksheet('Agencies')!.getRow(1).values as unknown[]).slice(1), HEADER);
    const allowed = workbook.getWorksheet('Allowed values')!;
    const cells = allowed.getSheetValues().flat().map(String);
    assert.ok(cells.includes('Police'));
    assert.ok(cells.includes('Riverside'));
    assert.ok(cells.includes('Northshire'));
    assert.ok(cells.includes('Voluntary'));
  });

  it('refuses files that cannot be imported, with the reason on the upload page', async () => {
    await admin.get(`${base}/import`);
    const cases: Array<[{ name: string; data: Buffer | string }, RegExp]> = [
      [{ name: 'empty.csv', data: '' }, /The selected file is empty/],
      [{ name: 'photo.png', data: 'not a spreadsheet' }, /must be a CSV or XLSX file/],
      [
        { name: 'fake.xlsx', data: csv([['A', 'Police', 'Statutory', 'Northshire', '']]) },
        /could not be opened as an XLSX/,
      ],
      [{ name: 'binary.csv', data: Buffer.from([0, 1, 2, 3, 4, 5]) }, /is not a CSV file/],
      [{ name: 'cols.csv', data: 'Agency,Sector\r\nA,Police\r\n' }, /must name the columns/],
      [{ name: 'big.csv', data: Buffer.alloc(1024 * 1024 + 10, 'a') }, /must be smaller than 1 MB/],
      [
        {
          name: 'many.csv',
          data: csv(
            Array.from({ length: 2001 }, (_, i) => [`Agency ${i}`, 'Police', 'Statutory', 'Northshire', '']),
          ),
        },
        /Import at most 2,000 at a time/,
      ],
      [
        {
          name: 'formula.xlsx',
          data: await xlsx([['A', 'Police', 'Statutory', 'Northshire', { formula: '1+1' }]]),
        },
        /Cell E2 holds a formula/,
      ],
      // Like the finding's file: a few hundred KB that unpack to about 30 MB.
      [{ name: 'bomb.xlsx', data: bombXlsx('Agencies', HEADER) }, /The selected spreadsheet is too large/],
      [{ name: 'cells.xlsx', data: manyCellsXlsx('Agencies', HEADER) }, /has too many filled cells/],
    ];
    for (const [file, message] of cases) {
      const res = await upload(t, admin, `${base}/import`, file);
      assert.equal(res.status, 422, file.name);
      assert.match(res.body, message, file.name);
      assert.match(res.body, /govuk-error-summary/, file.name);
      assert.match(res.body, /href="#file"/, file.name);
    }
    const none = await upload(t, admin, `${base}/import`, { name: '', data: '' });
    assert.equal(none.status, 422);
    assert.match(none.body, /Select a CSV or XLSX file/);
    assert.equal((await t.database.db.select().from(agencyImports)).length, 0);
  });

  it('previews bad rows with their problems by row and column, and saves nothing', async () => {
    const before = await countAgencies();
    await admin.get(`${base}/import`);
    const res = await upload(t, admin, `${base}/import`, {
      name: 'bad.csv',
      data: csv([
        ['Good Trust', 'Other', 'Voluntary', 'Riverside', ''],
        ['', 'Bakery', 'Voluntary', 'Atlantis', 'not-an-email'],
        ['Northshire Constabulary', 'Police', 'Statutory', 'Northshire', ''],
        ['Good Trust', 'Other', 'Voluntary', 'Riverside', ''],
        ['=HYPERLINK("http://evil.example")', 'Other', 'Voluntary', 'Riverside', ''],
      ]),
    });
    assert.equal(res.status, 303);
    const preview = await admin.get(res.location!);
    assert.equal(preview.status, 200);
    assert.match(preview.body, /govuk-error-summary/);
    assert.match(preview.body, /href="#row-3"\s*>Row 3: Enter the agency’s name/);
    assert.match(preview.body, /Row 3: “Bakery” is not a sector on the list/);
    assert.match(preview.body, /Row 3: “Atlantis” is not one of the partnership’s localities/);
    assert.match(preview.body, /Row 3: Enter the email address in the correct format/);
    assert.match(
      preview.body,
      /Row 4: An agency called “Northshire Constabulary” is already in the partnership/,
    );
    assert.match(preview.body, /Row 5: “Good Trust” is also on row 2 of the file/);
    assert.match(preview.body, /3 rows have problems/);
    assert.match(preview.body, /id="row-3"/);
    assert.match(
      preview.body,
      /=HYPERLINK\(&#34;http:\/\/evil.example&#34;\)|=HYPERLINK\(&quot;http:\/\/evil.example&quot;\)/,
    );
    assert.doesNotMatch(preview.body, /Import \d+ agenc/);

    // Even a forged confirmation imports nothing while any row has a problem.
    const forced = await admin.post(res.location!);
    assert.equal(forced.status, 422);
    assert.equal(await countAgencies(), before);
  });

  it('imports every row of a good CSV file once, all or nothing, and never twice', async () => {
    const before = await countAgencies();
    await admin.get(`${base}/import`);
    const res = await upload(t, admin, `${base}/import`, {
      name: 'good.csv',
      data: csv([
        [
          'Riverside Foodbank',
          '"Voluntary, community or faith organisation"',
          'voluntary',
          'Riverside',
          'Lead@Foodbank.example',
        ],
        ['Northshire Scouts', 'voluntary-community-faith', 'Voluntary', 'Northshire; Riverside', ''],
        ['"+Plus Academy"', 'School or college', 'Statutory', 'Northshire', ''],
      ]),
    });
    assert.equal(res.status, 303);
    const preview = await admin.get(res.location!);
    assert.equal(preview.status, 200);
    assert.doesNotMatch(preview.body, /govuk-error-summary/);
    assert.match(preview.body, /Will be added/);
    assert.match(preview.body, /Import 3 agencies/);
    assert.equal(await countAgencies(), before, 'nothing saved before confirming');

    const done = await admin.post(res.location!);
    assert.equal(done.status, 303);
    assert.equal(done.location, `${base}?done=imported&count=3`);
    assert.equal(await countAgencies(), before + 3);
    const list = await admin.get(done.location!);
    assert.match(list.body, /3 agencies imported/);
    const [scouts] = await t.database.db
      .select()
      .from(agencies)
      .where(eq(agencies.name, 'Northshire Scouts'));
    assert.equal(scouts?.section11Basis, 'voluntary');
    assert.equal(scouts?.sector, 'voluntary-community-faith');
    const served = await t.database.db
      .select()
      .from(agencyLocalities)
      .where(eq(agencyLocalities.agencyId, scouts!.id));
    assert.equal(served.length, 2);
    const [foodbank] = await t.database.db
      .select()
      .from(agencies)
      .where(eq(agencies.name, 'Riverside Foodbank'));
    const [membership] = await t.database.db
      .select()
      .from(agencyMemberships)
      .where(
        and(
          eq(agencyMemberships.agencyId, foodbank!.id),
          eq(agencyMemberships.partnershipId, t.ids.partnershipId),
        ),
      );
    assert.equal(membership?.leadContactEmail, 'lead@foodbank.example');
    const [plus] = await t.database.db.select().from(agencies).where(eq(agencies.name, '+Plus Academy'));
    assert.equal(plus?.section11Basis, 'statutory', 'a cell starting with + is kept as text');

    // A second confirmation (a double click, the back button) imports nothing more.
    const again = await admin.post(res.location!);
    assert.equal(again.status, 409);
    assert.match(again.body, /already been imported/);
    assert.equal(await countAgencies(), before + 3);
  });

  it('imports an XLSX file the same way', async () => {
    const before = await countAgencies();
    await admin.get(`${base}/import`);
    const res = await upload(t, admin, `${base}/import`, {
      name: 'agencies.xlsx',
      data: await xlsx([
        ['Eastmoor Youth Club', 'Voluntary, community or faith organisation', 'Voluntary', 'Northshire', ''],
        [
          '@Riverside Nursery',
          'Early years or childcare',
          'Statutory',
          'Riverside',
          'nursery@riverside.example',
        ],
      ]),
    });
    assert.equal(res.status, 303);
    const preview = await admin.get(res.location!);
    assert.match(preview.body, /Import 2 agencies/);
    const done = await admin.post(res.location!);
    assert.equal(done.status, 303);
    assert.equal(await countAgencies(), before + 2);
    const rows = await t.database.db
      .select()
      .from(agencies)
      .where(inArray(agencies.name, ['Eastmoor Youth Club', '@Riverside Nursery']));
    assert.equal(rows.length, 2);
  });

  it('answers /healthz while a large workbook is read in its worker, and still imports it', async () => {
    const long = 'a long name that makes the workbook large '.repeat(3);
    const data = await xlsx(
      Array.from({ length: 2000 }, (_, i) => [
        `Agency ${i} ${long}`,
        'Police',
        'Statutory',
        'Northshire',
        `lead${i}@agency.example`,
      ]),
    );
    await admin.get(`${base}/import`);
    let uploaded = false;
    const pending = upload(t, admin, `${base}/import`, { name: 'large.xlsx', data }).then((res) => {
      uploaded = true;
      return res;
    });
    while (xlsxReadsRunning() === 0) await sleep(2);
    const started = performance.now();
    const health = await t.app.inject({ method: 'GET', url: '/healthz' });
    const waited = performance.now() - started;
    assert.equal(health.statusCode, 200);
    assert.equal(uploaded, false, 'the health check is answered while the file is being read');
    assert.ok(waited < 2000, `the health check waited ${Math.round(waited)} ms`);
    const res = await pending;
    assert.equal(res.status, 303, res.body.slice(0, 500));
    assert.match((await admin.get(res.location!)).body, /Import 2,000 agencies|Import 2000 agencies/);
  });

  it('checks the CSRF token of the upload and of the confirmation', async () => {
    await admin.get(`${base}/import`);
    const forged = await upload(
      t,
      admin,
      `${base}/import`,
      { name: 'good.csv', data: csv([['CSRF Trust', 'Other', 'Voluntary', 'Riverside', '']]) },
      'not-the-token',
    );
    assert.equal(forged.status, 403);
    const res = await upload(t, admin, `${base}/import`, {
      name: 'good.csv',
      data: csv([['CSRF Trust', 'Other', 'Voluntary', 'Riverside', '']]),
    });
    assert.equal(res.status, 303);
    await admin.get(res.location!);
    const confirm = await admin.post(res.location!, { _csrf: 'forged' });
    assert.equal(confirm.status, 403);
    assert.equal(
      (await t.database.db.select().from(agencies).where(eq(agencies.name, 'CSRF Trust'))).length,
      0,
    );
  });

  it('refuses reviewers, agency leads and another partnership’s admin', async () => {
    await admin.get(`${base}/import`);
    const res = await upload(t, admin, `${base}/import`, {
      name: 'mine.csv',
      data: csv([['Private Trust', 'Other', 'Voluntary', 'Riverside', '']]),
    });
    const preview = res.location!;

    const reviewer = await t.signIn(REVIEWER);
    assert.equal((await reviewer.get(`${base}/import`)).status, 403);
    assert.equal((await reviewer.download(`${base}/import/template.xlsx`)).status, 403);
    assert.equal((await reviewer.get(preview)).status, 403);
    assert.equal((await reviewer.post(preview)).status, 403);
    await reviewer.get(base);
    assert.equal((await upload(t, reviewer, `${base}/import`, { name: 'a.csv', data: csv([]) })).status, 403);

    const lead = await t.signIn(COUNCIL_LEAD);
    assert.equal((await lead.get(`${base}/import`)).status, 404);
    assert.equal((await lead.get(preview)).status, 404);

    const other = await addOtherPartnership(t, { slug: 'southshire' });
    const outsider = await t.signIn(other.adminEmail);
    assert.equal((await outsider.get(preview)).status, 404);
    // Their own partnership's address with this partnership's upload id finds nothing either.
    const importId = preview.split('/').pop()!;
    const otherBase = `/partnerships/${other.partnershipId}/agencies/import`;
    assert.equal((await outsider.get(`${otherBase}/${importId}`)).status, 404);
    await outsider.get(otherBase);
    assert.equal((await outsider.post(`${otherBase}/${importId}`)).status, 404);
    assert.equal(
      (await t.database.db.select().from(agencies).where(eq(agencies.name, 'Private Trust'))).length,
      0,
    );
  });
});
