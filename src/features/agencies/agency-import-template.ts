/** The import template, as CSV and as XLSX with a second sheet listing the allowed values. */
import { AGENCY_SECTORS } from '../../db/schema.ts';
import { loadExcelJS } from '../../lib/exceljs.ts';
import { toCsv } from '../../lib/spreadsheet.ts';
import { IMPORT_COLUMNS, IMPORT_MAX_ROWS } from './agency-import-file.ts';
import { SECTOR_LABELS } from './sectors.ts';

export const IMPORT_NOTES = [
  'One agency on each row below the column names. Keep the column names as they are.',
  'Name: the agency’s name, as it should appear to the partnership. It must not already be in the partnership.',
  'Sector: one of the sectors listed, written as it is listed.',
  'Statutory or voluntary: Statutory if Section 11 applies to the agency by law, Voluntary if it takes part voluntarily.',
  'Localities served: one or more of the partnership’s localities, separated by semicolons.',
  'Lead contact email: optional; where the partnership writes about the agency’s returns.',
  'ODS code, URN, Companies House number, Charity number: optional codes that identify the agency (an NHS body’s ODS code, a school’s 6-digit URN, a company’s 8-character number, a charity’s number). These columns may be left out.',
  `At most ${IMPORT_MAX_ROWS.toLocaleString('en-GB')} agencies in one file. Formulas are not accepted.`,
];

export function importTemplateCsv(): string {
  return toCsv([IMPORT_COLUMNS.map((c) => c.header)]);
}

export async function importTemplateWorkbook(
  localityNames: string[],
  partnershipName: string,
  now: Date,
): Promise<Buffer> {
  const book = new (await loadExcelJS()).Workbook();
  book.creator = 'Section 11 Audit';
  book.created = now;
  const sheet = book.addWorksheet('Agencies', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(IMPORT_COLUMNS.map((c) => c.header)).font = { bold: true };
  sheet.columns.forEach((column, i) => {
    column.width = i === 0 ? 40 : i === 1 ? 36 : 26;
  });
  const allowed = book.addWorksheet('Allowed values');
  allowed.addRow([`Allowed values for ${partnershipName}`]).font = { bold: true, size: 14 };
  allowed.addRow([]);
  allowed.addRow(['Sector', 'Statutory or voluntary', 'Localities served']).font = { bold: true };
  const longest = Math.max(AGENCY_SECTORS.length, localityNames.length, 2);
  for (let i = 0; i < longest; i++) {
    const sector = AGENCY_SECTORS[i];
    allowed.addRow([
      sector ? SECTOR_LABELS[sector] : '',
      ['Statutory', 'Voluntary'][i] ?? '',
      localityNames[i] ?? '',
    ]);
  }
  allowed.addRow([]);
  allowed.addRow(['How to fill in the Agencies sheet']).font = { bold: true };
  for (const note of IMPORT_NOTES) allowed.addRow([note]);
  allowed.getColumn(1).width = 45;
  allowed.getColumn(2).width = 24;
  allowed.getColumn(3).width = 30;
  return Buffer.from(await book.xlsx.writeBuffer());
}
