/**
 * Helpers for the files people open in Excel.
 *
 * CSV only: a CSV field starting with = + - @ (or a tab or carriage return) is run as a formula by
 * spreadsheet programs, so it gets a leading apostrophe. An XLSX writer needs no such thing: exceljs
 * writes a string as a string cell (a shared string), which Excel shows as typed and never runs, so
 * the apostrophe would only be shown for nothing. Formulas in XLSX come only from `{ formula }` values.
 */

/** A CSV field's text that a spreadsheet program will not run as a formula. */
function csvText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One CSV field, quoted when it needs to be, and never a formula. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(value) : csvText(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document (RFC 4180, CRLF) with a byte-order mark so Excel reads it as UTF-8. */
export function toCsv(rows: Array<Array<string | number | null | undefined>>): string {
  return `\uFEFF${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
