/** The cycle's status table as CSV and XLSX, with the same rows and filters as the page. */
import type { CycleInfo } from '../../domain/cycle-access.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { toCsv } from '../../lib/spreadsheet.ts';
import { xlsxBytes } from '../../lib/xlsx-writer.ts';
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

export function monitoringWorkbook(
  cycle: CycleInfo,
  rows: MonitoringRow[],
  generatedAt: Date,
): Promise<Buffer> {
  return xlsxBytes(generatedAt, async (book) => {
    const sheet = await book.addSheet('Returns', {
      header: HEADERS,
      widths: HEADERS.map((_h, i) => (i === 0 ? 40 : i === 3 ? 28 : 18)),
    });
    // String cells are text in XLSX, never formulas: no apostrophe (that is for CSV only).
    await sheet.addRows(rows.map(cells));
    const about = await book.addSheet('About', { widths: [9, 60], boldFirstColumn: true });
    await about.addRows([
      ['Partnership', cycle.partnershipName],
      ['Audit', cycle.name],
      ['Closes', formatDateTime(cycle.closesAt)],
      ['Produced', formatDateTime(generatedAt)],
    ]);
  });
}
