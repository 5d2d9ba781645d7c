/**
 * A cycle's results as a workbook: one sheet per figure, the same numbers as the page (with its
 * filters). Every text cell is kept from being read as a formula.
 */
import ExcelJS from 'exceljs';
import { formatDate, formatDateTime } from '../../lib/dates.ts';
import { safeCell } from '../../lib/spreadsheet.ts';
import { ACTION_STATUS_LABELS } from '../returns/return-records.ts';
import { RAG_LABELS } from '../returns/return-structure.ts';
import {
  type Distribution,
  gradeDifference,
  PARTICIPATION_LABELS,
  type ResultsFigures,
  TREND_LABELS,
} from './results.ts';

type Cell = string | number | null;

function addSheet(book: ExcelJS.Workbook, name: string, headers: string[], rows: Cell[][]): void {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(headers).font = { bold: true };
  for (const row of rows) sheet.addRow(row.map((c) => (typeof c === 'string' ? safeCell(c) : (c ?? ''))));
  sheet.columns.forEach((column, i) => {
    column.width = i === 0 ? 44 : 16;
  });
}

const distributionRows = (rows: Distribution[], prefix: Cell[] = []): Cell[][] =>
  rows.map((d) => [
    ...prefix,
    `${d.themeNumber}. ${d.themeTitle}`,
    d.red,
    d.amber,
    d.green,
    d.notRated,
    d.total,
  ]);

/** The figures' sheets, added to `book` after an "About" sheet of `about` lines. */
export function addResultsSheets(
  book: ExcelJS.Workbook,
  figures: ResultsFigures,
  about: Array<[string, string]>,
): void {
  const aboutSheet = book.addWorksheet('About');
  aboutSheet.addRows(about.map(([k, v]) => [safeCell(k), safeCell(v)]));
  aboutSheet.getColumn(1).font = { bold: true };
  aboutSheet.getColumn(1).width = 28;
  aboutSheet.getColumn(2).width = 80;

  const p = figures.participation;
  addSheet(
    book,
    'Participation',
    ['Agency', 'Deadline', 'Submitted', 'Participation'],
    [
      ...p.agencies.map((a) => [
        a.agencyName,
        formatDateTime(new Date(a.deadline)),
        a.submittedAt ? formatDateTime(new Date(a.submittedAt)) : 'Not submitted',
        PARTICIPATION_LABELS[a.state],
      ]),
      [],
      ['Invited', p.invited],
      ['Submitted', p.submitted],
      ['Submitted on time', p.onTime],
      ['Submitted late', p.submittedLate],
      ['Not submitted by their deadline', p.overdue],
      ['Not submitted, not yet due', p.notYetDue],
      ['Late (either way)', p.late],
      ['Per cent submitted', p.percentSubmitted],
    ],
  );
  const distHeaders = ['Theme', 'Red', 'Amber', 'Green', 'Not rated', 'Agencies'];
  addSheet(book, 'Grades by theme', distHeaders, distributionRows(figures.distribution));
  addSheet(
    book,
    'Agencies and themes',
    [
      'Agency',
      ...figures.themes.flatMap((t) => [
        `${t.number}. ${t.title}: self-assessed`,
        `${t.number}. ${t.title}: moderated`,
        `${t.number}. ${t.title}: difference`,
      ]),
    ],
    figures.heatmap.map((row) => [
      row.agencyName,
      ...row.cells.flatMap((c): Cell[] => {
        if (!c.applies) return ['Does not apply', '', ''];
        return [
          c.self ? RAG_LABELS[c.self] : 'Not rated',
          c.moderated ? RAG_LABELS[c.moderated] : 'Not moderated',
          gradeDifference(c),
        ];
      }),
    ]),
  );
  addSheet(
    book,
    'By locality',
    ['Locality', ...distHeaders],
    figures.byLocality.flatMap((g) => distributionRows(g.themes, [g.name])),
  );
  addSheet(
    book,
    'By sector',
    ['Sector', ...distHeaders],
    figures.bySector.flatMap((g) => distributionRows(g.themes, [g.name])),
  );
  addSheet(
    book,
    'Questions not met',
    ['Theme', 'Question number', 'Question', 'Not met', 'Partly met', 'No', 'Answered'],
    figures.weakestQuestions.map((q) => [
      `${q.themeNumber}. ${q.themeTitle}`,
      q.questionNumber,
      q.questionText,
      q.notMet,
      q.partlyMet,
      q.no,
      q.answered,
    ]),
  );
  const cal = figures.calibration;
  addSheet(
    book,
    'Calibration',
    [
      'Theme',
      'Moderated',
      'Agreed',
      'Graded higher by the agency',
      'Graded lower by the agency',
      'Agreement %',
    ],
    [
      ...cal.themes.map((l) => [
        `${l.themeNumber}. ${l.themeTitle}`,
        l.moderated,
        l.agreed,
        l.overGraded,
        l.underGraded,
        l.agreementRate,
      ]),
      [
        'All themes',
        cal.total.moderated,
        cal.total.agreed,
        cal.total.overGraded,
        cal.total.underGraded,
        cal.total.agreementRate,
      ],
    ],
  );
  addSheet(
    book,
    'Overdue actions',
    ['Agency', 'Theme', 'Action', 'Lead', 'Target date', 'Status'],
    figures.overdueActions.map((a) => [
      a.agencyName,
      a.themeTitle,
      a.description,
      a.leadPerson,
      formatDate(a.targetDate),
      ACTION_STATUS_LABELS[a.status],
    ]),
  );
  const c = figures.comparison;
  if (c) {
    addSheet(
      book,
      'Compared by theme',
      [
        'Theme',
        `Mean grade in ${c.cycleName}`,
        'Mean grade now',
        'Overall',
        'Agencies better',
        'Same',
        'Worse',
      ],
      c.themes.map((t) => [
        `${t.themeNumber}. ${t.themeTitle}`,
        t.previous,
        t.current,
        t.trend ? TREND_LABELS[t.trend] : 'Not comparable',
        t.better,
        t.same,
        t.worse,
      ]),
    );
    addSheet(
      book,
      'Compared by agency',
      ['Agency', 'Themes compared', 'Better', 'Same', 'Worse', 'Overall'],
      c.agencies.map((a) => [
        a.agencyName,
        a.compared,
        a.better,
        a.same,
        a.worse,
        a.trend ? TREND_LABELS[a.trend] : 'Not comparable',
      ]),
    );
  }
}

export function newWorkbook(generatedAt: Date): ExcelJS.Workbook {
  const book = new ExcelJS.Workbook();
  book.creator = 'Section 11 Audit';
  book.created = generatedAt;
  return book;
}

export async function resultsWorkbook(
  figures: ResultsFigures,
  about: Array<[string, string]>,
  generatedAt: Date,
): Promise<Buffer> {
  const book = newWorkbook(generatedAt);
  addResultsSheets(book, figures, about);
  return Buffer.from(await book.xlsx.writeBuffer());
}
