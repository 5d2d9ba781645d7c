import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { BUILTIN_TEMPLATES } from './builtin/library.ts';
import { section11Template } from './builtin/section-11.ts';
import { RESPONSE_SCALES } from './template-definition.ts';
import { readTemplateFile } from './template-file.ts';
import {
  INSTRUCTIONS_SHEET,
  QUESTIONS_HEADER_ROW,
  readTemplateWorkbook,
  TEMPLATE_SHEET,
  WORKBOOK_MAX_BYTES,
  writeTemplateWorkbook,
} from './template-workbook.ts';

const NOW = new Date('2026-11-23T10:00:00Z');

/** Changes a workbook through exceljs, as a person editing it in a spreadsheet program would. */
async function edit(data: Buffer, change: (book: ExcelJS.Workbook) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(data as unknown as ArrayBuffer);
  change(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Renames a same-length entry of the archive, in its local header and the central directory. */
function renameEntry(data: Buffer, from: string, to: string): Buffer {
  assert.equal(from.length, to.length);
  const out = Buffer.from(data);
  let at = out.indexOf(from);
  assert.ok(at >= 0, `${from} is in the archive`);
  while (at >= 0) {
    out.write(to, at);
    at = out.indexOf(from, at + 1);
  }
  return out;
}

describe('template workbooks (XLSX)', () => {
  it('export, import, export gives the same definition, for every built-in template', async () => {
    for (const { definition } of BUILTIN_TEMPLATES) {
      const first = await writeTemplateWorkbook(definition, NOW);
      const read = await readTemplateWorkbook('t.xlsx', first);
      assert.deepEqual(read.problems, undefined, definition.key);
      assert.deepEqual(read.definition, definition);
      const again = await readTemplateWorkbook('t.xlsx', await writeTemplateWorkbook(read.definition!, NOW));
      assert.deepEqual(again.definition, definition);
    }
  });

  it('carries every scale, its options, optional and weighted questions, conditions and theme sectors', async () => {
    const file = readFileSync(new URL('../../../test/fixtures/every-scale.yaml', import.meta.url));
    const definition = readTemplateFile('yaml', file).definition;
    assert.ok(definition, 'the fixture is a valid template');
    const read = await readTemplateWorkbook('t.xlsx', await writeTemplateWorkbook(definition, NOW));
    assert.deepEqual(read.problems, undefined);
    assert.deepEqual(read.definition, definition);
  });

  it('carries theme localities by name, a name with a comma too, and reads a workbook without the row', async () => {
    const definition = structuredClone(section11Template);
    definition.themes[1]!.localities = ['Bristol, City of', 'Riverside'];
    const data = await writeTemplateWorkbook(definition, NOW);
    const read = await readTemplateWorkbook('t.xlsx', data, undefined, ['Riverside', 'Bristol, City of']);
    assert.deepEqual(read.problems, undefined);
    assert.deepEqual(read.definition, definition);
    // Made before the Localities row (row 9): that row was blank.
    const older = await edit(data, (book) => {
      for (const sheet of book.worksheets.slice(1, -1)) {
        assert.equal(sheet.getCell('A9').value, 'Localities');
        sheet.getCell('A9').value = null;
        sheet.getCell('B9').value = null;
      }
    });
    const withoutRow = await readTemplateWorkbook('t.xlsx', older);
    assert.deepEqual(withoutRow.problems, undefined);
    assert.deepEqual(withoutRow.definition, section11Template);
  });

  it('lays out a Template sheet, one sheet per theme with its questions table, and instructions', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await writeTemplateWorkbook(section11Template, NOW)) as unknown as ArrayBuffer);
    const names = book.worksheets.map((s) => s.name);
    assert.equal(names[0], TEMPLATE_SHEET);
    assert.equal(names.at(-1), INSTRUCTIONS_SHEET);
    assert.equal(names.length, section11Template.themes.length + 2);
    const main = book.getWorksheet(TEMPLATE_SHEET)!;
    assert.deepEqual([main.getCell('A1').text, main.getCell('B1').text], ['Key', section11Template.key]);
    const theme = book.worksheets[1]!;
    assert.match(theme.name, /^1 Senior leadership/);
    assert.deepEqual(
      [1, 2, 3, 4].map((r) => theme.getCell(r, 1).text),
      ['Title', 'Key', 'Description', 'Guidance'],
    );
    assert.equal(theme.getCell('B1').text, section11Template.themes[0]!.title);
    assert.deepEqual(
      Array.from({ length: 9 }, (_, i) => theme.getCell(10, i + 1).text),
      ['Key', 'Text', 'Guidance', 'Scale', 'Evidence prompt', 'Required', 'Weight', 'Options', 'Condition'],
    );
    assert.equal(theme.getCell('B11').text, section11Template.themes[0]!.questions[0]!.text);
    assert.deepEqual(theme.getCell('D11').dataValidation.formulae, [
      `"${RESPONSE_SCALES.map((s) => s.value).join(',')}"`,
    ]);
  });

  it('reads a blank workbook as problems naming the sheet, cell and field', async () => {
    const read = await readTemplateWorkbook('blank.xlsx', await writeTemplateWorkbook(null, NOW));
    assert.ok(read.problems);
    const fields = read.problems.map((p) => `${p.field}: ${p.message}`);
    assert.ok(fields.includes('Sheet “Template”, cell B1 (Key): Enter a key'), fields.join('\n'));
    assert.ok(fields.includes('Sheet “Template”, cell B2 (Name): Enter the template name'));
    assert.ok(fields.includes('Sheet “1 Theme”, cell B1 (Title): Enter theme title'));
    assert.ok(
      fields.includes('Sheet “1 Theme”, cell A10 (Questions): A theme must have at least 1 question'),
    );
  });

  it('names the cell of each wrong value in the questions table, and of unreadable options', async () => {
    const data = await edit(await writeTemplateWorkbook(section11Template, NOW), (book) => {
      const theme = book.worksheets[1]!;
      theme.getCell('A12').value = 'Bad Key';
      theme.getCell('B13').value = '';
      theme.getCell('D14').value = 'sometimes';
      theme.getCell('F15').value = 'Maybe';
      theme.getCell('H15').value = 'a | A | met';
    });
    const read = await readTemplateWorkbook('t.xlsx', data);
    const fields = (read.problems ?? []).map((p) => `${p.field}: ${p.message}`);
    const sheet = 'Sheet “1 Senior leadership and”';
    assert.ok(
      fields.some((f) => f.startsWith(`${sheet}, cell A12 (Key): A key must use only lowercase`)),
      fields.join('\n'),
    );
    assert.ok(fields.includes(`${sheet}, cell B13 (Text): Enter question text`));
    assert.ok(fields.some((f) => f.startsWith(`${sheet}, cell D14 (Scale): The scale must be`)));
    assert.ok(fields.includes(`${sheet}, cell F15 (Required): Required must be Yes or No`));
    assert.ok(fields.some((f) => f.startsWith(`${sheet}, cell H15 (Options): Line 1 of the options`)));
  });

  it('names an unknown or misspelt row label or heading, with the one it stands for', async () => {
    const data = await edit(await writeTemplateWorkbook(section11Template, NOW), (book) => {
      book.getWorksheet(TEMPLATE_SHEET)!.getCell('A2').value = 'Nmae';
      const theme = book.worksheets[1]!;
      theme.getCell('A1').value = 'Titel';
      theme.getCell(QUESTIONS_HEADER_ROW, 5).value = 'Evidence promt';
      theme.getCell(QUESTIONS_HEADER_ROW, 10).value = 'Colour';
    });
    const read = await readTemplateWorkbook('t.xlsx', data);
    const fields = (read.problems ?? []).map((p) => `${p.field}: ${p.message}`);
    const sheet = 'Sheet “1 Senior leadership and”';
    const header = QUESTIONS_HEADER_ROW;
    for (const expected of [
      'Sheet “Template”, cell A2 (Row label): “Nmae” is not a row of the Template sheet – did you mean “Name”?',
      `${sheet}, cell A1 (Row label): “Titel” is not a row of a theme sheet – did you mean “Title”?`,
      `${sheet}, cell A1 (Title): The row “Title” is missing`,
      `${sheet}, cell E${header} (Heading): “Evidence promt” is not a column of the questions table – did you mean “Evidence prompt”?`,
    ])
      assert.ok(fields.includes(expected), `${expected}\n\n${fields.join('\n')}`);
    assert.ok(
      fields.some((f) =>
        f.startsWith(
          `${sheet}, cell J${header} (Heading): “Colour” is not a column of the questions table (the columns are Key, Text,`,
        ),
      ),
      fields.join('\n'),
    );
  });

  it('refuses formulas, naming their cells', async () => {
    const data = await edit(await writeTemplateWorkbook(section11Template, NOW), (book) => {
      book.worksheets[2]!.getCell('B11').value = { formula: 'B12', result: 'x' } as ExcelJS.CellFormulaValue;
    });
    const read = await readTemplateWorkbook('t.xlsx', data);
    assert.equal(read.definition, undefined);
    assert.match(read.problems?.[0]?.field ?? '', /^Sheet “2 .*”, cell B11$/);
    assert.match(read.problems?.[0]?.message ?? '', /holds a formula/);
  });

  it('refuses what is not an XLSX workbook, macros, a workbook too big or one that unpacks too big', async () => {
    const good = await writeTemplateWorkbook(section11Template, NOW);
    const message = async (name: string, data: Buffer) =>
      (await readTemplateWorkbook(name, data)).problems?.[0]?.message;
    assert.match(
      (await message('t.xlsx', Buffer.from('key,name\n'))) ?? '',
      /could not be opened as an XLSX/,
    );
    assert.match((await message('t.csv', good)) ?? '', /must be an Excel workbook/);
    assert.match((await message('t.xlsm', good)) ?? '', /contains macros/);
    assert.match(
      (await message('t.xlsx', renameEntry(good, 'docProps/core.xml', 'xl/vbaProject.bin'))) ?? '',
      /contains macros/,
    );
    assert.match((await message('t.xlsx', Buffer.alloc(WORKBOOK_MAX_BYTES + 1))) ?? '', /smaller than 1 MB/);
    // An archive declaring a part of 40 MB (a "zip bomb") is refused before it is unpacked.
    const bomb = Buffer.from(good);
    let end = bomb.length - 22;
    while (bomb.readUInt32LE(end) !== 0x06054b50) end--;
    bomb.writeUInt32LE(40 * 1024 * 1024, bomb.readUInt32LE(end + 16) + 24);
    assert.match((await message('t.xlsx', bomb)) ?? '', /unpacks to more than/);
    assert.match((await message('t.xlsx', good.subarray(0, 2000))) ?? '', /could not be opened/);
  });
});
