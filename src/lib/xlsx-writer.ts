/**
 * Writing a workbook of plain tables (text and numbers, a bold header row frozen at the top, column
 * widths, a bold first column) straight to a stream as an XLSX file, one sheet after another, each
 * row compressed as it is added: the file is never held, and a row costs a string's concatenation
 * rather than ExcelJS's cell, style and row objects (issue 21: the workbook of a 10,000-return
 * audit took 84 s through ExcelJS's streaming writer; see the README's performance table).
 *
 * The file is an Office Open XML package (ECMA-376): a ZIP archive, each part deflated and followed
 * by a data descriptor (its size is known only once it is written), text as shared strings (short
 * texts, up to a bound) or inline strings (never a formula, kept as typed), two cell styles (plain
 * and bold). Workbooks needing more (dates as dates,
 * data validation, wrapped text) are made with ExcelJS (`exceljs.ts`). Each part's checksum is
 * zlib's own `crc32` (Node 20.15 and later: `engines` in package.json).
 *
 *   const book = new XlsxWriter(out, { created: now });
 *   const sheet = await book.addSheet('Answers', { header: ['Agency', 'Answers'], widths: [40, 12] });
 *   await sheet.addRows([['Northshire Police', 58]]);
 *   await book.end(); // ends `out` once the last byte is written to it
 */
import { once } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import { constants, crc32, createDeflateRaw, type DeflateRaw } from 'node:zlib';

/** A cell: text, a number, or nothing (an empty cell). */
export type XlsxCell = string | number | null | undefined;

export interface XlsxSheetOptions {
  /** The first row, in bold, kept in view while the rest scrolls. */
  header?: XlsxCell[];
  /** Each column's width in characters, from the first; the rest keep Excel's default. */
  widths?: number[];
  /** The first column in bold (an "About" sheet's labels). */
  boldFirstColumn?: boolean;
}

/** Excel's longest sheet name, and the characters it does not allow in one. */
const MAX_SHEET_NAME = 31;
const BAD_SHEET_NAME = /[[\]:*?/\\]/;
/** Excel's most rows in a sheet. */
const MAX_XLSX_ROWS = 1_048_576;
/** The largest size or offset a ZIP archive without its 64-bit extension can record. */
const ZIP_LIMIT = 0xffff_ffff;
/**
 * How many bytes of a sheet's XML are gathered before they are compressed. Each row is written into
 * a buffer of this size as it is made: gathering the rows as one string made a rope of thousands of
 * pieces that took longer to flatten into bytes than the rows took to make.
 */
const FLUSH_AT = 1 << 18;
/**
 * How many bytes of XML may wait for the compressor (which works on another thread) before a part
 * waits for it: enough for the next rows to be made while the last are compressed.
 */
const COMPRESS_AHEAD = 1 << 21;

const STYLE_BOLD = 1;

/** A column's letters: 0 → A, 25 → Z, 26 → AA. */
function columnLetters(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
const COLUMN_LETTERS: string[] = [];
const letters = (index: number) => (COLUMN_LETTERS[index] ??= columnLetters(index));

/** Characters XML 1.0 does not allow (control characters, lone surrogates, U+FFFE and U+FFFF). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const NEEDS_ESCAPE = /[&<>"]/;
/** Anything in text that needs escaping, removing or a closer look: most cells have none. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
const NOT_PLAIN = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Text as XML character data (or an attribute's value): escaped, with characters XML cannot hold removed. */
export function xmlText(value: string): string {
  if (!NOT_PLAIN.test(value)) return value;
  const clean = value.replace(NOT_XML, '');
  if (!NEEDS_ESCAPE.test(clean)) return clean;
  return clean.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Excel's longest cell: longer text is cut with a note, so the file always opens. */
export const MAX_CELL_LENGTH = 32_767;
const CUT_NOTE = ' […cut: a cell holds at most 32,767 characters; the full text is in the app]';

/** A text cell's value: never longer than a cell may hold. */
export function textCell(value: string): string {
  return value.length > MAX_CELL_LENGTH
    ? `${value.slice(0, MAX_CELL_LENGTH - CUT_NOTE.length)}${CUT_NOTE}`
    : value;
}

/**
 * Whitespace a reader may fold or trim unless told to keep it (at either end, doubled, or other than
 * a space): only such text is marked `xml:space="preserve"`, a fifth of a plain cell's bytes.
 */
const FOLDABLE_SPACE = /^\s|\s$|\s\s|[\t\n\r]/;

/** Text as the `<t>` element of a cell or a shared string, marked to keep its whitespace if need be. */
function textElement(text: string): string {
  return FOLDABLE_SPACE.test(text) ? `<t xml:space="preserve">${text}</t>` : `<t>${text}</t>`;
}

/** The most distinct texts a workbook shares unless told otherwise, and the longest it shares. */
const MAX_SHARED_STRINGS = 20_000;
const MAX_SHARED_LENGTH = 255;

/**
 * The workbook's shared strings: short texts written once in `xl/sharedStrings.xml` and referred to
 * by number from each cell (a results workbook's grades, states and agency names repeat on every
 * row: written in place, its 10,000-agency grades sheet was 19 MB of XML). At most
 * `limit` (the first met), so the memory it holds is bounded however large the workbook.
 */
class SharedStrings {
  private readonly numbers = new Map<string, number>();
  /** Each shared text as its `<si>` element, in number order. */
  readonly items: string[] = [];

  constructor(private readonly limit: number) {}

  /** The shared number of `value` (shared now if there is room), or undefined: written in place. */
  numberOf(value: string): number | undefined {
    // Longer texts (an export's answers and comments) are never looked up: hashing them is wasted.
    if (value.length > MAX_SHARED_LENGTH) return undefined;
    const known = this.numbers.get(value);
    if (known !== undefined || this.items.length >= this.limit) return known;
    const n = this.items.length;
    this.numbers.set(value, n);
    this.items.push(`<si>${textElement(xmlText(value))}</si>`);
    return n;
  }
}

function cellXml(ref: string, value: XlsxCell, style: number, shared: SharedStrings): string {
  const s = style ? ` s="${style}"` : '';
  if (typeof value === 'number') return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : '';
  if (value === null || value === undefined || value === '') return '';
  const n = shared.numberOf(value);
  if (n !== undefined) return `<c r="${ref}"${s} t="s"><v>${n}</v></c>`;
  return `<c r="${ref}"${s} t="inlineStr"><is>${textElement(xmlText(textCell(value)))}</is></c>`;
}

/** An MS-DOS date and time, as ZIP records when a file was changed. */
function dosDateTime(at: Date): { date: number; time: number } {
  const year = Math.max(at.getUTCFullYear(), 1980);
  return {
    date: ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2),
  };
}

/** A part of the archive being written: its content added in order, then closed. */
interface Part {
  /** Adds text (as UTF-8) or bytes, which the part keeps: they must not be changed afterwards. */
  add: (content: string | Buffer) => Promise<void>;
  close: () => Promise<void>;
}

interface Entry {
  name: Buffer;
  offset: number;
  crc: number;
  compressed: number;
  size: number;
}

/** Bit 3: sizes and CRC in a descriptor after the data; bit 11: the name is UTF-8. */
const ZIP_FLAGS = 0x0808;
const DEFLATE = 8;

/** A ZIP archive written to `out` one part at a time, each deflated as it comes. */
class ZipStream {
  private offset = 0;
  private readonly entries: Entry[] = [];
  private readonly stamp: { date: number; time: number };

  constructor(
    private readonly out: Writable,
    changedAt: Date,
  ) {
    this.stamp = dosDateTime(changedAt);
  }

  private async write(bytes: Buffer): Promise<void> {
    this.offset += bytes.length;
    if (this.offset > ZIP_LIMIT)
      throw new Error('The workbook is larger than 4 GB: choose fewer agencies or the CSV.');
    if (!this.out.write(bytes)) await once(this.out, 'drain');
  }

  /**
   * What a part's local header and its central directory record both say, from `at`: the version
   * needed to read it, its flags, how it is compressed, and when it was changed.
   */
  private describe(record: Buffer, at: number): void {
    record.writeUInt16LE(20, at);
    record.writeUInt16LE(ZIP_FLAGS, at + 2);
    record.writeUInt16LE(DEFLATE, at + 4);
    record.writeUInt16LE(this.stamp.time, at + 6);
    record.writeUInt16LE(this.stamp.date, at + 8);
  }

  /** Starts a part; its content is written through the returned function, and `close` ends it. */
  async open(path: string): Promise<Part> {
    const name = Buffer.from(path, 'utf8');
    const entry: Entry = { name, offset: this.offset, crc: 0, compressed: 0, size: 0 };
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    this.describe(header, 4);
    header.writeUInt16LE(name.length, 26);
    await this.write(Buffer.concat([header, name]));

    const deflate: DeflateRaw = createDeflateRaw({ level: constants.Z_DEFAULT_COMPRESSION });
    let writing = Promise.resolve();
    let failed: unknown;
    deflate.on('data', (chunk: Buffer) => {
      entry.compressed += chunk.length;
      deflate.pause();
      writing = writing
        .then(() => this.write(chunk))
        .catch((e: unknown) => {
          failed ??= e;
        })
        .finally(() => deflate.resume());
    });
    const ended = once(deflate, 'end');
    const add = async (content: string | Buffer) => {
      if (failed) throw failed;
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      entry.crc = crc32(bytes, entry.crc);
      entry.size += bytes.length;
      deflate.write(bytes);
      if (deflate.writableLength >= COMPRESS_AHEAD) await once(deflate, 'drain');
    };
    const close = async () => {
      deflate.end();
      await ended;
      await writing;
      if (failed) throw failed;
      if (entry.size > ZIP_LIMIT)
        throw new Error('A sheet of the workbook is larger than 4 GB: choose fewer agencies or the CSV.');
      const descriptor = Buffer.alloc(16);
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(entry.crc, 4);
      descriptor.writeUInt32LE(entry.compressed, 8);
      descriptor.writeUInt32LE(entry.size, 12);
      await this.write(descriptor);
      this.entries.push(entry);
    };
    return { add, close };
  }

  /** A whole small part at once. */
  async file(path: string, text: string): Promise<void> {
    const part = await this.open(path);
    await part.add(text);
    await part.close();
  }

  /** The central directory, then `out` ended. */
  async end(): Promise<void> {
    const start = this.offset;
    for (const e of this.entries) {
      const record = Buffer.alloc(46);
      record.writeUInt32LE(0x02014b50, 0);
      record.writeUInt16LE(20, 4);
      this.describe(record, 6);
      record.writeUInt32LE(e.crc, 16);
      record.writeUInt32LE(e.compressed, 20);
      record.writeUInt32LE(e.size, 24);
      record.writeUInt16LE(e.name.length, 28);
      record.writeUInt32LE(e.offset, 42);
      await this.write(Buffer.concat([record, e.name]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.write(end);
    this.out.end();
  }
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';

const STYLES = `${XML_HEAD}<styleSheet xmlns="${MAIN}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/** One sheet being written: rows are added in order, and `end` closes it. */
export class XlsxSheet {
  private rowNumber = 0;
  /** The rows' XML not yet compressed, as UTF-8: buffers filled, then one being filled (to `filled`). */
  private readonly full: Buffer[] = [];
  private pending = Buffer.allocUnsafe(FLUSH_AT);
  private filled = 0;
  private ended = false;

  constructor(
    private readonly part: Part,
    private readonly boldFirstColumn: boolean,
    private readonly shared: SharedStrings,
  ) {}

  private row(cells: XlsxCell[], bold: boolean): void {
    if (this.ended) throw new Error('This sheet has ended.');
    if (this.rowNumber >= MAX_XLSX_ROWS)
      throw new Error(`A sheet holds at most ${MAX_XLSX_ROWS} rows: choose fewer agencies or the CSV.`);
    const r = ++this.rowNumber;
    let xml = `<row r="${r}">`;
    for (let i = 0; i < cells.length; i++)
      xml += cellXml(
        `${letters(i)}${r}`,
        cells[i],
        bold || (i === 0 && this.boldFirstColumn) ? STYLE_BOLD : 0,
        this.shared,
      );
    xml += '</row>';
    // A UTF-8 character takes at most three bytes for each UTF-16 unit of the string.
    if (this.filled + xml.length * 3 > this.pending.length) this.nextBuffer(xml.length * 3);
    this.filled += this.pending.write(xml, this.filled, 'utf8');
  }

  /** Puts the buffer being filled with those filled, and starts one of at least `room` bytes. */
  private nextBuffer(room: number): void {
    if (this.filled > 0) this.full.push(this.pending.subarray(0, this.filled));
    this.pending = Buffer.allocUnsafe(Math.max(FLUSH_AT, room));
    this.filled = 0;
  }

  /** @internal The header row, in bold. */
  header(cells: XlsxCell[]): void {
    this.row(cells, true);
  }

  /** Adds rows after those already added. */
  async addRows(rows: Iterable<XlsxCell[]>): Promise<void> {
    for (const cells of rows) {
      this.row(cells, false);
      if (this.filled >= FLUSH_AT / 2 || this.full.length > 0) await this.flush();
    }
  }

  private async flush(): Promise<void> {
    this.nextBuffer(0);
    for (const bytes of this.full.splice(0)) await this.part.add(bytes);
  }

  /** @internal Closes the sheet's part. */
  async end(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.flush();
    await this.part.add('</sheetData></worksheet>');
    await this.part.close();
  }
}

/** A workbook written to `out` (which it ends) as sheets are added: see the module's comment. */
export class XlsxWriter {
  private readonly zip: ZipStream;
  private readonly names: string[] = [];
  private readonly shared: SharedStrings;
  private current: XlsxSheet | undefined;

  /**
   * `sharedStrings`: the most distinct texts shared (20,000 unless given; the audit export's worker,
   * whose memory is bounded, shares fewer: most of its texts are answers, each met once).
   */
  constructor(
    out: Writable,
    private readonly meta: { created: Date; creator?: string; sharedStrings?: number },
  ) {
    this.zip = new ZipStream(out, meta.created);
    this.shared = new SharedStrings(meta.sharedStrings ?? MAX_SHARED_STRINGS);
  }

  /** Starts a sheet, ending the one before; its rows are added through the sheet given back. */
  async addSheet(name: string, options: XlsxSheetOptions = {}): Promise<XlsxSheet> {
    if (name.length === 0 || name.length > MAX_SHEET_NAME || BAD_SHEET_NAME.test(name))
      throw new Error(`"${name}" cannot be a sheet's name.`);
    if (this.names.some((n) => n.toLowerCase() === name.toLowerCase()))
      throw new Error(`The workbook already has a sheet called "${name}".`);
    await this.current?.end();
    this.names.push(name);
    const part = await this.zip.open(`xl/worksheets/sheet${this.names.length}.xml`);
    const frozen = options.header
      ? '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
      : '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';
    const widths = (options.widths ?? [])
      .map(
        (w, i) =>
          `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"${i === 0 && options.boldFirstColumn ? ` style="${STYLE_BOLD}"` : ''}/>`,
      )
      .join('');
    await part.add(
      `${XML_HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${RELS}">${frozen}<sheetFormatPr defaultRowHeight="15"/>${widths ? `<cols>${widths}</cols>` : ''}<sheetData>`,
    );
    const sheet = new XlsxSheet(part, options.boldFirstColumn ?? false, this.shared);
    if (options.header) sheet.header(options.header);
    this.current = sheet;
    return sheet;
  }

  /** Ends the last sheet, writes what names the sheets and the workbook, and ends `out`. */
  async end(): Promise<void> {
    await this.current?.end();
    if (this.names.length === 0) await this.addSheet('Sheet1').then((s) => s.end());
    const sheets = this.names.map((_, i) => i + 1);
    await this.zip.file(
      'xl/workbook.xml',
      `${XML_HEAD}<workbook xmlns="${MAIN}" xmlns:r="${RELS}"><bookViews><workbookView/></bookViews><sheets>${this.names
        .map((n, i) => `<sheet name="${xmlText(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('')}</sheets></workbook>`,
    );
    await this.zip.file(
      'xl/_rels/workbook.xml.rels',
      `${XML_HEAD}<Relationships xmlns="${PACKAGE_RELS}">${sheets
        .map((n) => `<Relationship Id="rId${n}" Type="${RELS}/worksheet" Target="worksheets/sheet${n}.xml"/>`)
        .join(
          '',
        )}<Relationship Id="rId${sheets.length + 1}" Type="${RELS}/styles" Target="styles.xml"/><Relationship Id="rId${sheets.length + 2}" Type="${RELS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    );
    await this.zip.file('xl/styles.xml', STYLES);
    const strings = await this.zip.open('xl/sharedStrings.xml');
    const items = this.shared.items;
    await strings.add(`${XML_HEAD}<sst xmlns="${MAIN}" uniqueCount="${items.length}">`);
    for (let i = 0; i < items.length; i += 1000) await strings.add(items.slice(i, i + 1000).join(''));
    await strings.add('</sst>');
    await strings.close();
    const when = this.meta.created.toISOString().replace(/\.\d{3}Z$/, 'Z');
    await this.zip.file(
      'docProps/core.xml',
      `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>${xmlText(this.meta.creator ?? 'Section 11 Audit')}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`,
    );
    await this.zip.file(
      '_rels/.rels',
      `${XML_HEAD}<Relationships xmlns="${PACKAGE_RELS}"><Relationship Id="rId1" Type="${RELS}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="${PACKAGE_RELS}/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
    );
    await this.zip.file(
      '[Content_Types].xml',
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets
        .map(
          (n) =>
            `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join(
          '',
        )}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`,
    );
    await this.zip.end();
  }
}

/** A workbook made by `fill`, as the bytes of the XLSX file (for files small enough to hold). */
export async function xlsxBytes(created: Date, fill: (book: XlsxWriter) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = once(out, 'end');
  const book = new XlsxWriter(out, { created });
  await fill(book);
  await book.end();
  await ended;
  return Buffer.concat(chunks);
}
