/**
 * Checks on an XLSX file (a ZIP archive) before any spreadsheet reader opens it: that it is an
 * archive we understand, what it unpacks to (each part unpacked here with its declared size as a hard
 * limit, so an archive that lies about its sizes is caught), how many cells its sheets hold, and
 * whether it carries macros. Run inside the spreadsheet worker (xlsx-worker.ts), never on the main thread.
 */
import { inflateSync } from 'fflate';

/**
 * The most an XLSX file may unpack to. Real files need far less: the largest template (30 themes
 * of 40 questions with long guidance) unpacks to about 1.3 MB, 2,000 agencies to about 0.7 MB.
 */
export const XLSX_MAX_UNPACKED_BYTES = 5 * 1024 * 1024;
/** The most cells its sheets may hold (2,000 agencies are 10,000 cells; a full template about 14,000). */
export const XLSX_MAX_CELLS = 50_000;
const XLSX_MAX_ENTRIES = 500;

export type XlsxArchiveProblem = 'not-xlsx' | 'too-large' | 'too-many-cells' | 'macros';

export interface XlsxArchiveLimits {
  maxUnpackedBytes: number;
  maxCells: number;
}

export const XLSX_LIMITS: XlsxArchiveLimits = {
  maxUnpackedBytes: XLSX_MAX_UNPACKED_BYTES,
  maxCells: XLSX_MAX_CELLS,
};

export function isZip(data: Buffer): boolean {
  return data.length >= 4 && data.readUInt32LE(0) === 0x04034b50;
}

/** A cell element in a sheet's XML (`<c …>`, `<c/>`, or with a namespace prefix), not `<col>` or `<cfRule>`. */
const CELL_TAG = /<(?:[A-Za-z_][\w.-]*:)?c[\s/>]/g;
const SHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/i;

export interface ZipContents {
  bytes: number;
  entries: number;
  names: string[];
  /** Cells counted in the sheets unpacked so far. */
  cells: number;
}

/**
 * The unpacked size of a ZIP archive's entries, from its central directory, with the cells of its
 * sheets counted; it stops as soon as a limit is passed. Null when the archive cannot be understood
 * (or uses ZIP64, which no spreadsheet of this size needs) or an entry is larger than it says.
 */
export function zipUnpackedSize(data: Buffer, limits: XlsxArchiveLimits = XLSX_LIMITS): ZipContents | null {
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
  let cells = 0;
  const names: string[] = [];
  try {
    for (let n = 0; n < entries; n++) {
      if (p + 46 > data.length || data.readUInt32LE(p) !== 0x02014b50) return null;
      const method = data.readUInt16LE(p + 10);
      const packed = data.readUInt32LE(p + 20);
      const size = data.readUInt32LE(p + 24);
      const local = data.readUInt32LE(p + 42);
      if (size === 0xffffffff || packed === 0xffffffff) return null;
      const name = data.toString('utf8', p + 46, p + 46 + data.readUInt16LE(p + 28));
      names.push(name);
      bytes += size;
      if (bytes > limits.maxUnpackedBytes) return { bytes, entries, names, cells };
      if (local + 30 > data.length || data.readUInt32LE(local) !== 0x04034b50) return null;
      const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
      const body = data.subarray(start, start + packed);
      if (body.length !== packed) return null;
      let unpacked: Buffer;
      if (method === 8) unpacked = inflatedWithin(body, size);
      else if (method === 0 && packed === size) unpacked = body;
      else return null;
      if (SHEET_PART.test(name)) {
        cells += unpacked.toString('latin1').match(CELL_TAG)?.length ?? 0;
        if (cells > limits.maxCells) return { bytes, entries, names, cells };
      }
      p += 46 + data.readUInt16LE(p + 28) + data.readUInt16LE(p + 30) + data.readUInt16LE(p + 32);
    }
  } catch {
    return null;
  }
  return { bytes, entries, names, cells };
}

/**
 * A deflated part, unpacked into no more than its declared size (more throws: the archive lies).
 * In JavaScript (fflate), not Node's zlib: the worker this runs in is ended when it takes too long,
 * and ending a worker while it holds a zlib handle not yet initialised aborts the whole process
 * (Node's "close before init" assertion, seen in CI). fflate holds no native handle.
 */
function inflatedWithin(body: Uint8Array, size: number): Buffer {
  // One byte more than declared: filling it means there was more.
  const out = inflateSync(body, { out: new Uint8Array(size + 1) });
  if (out.length > size) throw new RangeError('a part unpacks larger than its declared size');
  return Buffer.from(out.buffer, out.byteOffset, out.length);
}

/**
 * Why an XLSX file cannot be opened safely, or null: not a readable archive, one that unpacks too
 * large or holds too many cells (a "zip bomb"), or one carrying macros (an .xlsm saved as .xlsx).
 */
export function xlsxArchiveProblem(
  data: Buffer,
  limits: XlsxArchiveLimits = XLSX_LIMITS,
): XlsxArchiveProblem | null {
  if (!isZip(data)) return 'not-xlsx';
  const size = zipUnpackedSize(data, limits);
  if (!size) return 'not-xlsx';
  if (size.bytes > limits.maxUnpackedBytes || size.entries > XLSX_MAX_ENTRIES) return 'too-large';
  if (size.cells > limits.maxCells) return 'too-many-cells';
  if (size.names.some((n) => /(^|\/)vbaProject\.bin$|vbaData\.xml$/i.test(n))) return 'macros';
  return null;
}
