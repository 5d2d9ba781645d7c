/**
 * The spreadsheet worker: opens one uploaded XLSX file at a time, off the main thread, and answers
 * with its cells as plain values. The archive is checked first (size unpacked, cells, macros:
 * xlsx-archive.ts), so exceljs only ever sees a file of a sensible size; the pool that runs this
 * worker (xlsx-reader.ts) ends it if it takes too long or runs out of memory.
 */
import { parentPort } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { type XlsxArchiveLimits, xlsxArchiveProblem } from './xlsx-archive.ts';
import type { XlsxReply, XlsxSheet } from './xlsx-reader.ts';

export interface XlsxJob {
  data: Uint8Array;
  limits: XlsxArchiveLimits;
}

async function read({ data, limits }: XlsxJob): Promise<XlsxReply> {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const problem = xlsxArchiveProblem(bytes, limits);
  if (problem) return { problem };
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheets = book.worksheets.map((sheet): XlsxSheet => {
      const rows: XlsxSheet['rows'] = [];
      const formulas: string[] = [];
      sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
        const cells: XlsxSheet['rows'][number][1] = [];
        row.eachCell({ includeEmpty: false }, (cell, column) => {
          if (cell.type === ExcelJS.ValueType.Formula || cell.formula) {
            formulas.push(cell.address);
            return;
          }
          const value = cell.value;
          if (value === null || value === undefined) return;
          cells.push([
            column,
            typeof value === 'string' ? value : (cell.text ?? ''),
            typeof value === 'number' ? value : null,
          ]);
        });
        if (cells.length > 0) rows.push([rowNumber, cells]);
      });
      return { name: sheet.name, state: sheet.state ?? 'visible', rows, formulas };
    });
    return { sheets };
  } catch {
    return { problem: 'not-xlsx' };
  }
}

parentPort!.on('message', async (job: XlsxJob) => {
  parentPort!.postMessage(await read(job));
});
parentPort!.postMessage({ ready: true });
