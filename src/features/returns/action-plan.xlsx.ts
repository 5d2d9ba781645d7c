/** The action plan as a spreadsheet, for agencies that track actions alongside other plans. */
import { formatDateTime } from '../../lib/dates.ts';
import { loadExcelJS } from '../../lib/exceljs.ts';
import { ACTION_STATUS_LABELS, type ReturnRecord } from './return-records.ts';

export async function actionPlanWorkbook(record: ReturnRecord, generatedAt: Date): Promise<Buffer> {
  const { ctx } = record;
  const book = new (await loadExcelJS()).Workbook();
  book.creator = 'Section 11 Audit';
  book.created = generatedAt;
  const sheet = book.addWorksheet('Action plan', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: 'Theme', key: 'theme', width: 36 },
    { header: 'Source', key: 'source', width: 14 },
    { header: 'Question', key: 'question', width: 48 },
    { header: 'Action', key: 'action', width: 60 },
    { header: 'Lead', key: 'lead', width: 24 },
    { header: 'Target date', key: 'target', width: 14 },
    { header: 'Status', key: 'status', width: 16 },
    { header: 'Overdue', key: 'overdue', width: 10 },
    { header: 'Success criteria', key: 'criteria', width: 48 },
    { header: 'Latest update', key: 'update', width: 48 },
    { header: 'Updated', key: 'updated', width: 24 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const a of record.actions) {
    sheet.addRow({
      // String cells are text in XLSX, never formulas: no apostrophe (that is for CSV only).
      theme: `${a.themeNumber}. ${a.themeTitle}`,
      source: a.source,
      question: a.questionText ?? '',
      action: a.description,
      lead: a.leadPerson,
      target: a.targetDate ? new Date(`${a.targetDate}T00:00:00Z`) : null,
      status: ACTION_STATUS_LABELS[a.status],
      overdue: a.overdue ? 'Yes' : 'No',
      criteria: a.successCriteria,
      update: a.updates[0]?.note ?? '',
      updated: formatDateTime(a.updatedAt),
    });
  }
  sheet.getColumn('target').numFmt = 'dd/mm/yyyy';
  for (const key of ['question', 'action', 'criteria', 'update'])
    sheet.getColumn(key).alignment = { wrapText: true, vertical: 'top' };
  const about = book.addWorksheet('About');
  about.addRows([
    ['Agency', ctx.agencyName],
    ['Partnership', ctx.partnershipName],
    ['Audit', ctx.cycleName],
    ['Reference', ctx.reference ?? 'Not submitted'],
    ['Produced', formatDateTime(generatedAt)],
  ]);
  about.getColumn(1).font = { bold: true };
  about.getColumn(1).width = 16;
  about.getColumn(2).width = 60;
  return Buffer.from(await book.xlsx.writeBuffer());
}
