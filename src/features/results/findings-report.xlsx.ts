/** The findings report as a workbook: the figures' sheets, the report's text and its good-practice quotes. */
import { formatDateTime } from '../../lib/dates.ts';
import { xlsxBytes } from '../../lib/xlsx-writer.ts';
import { QUOTED_FIELD_LABELS, type Quote } from './findings-report.repository.ts';
import type { FindingsReport } from './findings-report.ts';
import type { ResultsFigures } from './results.ts';
import { addResultsSheets } from './results.xlsx.ts';

export async function findingsReportWorkbook(loaded: {
  partnershipName: string;
  cycle: { name: string };
  report: FindingsReport;
  figures: ResultsFigures;
  quotes: Quote[];
  now: Date;
}): Promise<Buffer> {
  const { report, figures } = loaded;
  return xlsxBytes(loaded.now, async (book) => {
    await addResultsSheets(book, figures, [
      ['Partnership', loaded.partnershipName],
      ['Audit', loaded.cycle.name],
      ['Report', report.status === 'final' ? 'Final' : 'Draft'],
      ['Made final', report.finalisedAt ? formatDateTime(report.finalisedAt) : 'Not yet'],
      ['Grades', 'The moderated grade where recorded, else the agency’s own'],
      ['Produced', formatDateTime(loaded.now)],
    ]);
    const text = await book.addSheet('Report text', { header: ['Section', 'Text'], widths: [36, 100] });
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
    await text.addRows(sections);
    const quotes = await book.addSheet('Good practice', {
      header: ['Theme', 'Agency', 'Question', 'From', 'Quote'],
    });
    await quotes.addRows(
      loaded.quotes.map((q) => [
        q.themeKey,
        q.agencyName,
        q.questionText,
        QUOTED_FIELD_LABELS[q.field],
        q.quote,
      ]),
    );
  });
}
