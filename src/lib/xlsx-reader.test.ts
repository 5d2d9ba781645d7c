import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { bombXlsx, manyCellsXlsx } from '../../test/helpers/handmade-xlsx.ts';
import { XLSX_MAX_UNPACKED_BYTES, zipUnpackedSize } from './xlsx-archive.ts';
import { cellAddress, readXlsx, SheetCells, XLSX_PARALLEL, XLSX_WAITING } from './xlsx-reader.ts';

async function workbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Agencies');
  sheet.addRow(['Name', 'Weight']);
  sheet.addRow(['Alpha', 2]);
  sheet.getCell('D3').value = { text: 'a@b.example', hyperlink: 'mailto:a@b.example' };
  sheet.getCell('B4').value = { formula: 'SUM(1,2)', result: 3 };
  book.addWorksheet('Hidden', { state: 'hidden' });
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('reading XLSX files in a worker thread', () => {
  it('gives back every sheet’s cells as plain values, and lists formulas without reading them', async () => {
    const read = await readXlsx(await workbook());
    assert.equal(read.problem, undefined);
    const [agencies, hidden] = read.sheets!.map((s) => new SheetCells(s));
    assert.equal(agencies!.name, 'Agencies');
    assert.equal(agencies!.text(1, 1), 'Name');
    assert.equal(agencies!.number(2, 2), 2);
    assert.equal(agencies!.text(2, 2), '2');
    assert.equal(agencies!.text(3, 4), 'a@b.example');
    assert.deepEqual(agencies!.rowTexts(3, 10), ['', '', '', 'a@b.example']);
    assert.deepEqual(agencies!.formulas, ['B4']);
    assert.equal(agencies!.text(4, 2), '', 'a formula’s result is not read');
    assert.equal(hidden!.state, 'hidden');
    assert.equal(cellAddress(12, 28), 'AB12');
  });

  it('refuses a small file that unpacks to tens of megabytes, before opening it', async () => {
    const bomb = bombXlsx('Agencies', ['Name']);
    assert.ok(bomb.length < 300 * 1024, 'a small upload');
    const size = zipUnpackedSize(bomb, { maxUnpackedBytes: Number.MAX_SAFE_INTEGER, maxCells: Infinity });
    assert.ok(size && size.bytes > 25 * 1024 * 1024, 'that unpacks to more than 25 MB');
    assert.ok(size.bytes > XLSX_MAX_UNPACKED_BYTES);
    assert.deepEqual(await readXlsx(bomb), { problem: 'too-large' });
  });

  it('refuses a file with more cells than any real one, though small unpacked', async () => {
    const many = manyCellsXlsx('Agencies', ['Name']);
    const size = zipUnpackedSize(many, { maxUnpackedBytes: Number.MAX_SAFE_INTEGER, maxCells: Infinity });
    assert.ok(size && size.bytes < XLSX_MAX_UNPACKED_BYTES && size.cells > 50_000);
    assert.deepEqual(await readXlsx(many), { problem: 'too-many-cells' });
  });

  it('ends a worker that takes too long, and reads the next file with a new one', async () => {
    const data = await workbook();
    assert.deepEqual(await readXlsx(data, { timeoutMs: 1 }), { problem: 'too-slow' });
    const next = await readXlsx(data);
    assert.equal(next.sheets?.[0]?.name, 'Agencies');
  });

  it('reads a few files at once, lets a few wait, and turns the rest away', async () => {
    const data = await workbook();
    const reads = await Promise.all(
      Array.from({ length: XLSX_PARALLEL + XLSX_WAITING + 2 }, () => readXlsx(data)),
    );
    assert.equal(reads.filter((r) => r.problem === 'busy').length, 2);
    assert.equal(
      reads.filter((r) => r.sheets?.[0]?.name === 'Agencies').length,
      XLSX_PARALLEL + XLSX_WAITING,
    );
  });

  it('says a file whose part unpacks larger than its archive declares is not one', async () => {
    const data = await workbook();
    // The central directory's entry of the first sheet, its declared size cut to 10 bytes.
    const entry = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    let p = data.indexOf(entry);
    while (p >= 0 && !data.subarray(p + 46, p + 46 + name.length).equals(name))
      p = data.indexOf(entry, p + 4);
    assert.ok(p >= 0);
    assert.equal(data.readUInt16LE(p + 10), 8, 'deflated');
    assert.ok(zipUnpackedSize(data, { maxUnpackedBytes: XLSX_MAX_UNPACKED_BYTES, maxCells: 50_000 }));
    data.writeUInt32LE(10, p + 24);
    assert.equal(
      zipUnpackedSize(data, { maxUnpackedBytes: XLSX_MAX_UNPACKED_BYTES, maxCells: 50_000 }),
      null,
    );
    assert.deepEqual(await readXlsx(data), { problem: 'not-xlsx' });
  });

  it('says a file that is not a spreadsheet is not one', async () => {
    assert.deepEqual(await readXlsx(Buffer.from('Name,Sector\r\n')), { problem: 'not-xlsx' });
  });
});
