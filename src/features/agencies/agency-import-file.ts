/**
 * Reading an uploaded agency import file: a CSV or XLSX spreadsheet, checked by its content (not
 * only its name), with the template's columns and at most `IMPORT_MAX_ROWS` agencies. Every cell is
 * read as text and nothing is ever evaluated; an XLSX cell holding a formula refuses the file.
 */
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import type { AgencyImportRowJson } from '../../db/schema.ts';

export const IMPORT_MAX_BYTES = 1024 * 1024;
export const IMPORT_MAX_ROWS = 2000;
/** An XLSX file is a ZIP archive; refuse one that would unpack to more than this (a "zip bomb"). */
const XLSX_MAX_UNPACKED_BYTES = 30 * 1024 * 1024;
const XLSX_MAX_ENTRIES = 500;

export type ImportColumn =
  | 'name'
  | 'sector'
  | 'basis'
  | 'localities'
  | 'leadContactEmail'
  | 'odsCode'
  | 'urn'
  | 'companyNumber'
  | 'charityNumber';

/** The template's columns; an optional one may be left out of a file (files made before it was added). */
export const IMPORT_COLUMNS: ReadonlyArray<{ key: ImportColumn; header: string; optional?: true }> = [
  { key: 'name', header: 'Name' },
  { key: 'sector', header: 'Sector' },
  { key: 'basis', header: 'Statutory or voluntary' },
  { key: 'localities', header: 'Localities served' },
  { key: 'leadContactEmail', header: 'Lead contact email' },
  { key: 'odsCode', header: 'ODS code', optional: true },
  { key: 'urn', header: 'URN', optional: true },
  { key: 'companyNumber', header: 'Companies House number', optional: true },
  { key: 'charityNumber', header: 'Charity number', optional: true },
];

export type ReadResult =
  | { rows: AgencyImportRowJson[]; error?: undefined }
  | { rows?: undefined; error: string };

interface SheetRow {
  row: number;
  cells: string[];
}

const normalHeader = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

export function isZip(data: Buffer): boolean {
  return data.length >= 4 && data.readUInt32LE(0) === 0x04034b50;
}

/** Text that no spreadsheet program would save in a CSV file: NUL and other control bytes. */
function looksBinary(data: Buffer): boolean {
  for (const byte of data) {
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) return true;
  }
  return false;
}

/** Decodes a CSV file: UTF-8 (with or without a byte-order mark), else Windows-1252 as Excel saves. */
function decodeText(data: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    text = new TextDecoder('windows-1252').decode(data);
  }
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. Rows numbered from 1. */
export function parseCsv(text: string): SheetRow[] {
  const rows: SheetRow[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endRow = () => {
    cells.push(field);
    rows.push({ row: rows.length + 1, cells });
    cells = [];
    field = '';
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      cells.push(field);
      field = '';
    } else if (c === '\r' || c === '\n') {
      endRow();
      if (c === '\r' && text[i + 1] === '\n') i++;
    } else field += c;
    i++;
  }
  if (field !== '' || cells.length > 0) endRow();
  return rows;
}

/**
 * The unpacked size of a ZIP archive's entries, from its central directory, each entry unpacked
 * here with its declared size as a hard limit, so an archive that lies about its sizes (a "zip
 * bomb") is caught before a spreadsheet reader unpacks it in memory. Null when the archive cannot be
 * understood (or uses ZIP64, which no spreadsheet of this size needs) or an entry is larger than it says.
 */
export function zipUnpackedSize(data: Buffer): { bytes: number; entries: number; names: string[] } | null {
  const minEnd = Math.max(0, data.length - 22 - 0xffff);
  let end = -1;
  for (let p = data.length - 22; p >= minEnd; p--) {
    if (data.readUInt32LE(p) === 0x06054b50) {
      end = p;
      break;
    }
  }
  if (end < 0) return null;
  const entries = data.readUInt16LE(end + 10);
  let p = data.readUInt32LE(end + 16);
  let bytes = 0;
  const names: string[] = [];
  try {
    for (let n = 0; n < entries; n++) {
      if (p + 46 > data.length || data.readUInt32LE(p) !== 0x02014b50) return null;
      const method = data.readUInt16LE(p + 10);
      const packed = data.readUInt32LE(p + 20);
      const size = data.readUInt32LE(p + 24);
      const local = data.readUInt32LE(p + 42);
      if (size === 0xffffffff || packed === 0xffffffff) return null;
      names.push(data.toString('utf8', p + 46, p + 46 + data.readUInt16LE(p + 28)));
      bytes += size;
      if (bytes > XLSX_MAX_UNPACKED_BYTES) return { bytes, entries, names };
      if (local + 30 > data.length || data.readUInt32LE(local) !== 0x04034b50) return null;
      const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
      const body = data.subarray(start, start + packed);
      if (body.length !== packed) return null;
      if (method === 8) inflateRawSync(body, { maxOutputLength: Math.max(size, 1) });
      else if (method !== 0 || packed !== size) return null;
      p += 46 + data.readUInt16LE(p + 28) + data.readUInt16LE(p + 30) + data.readUInt16LE(p + 32);
    }
  } catch {
    return null;
  }
  return { bytes, entries, names };
}

/**
 * Why an XLSX file (a ZIP archive) cannot be opened safely, or null: not a readable archive, one
 * that unpacks too large (a "zip bomb"), or one carrying macros (an .xlsm saved as .xlsx).
 */
export function xlsxArchiveProblem(data: Buffer): 'not-xlsx' | 'too-large' | 'macros' | null {
  if (!isZip(data)) return 'not-xlsx';
  const size = zipUnpackedSize(data);
  if (!size) return 'not-xlsx';
  if (size.bytes > XLSX_MAX_UNPACKED_BYTES || size.entries > XLSX_MAX_ENTRIES) return 'too-large';
  if (size.names.some((n) => /(^|\/)vbaProject\.bin$|vbaData\.xml$/i.test(n))) return 'macros';
  return null;
}

const NOT_XLSX =
  'The selected file could not be opened as an XLSX spreadsheet. Save it again as .xlsx or .csv';

async function readXlsx(data: Buffer): Promise<SheetRow[] | { error: string }> {
  const problem = xlsxArchiveProblem(data);
  if (problem === 'not-xlsx') return { error: NOT_XLSX };
  if (problem === 'too-large')
    return { error: 'The selected spreadsheet is too large. Import at most 2,000 agencies at a time' };
  if (problem === 'macros')
    return { error: 'The selected spreadsheet contains macros. Save it as an .xlsx workbook without macros' };
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    return { error: NOT_XLSX };
  }
  const sheet = book.getWorksheet('Agencies') ?? book.worksheets[0];
  if (!sheet) return { error: 'The selected file is empty' };
  const rows: SheetRow[] = [];
  const formulas: string[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      if (cell.type === ExcelJS.ValueType.Formula || cell.formula) {
        formulas.push(cell.address);
        return;
      }
      cells[column - 1] = cell.text;
    });
    rows.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? '') });
  });
  if (formulas.length > 0) {
    const shown = formulas.slice(0, 5).join(', ');
    return {
      error: `Cell${formulas.length === 1 ? '' : 's'} ${shown}${formulas.length > 5 ? ' and others' : ''} ${formulas.length === 1 ? 'holds a formula' : 'hold formulas'}. Formulas cannot be imported: replace them with the values they show and upload the file again`,
    };
  }
  return rows;
}

/** Reads the file's rows, or says in one sentence why it cannot be imported. */
export async function readImportFile(fileName: string, data: Buffer): Promise<ReadResult> {
  const ext = /\.([A-Za-z]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (ext !== 'csv' && ext !== 'xlsx') return { error: 'The selected file must be a CSV or XLSX file' };
  if (data.length === 0) return { error: 'The selected file is empty' };
  if (data.length > IMPORT_MAX_BYTES) return { error: 'The selected file must be smaller than 1 MB' };
  let table: SheetRow[];
  if (ext === 'xlsx') {
    if (!isZip(data)) return { error: NOT_XLSX };
    const read = await readXlsx(data);
    if (!Array.isArray(read)) return read;
    table = read;
  } else {
    if (isZip(data) || looksBinary(data))
      return { error: 'The selected file is not a CSV file. Save your spreadsheet as CSV or XLSX' };
    table = parseCsv(decodeText(data));
  }
  const filled = table
    .map((r) => ({ row: r.row, cells: r.cells.map((c) => c.trim()) }))
    .filter((r) => r.cells.some((c) => c !== ''));
  const [header, ...body] = filled;
  if (!header) return { error: 'The selected file is empty' };
  const positions = columnPositions(header.cells);
  if ('error' in positions) return positions;
  if (body.length === 0)
    return {
      error: 'The selected file has no agencies in it. Add one agency on each row below the column names',
    };
  if (body.length > IMPORT_MAX_ROWS)
    return {
      error: `The selected file has ${body.length.toLocaleString('en-GB')} agencies. Import at most ${IMPORT_MAX_ROWS.toLocaleString('en-GB')} at a time`,
    };
  return {
    rows: body.map((r) => {
      const cell = (key: ImportColumn) => {
        const at = positions[key];
        return at === undefined ? '' : (r.cells[at] ?? '');
      };
      return {
        row: r.row,
        name: cell('name'),
        sector: cell('sector'),
        basis: cell('basis'),
        localities: cell('localities'),
        leadContactEmail: cell('leadContactEmail'),
        odsCode: cell('odsCode'),
        urn: cell('urn'),
        companyNumber: cell('companyNumber'),
        charityNumber: cell('charityNumber'),
      };
    }),
  };
}

function columnPositions(headers: string[]): Partial<Record<ImportColumn, number>> | { error: string } {
  const expected = IMPORT_COLUMNS.filter((c) => !c.optional).map((c) => c.header);
  const found = new Map<string, number>();
  const unexpected: string[] = [];
  headers.forEach((h, i) => {
    if (h === '') return;
    const column = IMPORT_COLUMNS.find((c) => normalHeader(c.header) === normalHeader(h));
    if (column && !found.has(column.key)) found.set(column.key, i);
    else unexpected.push(h);
  });
  const missing = IMPORT_COLUMNS.filter((c) => !c.optional && !found.has(c.key)).map((c) => c.header);
  if (missing.length > 0 || unexpected.length > 0) {
    const parts = [
      `The first row of the file must name the columns ${expected.join(', ')} (and may name ${IMPORT_COLUMNS.filter(
        (c) => c.optional,
      )
        .map((c) => c.header)
        .join(', ')})`,
    ];
    if (missing.length) parts.push(`missing: ${missing.join(', ')}`);
    if (unexpected.length) parts.push(`not expected: ${unexpected.slice(0, 5).join(', ')}`);
    return { error: `${parts.join('; ')}. Start from the template` };
  }
  return Object.fromEntries(found) as Partial<Record<ImportColumn, number>>;
}
