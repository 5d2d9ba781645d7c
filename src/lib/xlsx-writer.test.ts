import assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { crc32, inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { MAX_CELL_LENGTH, textCell, XlsxWriter, xlsxBytes, xmlText } from './xlsx-writer.ts';

/** The archive's parts, read from its central directory, each inflated and its CRC and sizes checked. */
function zipParts(file: Buffer): Map<string, string> {
  const end = file.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end > 0, 'the archive has an end record');
  const count = file.readUInt16LE(end + 10);
  let at = file.readUInt32LE(end + 16);
  const parts = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    assert.equal(file.readUInt32LE(at), 0x02014b50, 'a central directory record');
    const crc = file.readUInt32LE(at + 16);
    const compressed = file.readUInt32LE(at + 20);
    const size = file.readUInt32LE(at + 24);
    const nameLength = file.readUInt16LE(at + 28);
    const local = file.readUInt32LE(at + 42);
    const name = file.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    assert.equal(file.readUInt32LE(local), 0x04034b50, `${name}: a local header where the directory says`);
    const start = local + 30 + file.readUInt16LE(local + 26) + file.readUInt16LE(local + 28);
    const data = inflateRawSync(file.subarray(start, start + compressed));
    assert.equal(data.length, size, `${name}: its size`);
    assert.equal(crc32(data), crc, `${name}: its CRC`);
    const descriptor = start + compressed;
    assert.equal(file.readUInt32LE(descriptor), 0x08074b50, `${name}: a data descriptor after it`);
    assert.equal(file.readUInt32LE(descriptor + 4), crc);
    parts.set(name, data.toString('utf8'));
    at += 46 + nameLength + file.readUInt16LE(at + 30) + file.readUInt16LE(at + 32);
  }
  return parts;
}

async function read(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

const created = new Date('2026-12-05T10:30:00Z');

describe('XLSX writer', () => {
  it('writes sheets ExcelJS reads back: names, bold frozen headers, widths, text and numbers', async () => {
    const bytes = await xlsxBytes(created, async (book) => {
      const answers = await book.addSheet('Answers', {
        header: ['Agency', 'Score', 'Note'],
        widths: [40, 12],
      });
      await answers.addRows([
        ['Northshire Police & Probation <North>', 58, '=1+1'],
        ['Riverside "Health"', 0, null],
        ['Tab\there\u0001 gone', -2.5, ''],
      ]);
      const about = await book.addSheet('About', { widths: [20, 60], boldFirstColumn: true });
      await about.addRows([['Partnership', 'Northshire and Riverside']]);
    });
    const book = await read(bytes);
    assert.deepEqual(
      book.worksheets.map((s) => s.name),
      ['Answers', 'About'],
    );
    assert.equal(book.creator, 'Section 11 Audit');
    assert.equal(book.created.toISOString(), created.toISOString());
    const answers = book.getWorksheet('Answers')!;
    assert.deepEqual((answers.getRow(1).values as unknown[]).slice(1), ['Agency', 'Score', 'Note']);
    assert.equal(answers.getCell('A1').font?.bold, true, 'the header is bold');
    assert.notEqual(answers.getCell('A2').font?.bold, true, 'the rows are not');
    assert.equal(answers.views[0]?.state, 'frozen');
    assert.equal((answers.views[0] as { ySplit?: number }).ySplit, 1);
    assert.equal(answers.getColumn(1).width, 40);
    assert.equal(answers.getColumn(2).width, 12);
    assert.equal(answers.getCell('A2').value, 'Northshire Police & Probation <North>');
    assert.equal(answers.getCell('B2').value, 58);
    assert.equal(answers.getCell('C2').value, '=1+1', 'text that looks like a formula is text');
    assert.equal(answers.getCell('C2').type, ExcelJS.ValueType.String);
    assert.equal(answers.getCell('A3').value, 'Riverside "Health"');
    assert.equal(answers.getCell('B3').value, 0);
    assert.equal(answers.getCell('C3').value, null, 'null is an empty cell');
    assert.equal(answers.getCell('A4').value, 'Tab\there gone', 'characters XML cannot hold are left out');
    assert.equal(answers.getCell('B4').value, -2.5);
    assert.equal(answers.rowCount, 4);
    const about = book.getWorksheet('About')!;
    assert.equal(about.getCell('A1').font?.bold, true, 'an About sheet labels in bold');
    assert.notEqual(about.getCell('B1').font?.bold, true);
    assert.equal(about.views[0]?.state ?? 'normal', 'normal', 'no header: nothing frozen');
  });

  it('makes a well-formed archive: every part where the directory says, with its size and CRC', async () => {
    const bytes = await xlsxBytes(created, async (book) => {
      const sheet = await book.addSheet('Rows', { header: ['n', 'text'] });
      await sheet.addRows(Array.from({ length: 30_000 }, (_, i) => [i, `Row ${i} — ünïcödé`]));
    });
    const parts = zipParts(bytes);
    assert.deepEqual([...parts.keys()].sort(), [
      '[Content_Types].xml',
      '_rels/.rels',
      'docProps/core.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/sharedStrings.xml',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    const sheet = parts.get('xl/worksheets/sheet1.xml')!;
    assert.ok(sheet.length > 1 << 20, 'the sheet was written in many pieces');
    // The first 20,000 distinct texts are shared (the header's two, then the rows'); the rest are in place.
    const shared = parts.get('xl/sharedStrings.xml')!;
    assert.match(shared, /^<\?xml[^>]*>\n<sst [^>]*uniqueCount="20000">/);
    assert.equal(shared.match(/<si>/g)?.length, 20_000);
    assert.match(shared, /<si><t>Row 19997 — ünïcödé<\/t><\/si><\/sst>$/);
    assert.ok(sheet.includes('<c r="B19999" t="s"><v>19999</v></c>'), 'the last shared text referred to');
    assert.ok(
      sheet.includes('<c r="B20000" t="inlineStr"><is><t>Row 19998 — ünïcödé</t></is></c>'),
      'the next written in place',
    );
    assert.match(
      sheet,
      /<row r="30001"><c r="A30001"><v>29999<\/v><\/c><c r="B30001" t="inlineStr"><is><t>Row 29999 — ünïcödé<\/t><\/is><\/c><\/row><\/sheetData><\/worksheet>$/,
    );
    const book = await read(bytes);
    assert.equal(book.getWorksheet('Rows')!.rowCount, 30_001);
  });

  it('keeps whitespace a reader would fold (marked to be preserved), and rows larger than a buffer whole', async () => {
    const spaced = ['  leading', 'trailing ', 'double  space', 'line\nbreak', 'tab\tbetween'];
    const long = Array.from({ length: 12 }, (_, i) => String.fromCharCode(65 + i).repeat(30_000));
    const bytes = await xlsxBytes(created, async (book) => {
      const sheet = await book.addSheet('Text');
      await sheet.addRows([spaced, ['plain words'], long, ['after the long row']]);
    });
    const parts = zipParts(bytes);
    const strings = parts.get('xl/sharedStrings.xml')!;
    assert.match(strings, /<si><t>plain words<\/t><\/si>/, 'plain text is not marked');
    for (const text of spaced)
      assert.ok(
        strings.includes(`<si><t xml:space="preserve">${text}</t></si>`),
        `${JSON.stringify(text)} is marked to be kept`,
      );
    const xml = parts.get('xl/worksheets/sheet1.xml')!;
    assert.match(xml, /<c r="A3" t="inlineStr"><is><t>AAAA/, 'a text longer than 255 characters is in place');
    const sheet = (await read(bytes)).getWorksheet('Text')!;
    assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), spaced);
    assert.deepEqual(
      (sheet.getRow(3).values as unknown[]).slice(1),
      long,
      'a row of 360,000 characters whole',
    );
    assert.equal(sheet.getCell('A4').value, 'after the long row', 'and the rows after it in order');
  });

  it('shares no more distinct texts than it is told to', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const book = new XlsxWriter(out, { created, sharedStrings: 2 });
    const sheet = await book.addSheet('Rows');
    await sheet.addRows([
      ['first', 'second'],
      ['third', 'first'],
    ]);
    await book.end();
    const parts = zipParts(Buffer.concat(chunks));
    assert.equal(parts.get('xl/sharedStrings.xml')?.match(/<si>/g)?.length, 2);
    const xml = parts.get('xl/worksheets/sheet1.xml')!;
    assert.ok(xml.includes('<c r="A2" t="inlineStr"><is><t>third</t></is></c>'), 'the third in place');
    assert.ok(xml.includes('<c r="B2" t="s"><v>0</v></c>'), 'the first still shared');
  });

  it('waits for a slow stream, and ends it once every byte is written', async () => {
    const received: Buffer[] = [];
    let slow = 0;
    const out = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, done) {
        received.push(chunk);
        slow++;
        void sleep(slow % 50 === 0 ? 5 : 0).then(() => done());
      },
    });
    const finished = new Promise((resolve) => out.on('finish', resolve));
    const book = new XlsxWriter(out, { created });
    const sheet = await book.addSheet('Rows', { header: ['n'] });
    await sheet.addRows(Array.from({ length: 20_000 }, (_, i) => [`Row ${i}`, i]));
    await book.end();
    await finished;
    const read20k = await read(Buffer.concat(received));
    assert.equal(read20k.getWorksheet('Rows')!.getCell('B20001').value, 19_999);
  });

  it('refuses a name Excel would not open, and a second sheet of the same name', async () => {
    const book = new XlsxWriter(new Writable({ write: (_c, _e, done) => done() }), { created });
    await assert.rejects(book.addSheet('Actions: overdue'), /cannot be a sheet's name/);
    await assert.rejects(book.addSheet('x'.repeat(32)), /cannot be a sheet's name/);
    await book.addSheet('Actions');
    await assert.rejects(book.addSheet('actions'), /already has a sheet called/);
  });

  it('keeps text as typed (a text cell is never a formula) and cuts what a cell cannot hold, saying so', async () => {
    for (const text of ['=1+1', '+44 1234', '-2', '@SUM(A1)', 'Plain text'])
      assert.equal(textCell(text), text);
    const cut = textCell('x'.repeat(MAX_CELL_LENGTH + 10));
    assert.equal(cut.length, MAX_CELL_LENGTH);
    assert.match(cut, /cut: a cell holds at most 32,767 characters; the full text is in the app\]$/);
    assert.equal(textCell('y'.repeat(MAX_CELL_LENGTH)).length, MAX_CELL_LENGTH);
    const bytes = await xlsxBytes(created, async (book) => {
      await (await book.addSheet('Long')).addRows([['z'.repeat(MAX_CELL_LENGTH * 2)]]);
    });
    const cell = (await read(bytes)).getWorksheet('Long')!.getCell('A1').value as string;
    assert.equal(cell.length, MAX_CELL_LENGTH, 'the workbook holds the cut text');
  });

  it('escapes text for XML', () => {
    assert.equal(xmlText('a & b < c > d "e"'), 'a &amp; b &lt; c &gt; d &quot;e&quot;');
    assert.equal(xmlText('bell\u0007 and \uFFFF'), 'bell and ');
    assert.equal(xmlText('emoji 🙂 kept'), 'emoji 🙂 kept');
  });
});
