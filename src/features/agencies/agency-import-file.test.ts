import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { zipUnpackedSize } from '../../lib/xlsx-archive.ts';
import { IMPORT_MAX_ROWS, parseCsv, readImportFile } from './agency-import-file.ts';

const HEADER = 'Name,Sector,Statutory or voluntary,Localities served,Lead contact email';

async function xlsx(rows: unknown[][], formulaCell?: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Agencies');
  for (const r of rows) sheet.addRow(r);
  if (formulaCell) sheet.getCell(formulaCell).value = { formula: 'SUM(1,2)', result: 3 };
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('reading an agency import file', () => {
  it('parses quoted CSV fields with commas, quotes and line breaks', () => {
    const rows = parseCsv('a,"b, c","say ""hi"""\r\n"two\nlines",x,\n');
    assert.deepEqual(rows, [
      { row: 1, cells: ['a', 'b, c', 'say "hi"'] },
      { row: 2, cells: ['two\nlines', 'x', ''] },
    ]);
  });

  it('reads CSV rows by column name, keeping row numbers and skipping blank rows', async () => {
    const csv = `\uFEFFLead contact email,Name,Sector,Statutory or voluntary,Localities served\r\nx@y.example,Alpha,Police,Statutory,Northshire\r\n,,,,\r\n,=SUM(A1),Police,Statutory,Riverside\r\n`;
    const read = await readImportFile('agencies.CSV', Buffer.from(csv));
    assert.equal(read.error, undefined);
    assert.deepEqual(read.rows, [
      {
        row: 2,
        name: 'Alpha',
        sector: 'Police',
        basis: 'Statutory',
        localities: 'Northshire',
        leadContactEmail: 'x@y.example',
        odsCode: '',
        urn: '',
        companyNumber: '',
        charityNumber: '',
      },
      {
        row: 4,
        name: '=SUM(A1)',
        sector: 'Police',
        basis: 'Statutory',
        localities: 'Riverside',
        leadContactEmail: '',
        odsCode: '',
        urn: '',
        companyNumber: '',
        charityNumber: '',
      },
    ]);
  });

  it('reads a CSV file saved by Excel in Windows-1252', async () => {
    const bytes = Buffer.concat([
      Buffer.from(`${HEADER}\r\nCaf`),
      Buffer.from([0xe9]),
      Buffer.from(' Trust,Other,Voluntary,Riverside,\r\n'),
    ]);
    const read = await readImportFile('a.csv', bytes);
    assert.equal(read.rows?.[0]?.name, 'Café Trust');
  });

  it('refuses empty files, other types, binary content under a CSV name and fake XLSX files', async () => {
    assert.equal((await readImportFile('a.csv', Buffer.alloc(0))).error, 'The selected file is empty');
    assert.match(
      (await readImportFile('a.txt', Buffer.from(HEADER))).error ?? '',
      /must be a CSV or XLSX file/,
    );
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    assert.match((await readImportFile('a.csv', png)).error ?? '', /is not a CSV file/);
    assert.match(
      (await readImportFile('a.xlsx', Buffer.from(`${HEADER}\n`))).error ?? '',
      /could not be opened as an XLSX/,
    );
    const zipAsCsv = await xlsx([[HEADER]]);
    assert.match((await readImportFile('a.csv', zipAsCsv)).error ?? '', /is not a CSV file/);
  });

  it('refuses wrong columns, a file with no agencies and one with too many', async () => {
    const wrong = await readImportFile('a.csv', Buffer.from('Name,Sector,Basis\r\nA,Police,Statutory\r\n'));
    assert.match(wrong.error ?? '', /missing: Statutory or voluntary, Localities served, Lead contact email/);
    assert.match(wrong.error ?? '', /not expected: Basis/);
    assert.match(
      (await readImportFile('a.csv', Buffer.from(`${HEADER}\r\n`))).error ?? '',
      /has no agencies in it/,
    );
    const many = [
      HEADER,
      ...Array.from({ length: IMPORT_MAX_ROWS + 1 }, (_, i) => `A${i},Police,Statutory,N,`),
    ];
    assert.match(
      (await readImportFile('a.csv', Buffer.from(many.join('\n')))).error ?? '',
      /has 2,001 agencies\. Import at most 2,000 at a time/,
    );
  });

  it('reads XLSX cells as text and refuses formulas', async () => {
    const good = await xlsx([
      HEADER.split(','),
      [
        'Alpha',
        'Police',
        'Statutory',
        'Northshire; Riverside',
        { text: 'a@b.example', hyperlink: 'mailto:a@b.example' },
      ],
      ['+44 Trust', 'Other', 'Voluntary', 'Riverside', ''],
    ]);
    const read = await readImportFile('a.xlsx', good);
    assert.equal(read.error, undefined);
    assert.equal(read.rows?.[0]?.leadContactEmail, 'a@b.example');
    assert.equal(read.rows?.[0]?.localities, 'Northshire; Riverside');
    assert.equal(read.rows?.[1]?.name, '+44 Trust');
    const bad = await xlsx([HEADER.split(','), ['Alpha', 'Police', 'Statutory', 'Northshire', '']], 'A2');
    assert.match((await readImportFile('a.xlsx', bad)).error ?? '', /Cell A2 holds a formula/);
  });

  it('refuses an XLSX file whose parts are larger than its directory says', async () => {
    const data = await xlsx([
      HEADER.split(','),
      ...Array.from({ length: 50 }, (_, i) => [`A${i}`, 'Police']),
    ]);
    assert.ok(zipUnpackedSize(data), 'a genuine file is understood');
    let end = data.length - 22;
    while (data.readUInt32LE(end) !== 0x06054b50) end--;
    let p = data.readUInt32LE(end + 16);
    for (let n = data.readUInt16LE(end + 10); n > 0; n--) {
      data.writeUInt32LE(10, p + 24);
      p += 46 + data.readUInt16LE(p + 28) + data.readUInt16LE(p + 30) + data.readUInt16LE(p + 32);
    }
    assert.equal(zipUnpackedSize(data), null);
    assert.match((await readImportFile('a.xlsx', data)).error ?? '', /could not be opened as an XLSX/);
  });
});
