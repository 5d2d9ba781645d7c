/**
 * Reading an uploaded agency import file: a CSV or XLSX spreadsheet, checked by its content (not
 * only its name), with the template's columns and at most `IMPORT_MAX_ROWS` agencies. Every cell is
 * read as text and nothing is ever evaluated; an XLSX cell holding a formula refuses the file. XLSX
 * files are opened in a worker thread, within limits of size, cells and time (lib/xlsx-reader.ts).
 */
import type { AgencyImportRowJson } from '../../db/schema.ts';
import { isZip } from '../../lib/xlsx-archive.ts';
import { readXlsx, SheetCells, type XlsxProblem, type XlsxReadOptions } from '../../lib/xlsx-reader.ts';

export const IMPORT_MAX_BYTES = 1024 * 1024;
export const IMPORT_MAX_ROWS = 2000;

export type ImportColumn = 'name' | 'sector' | 'basis' | 'localities' | 'leadContactEmail';

export const IMPORT_COLUMNS: ReadonlyArray<{ key: ImportColumn; header: string }> = [
  { key: 'name', header: 'Name' },
  { key: 'sector', header: 'Sector' },
  { key: 'basis', header: 'Statutory or voluntary' },
  { key: 'localities', header: 'Localities served' },
  { key: 'leadContactEmail', header: 'Lead contact email' },
];

/** Why a file cannot be imported: one sentence, and the status when it is not the person's file (503). */
type ReadError = { rows?: undefined; error: string; status?: number };
export type ReadResult = { rows: AgencyImportRowJson[]; error?: undefined; status?: undefined } | ReadError;

interface SheetRow {
  row: number;
  cells: string[];
}

const normalHeader = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

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

const NOT_XLSX =
  'The selected file could not be opened as an XLSX spreadsheet. Save it again as .xlsx or .csv';

/** Why an XLSX file was not read, in the words shown to the person (and its status, if not 422). */
const XLSX_PROBLEMS: Record<XlsxProblem, { error: string; status?: number }> = {
  'not-xlsx': { error: NOT_XLSX },
  'too-large': { error: 'The selected spreadsheet is too large. Import at most 2,000 agencies at a time' },
  'too-many-cells': {
    error:
      'The selected spreadsheet has too many filled cells. Keep only the template’s columns and at most 2,000 agencies',
  },
  macros: { error: 'The selected spreadsheet contains macros. Save it as an .xlsx workbook without macros' },
  'too-slow': {
    error:
      'The selected spreadsheet took too long to open. Save it again as .xlsx or .csv with only the template’s columns, and upload it again',
  },
  busy: {
    error: 'The service is busy opening other spreadsheets. Try again in a minute',
    status: 503,
  },
};

/** No agency import needs more columns than this; cells further right are not read. */
const MAX_COLUMNS = 100;

async function readXlsxRows(
  data: Buffer,
  options?: Partial<XlsxReadOptions>,
): Promise<SheetRow[] | ReadError> {
  const read = await readXlsx(data, options);
  if (read.problem) return XLSX_PROBLEMS[read.problem];
  const found = read.sheets.find((s) => s.name === 'Agencies') ?? read.sheets[0];
  if (!found) return { error: 'The selected file is empty' };
  const sheet = new SheetCells(found);
  if (sheet.formulas.length > 0) {
    const { formulas } = sheet;
    const shown = formulas.slice(0, 5).join(', ');
    return {
      error: `Cell${formulas.length === 1 ? '' : 's'} ${shown}${formulas.length > 5 ? ' and others' : ''} ${formulas.length === 1 ? 'holds a formula' : 'hold formulas'}. Formulas cannot be imported: replace them with the values they show and upload the file again`,
    };
  }
  return sheet.rowNumbers.map((row) => ({ row, cells: sheet.rowTexts(row, MAX_COLUMNS) }));
}

/** Reads the file's rows, or says in one sentence why it cannot be imported. */
export async function readImportFile(
  fileName: string,
  data: Buffer,
  xlsxOptions?: Partial<XlsxReadOptions>,
): Promise<ReadResult> {
  const ext = /\.([A-Za-z]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (ext !== 'csv' && ext !== 'xlsx') return { error: 'The selected file must be a CSV or XLSX file' };
  if (data.length === 0) return { error: 'The selected file is empty' };
  if (data.length > IMPORT_MAX_BYTES) return { error: 'The selected file must be smaller than 1 MB' };
  let table: SheetRow[];
  if (ext === 'xlsx') {
    if (!isZip(data)) return { error: NOT_XLSX };
    const read = await readXlsxRows(data, xlsxOptions);
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
      const cell = (key: ImportColumn) => r.cells[positions[key]] ?? '';
      return {
        row: r.row,
        name: cell('name'),
        sector: cell('sector'),
        basis: cell('basis'),
        localities: cell('localities'),
        leadContactEmail: cell('leadContactEmail'),
      };
    }),
  };
}

function columnPositions(headers: string[]): Record<ImportColumn, number> | { error: string } {
  const expected = IMPORT_COLUMNS.map((c) => c.header);
  const found = new Map<string, number>();
  const unexpected: string[] = [];
  headers.forEach((h, i) => {
    if (h === '') return;
    const column = IMPORT_COLUMNS.find((c) => normalHeader(c.header) === normalHeader(h));
    if (column && !found.has(column.key)) found.set(column.key, i);
    else unexpected.push(h);
  });
  const missing = IMPORT_COLUMNS.filter((c) => !found.has(c.key)).map((c) => c.header);
  if (missing.length > 0 || unexpected.length > 0) {
    const parts = [`The first row of the file must name the columns ${expected.join(', ')}`];
    if (missing.length) parts.push(`missing: ${missing.join(', ')}`);
    if (unexpected.length) parts.push(`not expected: ${unexpected.slice(0, 5).join(', ')}`);
    return { error: `${parts.join('; ')}. Start from the template` };
  }
  return Object.fromEntries(found) as Record<ImportColumn, number>;
}
