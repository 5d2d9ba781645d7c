/**
 * The findings report as a PDF for the partnership's leaders: every section's text and the figures
 * beside it as tables with header cells, tagged for screen readers (see `lib/pdf.ts`).
 */
import { formatDateTime } from '../../lib/dates.ts';
import { PDF_BLACK, PDF_GREY, PDF_RED, pdfWriter } from '../../lib/pdf.ts';
import { parseBlocks } from '../guidance/simple-format.ts';
import { QUOTED_FIELD_LABELS, type Quote } from './findings-report.repository.ts';
import type { FindingsReport } from './findings-report.ts';
import type { ResultsFigures } from './results.ts';
import {
  calibrationSentence,
  calibrationTable,
  comparisonAgenciesTable,
  comparisonThemesTable,
  distributionTable,
  overdueActionsTable,
  type PlainTable,
  participationLines,
  participationTable,
  weakQuestionsTable,
} from './results-tables.ts';

/**
 * The most rows a table with a row per agency or per action has in the PDF. A report for the
 * partnership's leaders with a 10,000-row table was 6.6 MB and took seconds to make; past this the
 * table shows its first rows and says so, and the report's spreadsheet (and the results page, a page
 * at a time) has every row.
 */
export const PDF_LONG_TABLE_ROWS = 200;

export function findingsReportPdf(
  input: {
    partnershipName: string;
    cycleName: string;
    report: FindingsReport;
    figures: ResultsFigures;
    quotes: Quote[];
  },
  options: { compress?: boolean; generatedAt: Date },
): Promise<Buffer> {
  const { report, figures } = input;
  const { doc, room, heading, para, list, table, titleBlock, finish } = pdfWriter({
    title: `Section 11 findings report – ${input.cycleName}`,
    author: input.partnershipName,
    subject: `Findings of ${input.cycleName} across partner agencies`,
    generatedAt: options.generatedAt,
    compress: options.compress,
  });
  /** Text in the report's simple format: headings (at `level`), paragraphs and lists (bold markers dropped). */
  /** A table with a row per agency or action: its first rows only, saying so, when it is long. */
  const longTable = (t: PlainTable, weights: number[], things: string) => {
    if (t.rows.length <= PDF_LONG_TABLE_ROWS) return table(t, weights);
    para(
      `The first ${PDF_LONG_TABLE_ROWS} of ${t.rows.length.toLocaleString('en-GB')} ${things}: the report’s spreadsheet lists them all.`,
      { size: 9, colour: PDF_GREY },
    );
    table({ headers: t.headers, rows: t.rows.slice(0, PDF_LONG_TABLE_ROWS) }, weights);
  };
  const written = (text: string, empty: string, level: 3 | 4 = 3) => {
    if (!text.trim()) return para(empty, { colour: PDF_GREY });
    for (const block of parseBlocks(text.replace(/\*\*/g, ''))) {
      if (block.kind === 'heading') heading(block.text, level);
      else if (block.kind === 'paragraph') para(block.lines.join(' '));
      else list(block.items, block.kind !== 'bullets');
      doc.moveDown(0.3);
    }
  };

  titleBlock(input.partnershipName, `Findings report: ${input.cycleName}`);
  para(
    report.status === 'final' && report.finalisedAt
      ? `Final, ${formatDateTime(report.finalisedAt)}${report.finalisedByName ? ` (${report.finalisedByName})` : ''}`
      : 'Draft: the text may change, and the figures are as they stood when this was produced.',
    { colour: report.status === 'final' ? PDF_BLACK : PDF_RED, bold: report.status !== 'final' },
  );

  heading('Summary', 2);
  written(report.summary, 'No summary written.');
  heading('How the audit was run', 2);
  written(report.method, 'Not written.');

  heading('Participation', 2);
  written(report.participation, 'Not written.');
  const lines = participationLines(figures.participation);
  table({ headers: ['Returns', 'Number'], rows: lines.map(([label, value]) => [label, value]) }, [4, 1]);
  longTable(participationTable(figures.participation), [3, 2, 2, 2], 'agencies');

  heading('Findings by theme', 2);
  table(distributionTable(figures.distribution), [5, 1, 1, 1, 1, 1]);
  for (const d of figures.distribution) {
    heading(`${d.themeNumber}. ${d.themeTitle}`, 3);
    para(`Red ${d.red}, Amber ${d.amber}, Green ${d.green}, not rated ${d.notRated}.`, {
      colour: PDF_GREY,
      size: 9,
    });
    written(report.themeFindings[d.themeKey] ?? '', 'No findings written for this theme.', 4);
    const quotes = input.quotes.filter((q) => q.themeKey === d.themeKey);
    if (quotes.length) heading('Good practice', 4);
    for (const q of quotes) {
      room(50);
      para(`“${q.quote}”`, { indent: 12 });
      para(`${q.agencyName} – ${QUOTED_FIELD_LABELS[q.field].toLowerCase()} on “${q.questionText}”`, {
        indent: 12,
        size: 9,
        colour: PDF_GREY,
      });
      doc.moveDown(0.3);
    }
  }

  heading('Areas for improvement', 2);
  written(report.improvements, 'Not written.');
  if (figures.weakestQuestions.length)
    table(weakQuestionsTable(figures.weakestQuestions), [2, 5, 1, 1, 1, 1]);
  para(`Overdue actions: ${figures.overdueActions.length}`, { bold: true });
  if (figures.overdueActions.length)
    longTable(overdueActionsTable(figures.overdueActions), [3, 2, 4, 2, 2, 2], 'overdue actions');

  heading('Calibration', 2);
  para(calibrationSentence(figures.calibration));
  doc.moveDown(0.3);
  table(calibrationTable(figures.calibration), [4, 1, 1, 1, 1, 1]);

  if (figures.comparison) {
    const c = figures.comparison;
    heading(`Compared with ${c.cycleName}`, 2);
    para('Mean grades count Red as 1, Amber as 2 and Green as 3.', { size: 9, colour: PDF_GREY });
    table(comparisonThemesTable(c), [4, 1, 1, 2, 1, 1, 1]);
    if (c.agencies.length) longTable(comparisonAgenciesTable(c), [4, 1, 1, 1, 1, 2], 'agencies');
  }

  heading('Recommendations', 2);
  written(report.recommendations, 'No recommendations written.');

  return finish(
    (page, pages) =>
      `Page ${page} of ${pages} – findings report – ${input.cycleName} – produced ${formatDateTime(options.generatedAt)}`,
  );
}
