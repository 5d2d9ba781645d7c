/** The cycle's status table as CSV and XLSX, with the same rows and filters as the page. */
import type { CycleInfo } from '../../domain/cycle-access.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { loadExcelJS } from '../../lib/exceljs.ts';
import { toCsv } from '../../lib/spreadsheet.ts';
import { SECTOR_LABELS } from '../agencies/sectors.ts';
import { MONITORING_STATUS_LABELS, type MonitoringRow } from './monitoring.ts';

const HEADERS = [
  'Agency',
  'Sector',
  'Basis',
  'Localities',
  'Status',
  'Themes completed',
  'Themes',
  'Per cent complete',
  'Last activity',
  'Submitted',
  'Reference',
  'Lead contact',
  'Lead email',
  'Deadline',
];

function cells(r: MonitoringRow): Array<string | number> {
  return [
    r.agencyName,
    SECTOR_LABELS[r.sector],
    r.statutory ? 'Statutory' : 'Voluntary',
    r.localityNames.join('; '),
    MONITORING_STATUS_LABELS[r.status],
    r.completedThemes,
    r.totalThemes,
    r.percentComplete,
    r.lastActivityAt ? formatDateTime(r.lastActivityAt) : '',
    r.submittedAt ? formatDateTime(r.submittedAt) : '',
    r.reference ?? '',
    r.leadName ?? '',
    r.leadEmail ?? '',
    formatDateTime(r.deadline),
  ];
}

export function monitoringCsv(rows: MonitoringRow[]): string {
  return toCsv([HEADERS, ...rows.map(cells)]);
}

export async function monitoringWorkbook(
  cycle: CycleInfo,
  rows: MonitoringRow[],
  generatedAt: Date,
): Promise<Buffer> {
  const book = new (await loadExcelJS()).Workbook();
  book.creator = 'Section 11 Audit';
  book.created = generatedAt;
  const sheet = book.addWorksheet('Returns', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(HEADERS).font = { bold: true };
  // String cells are text in XLSX, never formulas: no apostrophe (that is for CSV only).
  for (const r of rows) sheet.addRow(cells(r));
  sheet.columns.forEach((column, i) => {
    column.width = i === 0 ? 40 : i === 3 ? 28 : 18;
  });
  const about = book.addWorksheet('About');
  about.addRows([
    ['Partnership', cycle.partnershipName],
    ['Audit', cycle.name],
    ['Closes', formatDateTime(cycle.closesAt)],
    ['Produced', formatDateTime(generatedAt)],
  ]);
  about.getColumn(1).font = { bold: true };
  about.getColumn(2).width = 60;
  return Buffer.from(await book.xlsx.writeBuffer());
}
