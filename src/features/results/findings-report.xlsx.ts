/** The findings report as a workbook: the figures' sheets, the report's text and its good-practice quotes. */
import { formatDateTime } from '../../lib/dates.ts';
import { QUOTED_FIELD_LABELS, type Quote } from './findings-report.repository.ts';
import type { FindingsReport } from './findings-report.ts';
import type { ResultsFigures } from './results.ts';
import { addResultsSheets, writeWorkbook } from './results.xlsx.ts';

export async function findingsReportWorkbook(loaded: {
  partnershipName: string;
  cycle: { name: string };
  report: FindingsReport;
  figures: ResultsFigures;
  quotes: Quote[];
  now: Date;
}): Promise<Buffer> {
  const { report, figures } = loaded;
  return writeWorkbook(loaded.now, (book) => {
    addResultsSheets(book, figures, [
      ['Partnership', loaded.partnershipName],
      ['Audit', loaded.cycle.name],
      ['Report', report.status === 'final' ? 'Final' : 'Draft'],
      ['Made final', report.finalisedAt ? formatDateTime(report.finalisedAt) : 'Not yet'],
      ['Grades', 'The moderated grade where recorded, else the agency’s own'],
      ['Produced', formatDateTime(loaded.now)],
    ]);
    const text = book.addWorksheet('Report text');
    text.getColumn(1).width = 36;
    text.getColumn(2).width = 100;
    const header = text.addRow(['Section', 'Text']);
    header.font = { bold: true };
    header.commit();
    const sections: Array<[string, string]> = [
      ['Summary', report.summary],
      ['How the audit was run', report.method],
      ['Participation', report.participation],
      ...figures.distribution.map((d): [string, string] => [
        `${d.themeNumber}. ${d.themeTitle}`,
        report.themeFindings[d.themeKey] ?? '',
      ]),
      ['Areas for improvement', report.improvements],
      ['Recommendations', report.recommendations],
    ];
    // String cells are text in XLSX, never formulas: no apostrophe (that is for CSV only).
    for (const [k, v] of sections) text.addRow([k, v]).commit();
    text.commit();
    const quotes = book.addWorksheet('Good practice');
    const quoteHeader = quotes.addRow(['Theme', 'Agency', 'Question', 'From', 'Quote']);
    quoteHeader.font = { bold: true };
    quoteHeader.commit();
    for (const q of loaded.quotes)
      quotes
        .addRow([q.themeKey, q.agencyName, q.questionText, QUOTED_FIELD_LABELS[q.field], q.quote])
        .commit();
    quotes.commit();
  });
}
