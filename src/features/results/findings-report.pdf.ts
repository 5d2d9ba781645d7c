/**
 * The findings report as a PDF for the partnership's leaders: every section's text and the figures
 * beside it, as tables of text (pdfkit's standard fonts, as the return's copy).
 */
import { formatDateTime } from '../../lib/dates.ts';
import { PDF_BLACK, PDF_GREY, PDF_MARGIN, PDF_RED, pdfText, pdfWriter } from '../../lib/pdf.ts';
import { parseBlocks } from '../guidance/simple-format.ts';
import { QUOTED_FIELD_LABELS, type Quote } from './findings-report.repository.ts';
import type { FindingsReport } from './findings-report.ts';
import type { ResultsFigures } from './results.ts';
import {
  type Cell,
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
  const { doc, width, room, heading, para, titleBlock, finish } = pdfWriter({
    title: `Section 11 findings report – ${input.cycleName}`,
    author: input.partnershipName,
    subject: `Findings of ${input.cycleName} across partner agencies`,
    generatedAt: options.generatedAt,
    compress: options.compress,
  });
  /** Text in the report's simple format: headings, paragraphs and lists (bold markers dropped). */
  const written = (text: string, empty: string) => {
    if (!text.trim()) return para(empty, { colour: PDF_GREY });
    for (const block of parseBlocks(text.replace(/\*\*/g, ''))) {
      if (block.kind === 'heading') para(block.text, { bold: true, size: 11 });
      else if (block.kind === 'paragraph') para(block.lines.join(' '));
      else {
        let n = 0;
        for (const item of block.items) {
          n++;
          para(`${block.kind === 'bullets' ? '•' : `${n}.`} ${item}`, { indent: 10 });
        }
      }
      doc.moveDown(0.3);
    }
  };
  /** A simple table: a bold header line and rows, in fixed columns. */
  const table = ({ headers, rows }: PlainTable, widths: number[]) => {
    const total = widths.reduce((s, w) => s + w, 0);
    const cols = widths.map((w) => (w / total) * width);
    const line = (cells: Cell[], bold: boolean) => {
      room(30);
      const y = doc.y;
      let x = PDF_MARGIN;
      let bottom = y;
      cells.forEach((c, i) => {
        doc
          .font(bold ? 'Helvetica-Bold' : 'Helvetica')
          .fontSize(9)
          .fillColor(PDF_BLACK)
          .text(pdfText(c === null ? '' : String(c)), x, y, { width: cols[i]! - 4 });
        bottom = Math.max(bottom, doc.y);
        x += cols[i]!;
      });
      doc.y = bottom + 3;
    };
    line(headers, true);
    for (const r of rows) line(r, false);
    doc.x = PDF_MARGIN;
    doc.moveDown(0.5);
  };

  titleBlock(input.partnershipName, `Findings report: ${input.cycleName}`);
  para(
    report.status === 'final' && report.finalisedAt
      ? `Final, ${formatDateTime(report.finalisedAt)}${report.finalisedByName ? ` (${report.finalisedByName})` : ''}`
      : 'Draft: the text may change, and the figures are as they stood when this was produced.',
    { colour: report.status === 'final' ? PDF_BLACK : PDF_RED, bold: report.status !== 'final' },
  );

  heading('Summary', 14);
  written(report.summary, 'No summary written.');
  heading('How the audit was run', 14);
  written(report.method, 'Not written.');

  heading('Participation', 14);
  written(report.participation, 'Not written.');
  const lines = participationLines(figures.participation);
  table(
    { headers: lines.map(([label]) => label), rows: [lines.map(([, value]) => value)] },
    lines.map(() => 1),
  );
  table(participationTable(figures.participation), [3, 2, 2, 2]);

  heading('Findings by theme', 14);
  table(distributionTable(figures.distribution), [5, 1, 1, 1, 1, 1]);
  for (const d of figures.distribution) {
    heading(`${d.themeNumber}. ${d.themeTitle}`, 12);
    para(`Red ${d.red}, Amber ${d.amber}, Green ${d.green}, not rated ${d.notRated}.`, {
      colour: PDF_GREY,
      size: 9,
    });
    written(report.themeFindings[d.themeKey] ?? '', 'No findings written for this theme.');
    const quotes = input.quotes.filter((q) => q.themeKey === d.themeKey);
    if (quotes.length) para('Good practice', { bold: true });
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

  heading('Areas for improvement', 14);
  written(report.improvements, 'Not written.');
  if (figures.weakestQuestions.length)
    table(weakQuestionsTable(figures.weakestQuestions), [2, 5, 1, 1, 1, 1]);
  para(`Overdue actions: ${figures.overdueActions.length}`, { bold: true });
  if (figures.overdueActions.length) table(overdueActionsTable(figures.overdueActions), [3, 2, 4, 2, 2, 2]);

  heading('Calibration', 14);
  para(calibrationSentence(figures.calibration));
  doc.moveDown(0.3);
  table(calibrationTable(figures.calibration), [4, 1, 1, 1, 1, 1]);

  if (figures.comparison) {
    const c = figures.comparison;
    heading(`Compared with ${c.cycleName}`, 14);
    para('Mean grades count Red as 1, Amber as 2 and Green as 3.', { size: 9, colour: PDF_GREY });
    table(comparisonThemesTable(c), [4, 1, 1, 2, 1, 1, 1]);
    if (c.agencies.length) table(comparisonAgenciesTable(c), [4, 1, 1, 1, 1, 2]);
  }

  heading('Recommendations', 14);
  written(report.recommendations, 'No recommendations written.');

  return finish(
    (page, pages) =>
      `${input.cycleName} – findings report – page ${page} of ${pages} – produced ${formatDateTime(options.generatedAt)}`,
  );
}
