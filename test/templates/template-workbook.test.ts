import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { templateThemes } from '../../src/db/schema.ts';
import { RESPONSE_SCALES } from '../../src/features/templates/template-definition.ts';
import { readTemplateWorkbook } from '../../src/features/templates/template-workbook.ts';
import { decoded } from '../helpers/form-fields.ts';
import { bombXlsx, manyCellsXlsx } from '../helpers/handmade-xlsx.ts';
import { addOtherPartnership } from '../helpers/other-partnership.ts';
import { demoTemplateVersionId, templateRowCounts } from '../helpers/template-fixtures.ts';
import { startTestApp, type TestApp, type TestClient } from '../helpers/test-app.ts';

const ADMIN = 'business.manager@nrscp.example';
const REVIEWER = 'scrutineer@nrscp.example';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('template workbooks over HTTP: export, blank workbook, import as a draft', () => {
  let t: TestApp;
  let admin: TestClient;
  let base: string;
  let demoVersion: string;

  const counts = () => templateRowCounts(t);

  before(async () => {
    t = await startTestApp();
    admin = await t.signIn(ADMIN);
    base = `/partnerships/${t.ids.partnershipId}/templates`;
    demoVersion = await demoTemplateVersionId(t);
  });
  after(async () => t.close());

  it('exports a version as XLSX, imports it as a new draft, and exports the same definition', async () => {
    const page = await admin.get(base);
    assert.match(page.body, new RegExp(`href="${base}/versions/${demoVersion}/export.xlsx"`));
    assert.match(page.body, new RegExp(`href="${base}/workbook.xlsx"`));
    const exported = await admin.download(`${base}/versions/${demoVersion}/export.xlsx`);
    assert.equal(exported.status, 200);
    assert.equal(exported.headers['content-type'], XLSX_TYPE);
    assert.match(
      String(exported.headers['content-disposition']),
      /attachment; filename="template-Section-11-self-assessment-children-v1\.xlsx"/,
    );
    const imported = await admin.postFile(`${base}/import-workbook`, {
      field: 'workbook',
      name: 'section-11.xlsx',
      data: exported.bytes,
    });
    assert.equal(imported.status, 303, imported.body);
    assert.match((await admin.get(imported.location!)).body, /govuk-tag--yellow">Draft/);
    const again = await admin.download(`${imported.location}/export.xlsx`);
    const first = await readTemplateWorkbook('a.xlsx', exported.bytes);
    const second = await readTemplateWorkbook('b.xlsx', again.bytes);
    assert.ok(first.definition);
    assert.deepEqual(second.definition, first.definition);
    assert.ok(first.definition.themes.length >= 8);
    // The neglect theme's locality, by name, through the workbook and into the draft.
    assert.deepEqual(first.definition.themes.find((th) => th.key === 'neglect')!.localities, ['Riverside']);
    const draftId = /\/versions\/([0-9a-f-]{36})$/.exec(imported.location!)![1]!;
    const [neglect] = await t.database.db
      .select({ localityIds: templateThemes.localityIds })
      .from(templateThemes)
      .where(and(eq(templateThemes.templateVersionId, draftId), eq(templateThemes.key, 'neglect')));
    assert.deepEqual(neglect!.localityIds, [t.ids.localityIds.riverside]);
    assert.equal((await admin.post(`${imported.location}/delete`)).status, 303);

    // A locality the partnership does not have is named by its sheet and cell, and nothing is saved.
    const before = await counts();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets.find((s) => s.getCell('B2').value === 'neglect')!;
    assert.equal(sheet.getCell('A9').value, 'Localities');
    assert.equal(sheet.getCell('B9').value, 'Riverside');
    sheet.getCell('B9').value = 'Riverside; Peterborough';
    await admin.get(base);
    const refused = await admin.postFile(`${base}/import-workbook`, {
      field: 'workbook',
      name: 'neglect.xlsx',
      data: Buffer.from(await book.xlsx.writeBuffer()),
    });
    assert.equal(refused.status, 422);
    assert.ok(
      decoded(refused.body).includes(
        `Sheet “${sheet.name}”, cell B9 (Localities): "Peterborough" is not a locality of this partnership (its localities are "Northshire", "Riverside")`,
      ),
    );
    assert.deepEqual(await counts(), before);
  });

  it('downloads a blank workbook with instructions and a list of scales', async () => {
    const blank = await admin.download(`${base}/workbook.xlsx`);
    assert.equal(blank.status, 200);
    assert.equal(blank.headers['content-type'], XLSX_TYPE);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(blank.bytes as unknown as ArrayBuffer);
    assert.deepEqual(
      book.worksheets.map((s) => s.name),
      ['Template', '1 Theme', 'Instructions'],
    );
    assert.deepEqual(book.worksheets[1]!.getCell('D11').dataValidation.formulae, [
      `"${RESPONSE_SCALES.map((s) => s.value).join(',')}"`,
    ]);
  });

  it('refuses bad workbooks with 422 naming the problem, and saves nothing', async () => {
    const before = await counts();
    const good = (await admin.download(`${base}/versions/${demoVersion}/export.xlsx`)).bytes;
    const edited = async (change: (book: ExcelJS.Workbook) => void) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(good as unknown as ArrayBuffer);
      change(book);
      return Buffer.from(await book.xlsx.writeBuffer());
    };
    const withFormula = await edited((book) => {
      book.getWorksheet('Template')!.getCell('B2').value = {
        formula: 'B1',
        result: 'x',
      } as ExcelJS.CellFormulaValue;
    });
    const badKey = await edited((book) => {
      book.worksheets[1]!.getCell('A11').value = 'Not A Key';
      book.getWorksheet('Template')!.getCell('B1').value = 'new-one';
    });
    await admin.get(base);
    for (const [name, data, message] of [
      ['template.xlsx', Buffer.from('key,name\nx,y\n'), /could not be opened as an XLSX workbook/],
      ['template.yaml', good, /must be an Excel workbook \(.xlsx\)/],
      ['template.xlsm', good, /contains macros/],
      ['formula.xlsx', withFormula, /Sheet “Template”, cell B2: holds a formula/],
      ['huge.xlsx', Buffer.alloc(1024 * 1024 + 100, 1), /smaller than 1 MB/],
      ['bomb.xlsx', bombXlsx('Template', ['Key']), /unpacks to more than a template can hold/],
      ['cells.xlsx', manyCellsXlsx('Template', ['Key']), /more filled cells than a template can hold/],
      [
        'bad-key.xlsx',
        badKey,
        /Sheet “1 Senior leadership and”, cell A11 \(Key\): A key must use only lowercase/,
      ],
    ] as const) {
      const r = await admin.postFile(`${base}/import-workbook`, { field: 'workbook', name, data });
      assert.equal(r.status, 422, name);
      assert.match(r.body, /govuk-error-summary/);
      assert.match(r.body, /href="#workbook"/);
      assert.match(r.body, message, name);
    }
    const none = await admin.postFile(`${base}/import-workbook`, null);
    assert.equal(none.status, 422);
    assert.match(none.body, /Select an XLSX workbook/);

    // A new version must keep its template's name: named by sheet and cell.
    const renamed = await edited((book) => {
      book.getWorksheet('Template')!.getCell('B2').value = 'Another name';
    });
    const clash = await admin.postFile(`${base}/import-workbook`, {
      field: 'workbook',
      name: 'r.xlsx',
      data: renamed,
    });
    assert.equal(clash.status, 422);
    assert.match(clash.body, /Sheet “Template”, cell B2 \(Name\): The template/);

    const forged = await admin.postFile(
      `${base}/import-workbook`,
      { field: 'workbook', name: 'ok.xlsx', data: good },
      { _csrf: 'forged' },
    );
    assert.equal(forged.status, 403);
    assert.deepEqual(await counts(), before);
  });

  it('lets reviewers export but not import; another partnership gets 404', async () => {
    const reviewer = await t.signIn(REVIEWER);
    const good = await reviewer.download(`${base}/versions/${demoVersion}/export.xlsx`);
    assert.equal(good.status, 200);
    await reviewer.get(base);
    const r = await reviewer.postFile(`${base}/import-workbook`, {
      field: 'workbook',
      name: 'a.xlsx',
      data: good.bytes,
    });
    assert.equal(r.status, 403);
    const other = await addOtherPartnership(t);
    const outsider = await t.signIn(other.adminEmail);
    assert.equal((await outsider.download(`${base}/versions/${demoVersion}/export.xlsx`)).status, 404);
    assert.equal(
      (
        await outsider.download(
          `/partnerships/${other.partnershipId}/templates/versions/${demoVersion}/export.xlsx`,
        )
      ).status,
      404,
    );
  });
});
