/**
 * ExcelJS, loaded at the first spreadsheet rather than at start: the module takes about 17 MB of
 * memory and a noticeable part of start-up, and most processes never write a spreadsheet.
 * Types come from `import type ExcelJS from 'exceljs'`, which loads nothing.
 */
import type ExcelJS from 'exceljs';

let loading: Promise<typeof ExcelJS> | undefined;

export function loadExcelJS(): Promise<typeof ExcelJS> {
  loading ??= import('exceljs').then((module) => module.default);
  return loading;
}
